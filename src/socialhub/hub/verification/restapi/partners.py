"""``@verification-partners``: the partner organisations that verify, and their scope.

GET (the secretariat: "socialhub: Manage verification partners") lists the
partners: ``id`` (the Plone group of its verifiers), ``title``,
``organisation`` (UID of its Actor entry, optional), ``geography`` and
``themes`` (taxonomy tokens). POST ``{"id", "title", "organisation",
"geography", "themes"}`` creates the partner and its group
(``verifiers-<id>``), or changes the scope of an existing one; add the
verifiers to the group with ``@groups``. A scope needs at least one term.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.errors import refuse_field
from socialhub.hub.verification import partners
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


def serialize(group_id, partner):
    """A partner as JSON."""
    return {
        "id": group_id,
        "title": partner["title"],
        "organisation": partner["organisation"],
        "geography": list(partner["geography"]),
        "themes": list(partner["themes"]),
        "members": partners.members(group_id),
    }


class PartnersGet(Service):
    """GET ``@verification-partners``."""

    def reply(self):
        items = [
            serialize(gid, p) for gid, p in sorted(partners.all_partners().items())
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@verification-partners",
            "items_total": len(items),
            "items": items,
        }


class PartnersPost(Service):
    """POST ``@verification-partners``: create a partner or change its scope."""

    def fail(self, field, message):
        refuse_field(field, message, self.request)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest(
                translate(
                    _(
                        "error_json_object",
                        default=("The request body must be a JSON object."),
                    ),
                    context=self.request,
                )
            )
        unknown = sorted(set(data) - set(partners.PARTNER_FIELDS))
        if unknown:
            self.fail(
                unknown[0], _("error_unknown_property", default="Unknown property.")
            )
        errors, clean = partners.check_partner(data)
        if errors:
            self.fail(errors[0]["field"], errors[0]["message"])
        group_id, partner, created = partners.add_or_change_partner(clean)
        if created:
            self.request.response.setStatus(201)
        return serialize(group_id, partner)
