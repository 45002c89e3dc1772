"""POST ``@sharing``: a malformed body is a 400, a role one may not delegate a 403.

Stock plone.restapi answers 204 and silently drops such a role, so a client
believes it granted what it did not, and answers 500 to a body whose
``entries`` is not a list of ``{"id", "type", "roles"}`` objects. Here the
request names the problem and changes nothing.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services.content.sharing import SharingPost as BaseSharingPost
from socialhub.core import _
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.component import getMultiAdapter
from zope.i18n import translate


class SharingPost(BaseSharingPost):
    """plone.restapi's sharing update, refusing roles the user cannot delegate."""

    def reply(self):
        data = json_body(self.request)
        self.check(data)
        refused = self.refused_roles(data.get("entries") or [])
        if refused:
            message = _(
                "error_sharing_role",
                default="You may not grant the role ${role} here.",
                mapping={"role": refused[0]},
            )
            raise Forbidden(translate(message, context=self.request))
        return super().reply()

    def check(self, data):
        """Refuse a body that is not ``{"entries": [...], "inherit": bool}``."""
        problem = None
        entries = data.get("entries", [])
        if "inherit" in data and not isinstance(data["inherit"], bool):
            problem = (
                "inherit",
                _("error_property_boolean", default="Give true or false."),
            )
        elif not isinstance(entries, list) or not all(map(is_entry, entries)):
            problem = (
                "entries",
                _(
                    "error_sharing_entries",
                    default='Give a list of {"id": ..., "type": "user" or "group", '
                    '"roles": {"<role>": true or false}}.',
                ),
            )
        if problem:
            name, message = problem
            raise BadRequest(
                [{"field": name, "message": translate(message, context=self.request)}]
            )

    def refused_roles(self, entries):
        """Roles the request grants that the sharing page does not offer the user."""
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


def is_entry(entry):
    """Whether ``entry`` is ``{"id", "type", "roles": {role: bool}}``."""
    roles = entry.get("roles", {}) if isinstance(entry, dict) else None
    return (
        isinstance(roles, dict)
        and isinstance(entry.get("id"), str)
        and entry.get("type", "user") in ("user", "group")
        and all(isinstance(granted, bool) for granted in roles.values())
    )
