"""POST ``@sharing``: granting a role one may not delegate is a 403.

Stock plone.restapi answers 204 and silently drops such a role, so a client
believes it granted what it did not. Here the request names the role and
changes nothing.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services.content.sharing import SharingPost as BaseSharingPost
from socialhub.core import _
from zope.component import getMultiAdapter
from zope.i18n import translate


class SharingPost(BaseSharingPost):
    """plone.restapi's sharing update, refusing roles the user cannot delegate."""

    def reply(self):
        refused = self.refused_roles()
        if refused:
            self.request.response.setStatus(403)
            message = _(
                "error_sharing_role",
                default="You may not grant the role ${role} here.",
                mapping={"role": refused[0]},
            )
            return {
                "error": {
                    "type": "Forbidden",
                    "message": translate(message, context=self.request),
                }
            }
        return super().reply()

    def refused_roles(self):
        """Roles the request grants that the sharing page does not offer the user."""
        data = json_body(self.request)
        entries = data.get("entries", []) if isinstance(data, dict) else []
        sharing = getMultiAdapter((self.context, self.request), name="sharing")
        allowed = {role["id"] for role in sharing.roles()}
        return sorted(
            {
                role
                for entry in entries
                if isinstance(entry, dict)
                for role, granted in (entry.get("roles") or {}).items()
                if granted is True and role not in allowed
            }
        )
