"""``@verification-partners``: the partner organisations that verify, and their scope.

GET (the secretariat: "socialhub: Manage verification partners") lists the
partners: ``id`` (the Plone group of its verifiers), ``title``,
``organisation`` (UID of its Actor entry, optional), ``geography`` and
``themes`` (taxonomy tokens). POST ``{"id", "title", "organisation",
"geography", "themes"}`` creates the partner and its group
(``verifiers-<id>``), or changes the scope of an existing one; add the
verifiers to the group with ``@groups``. A scope needs at least one term.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.hub.verification import partners
from socialhub.taxonomy.terms import terms
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides

import re


PARTNER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
TITLE_MAX = 200


def serialize(group_id, partner):
    """A partner as JSON."""
    return {
        "id": group_id,
        "title": partner["title"],
        "organisation": partner["organisation"],
        "geography": list(partner["geography"]),
        "themes": list(partner["themes"]),
        "members": sorted(
            user.getId() for user in api.user.get_users(groupname=group_id)
        )
        if api.group.get(groupname=group_id)
        else [],
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
        raise BadRequest(
            [{"field": field, "message": translate(message, context=self.request)}]
        )

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
        unknown = sorted(
            set(data) - {"id", "title", "organisation", "geography", "themes"}
        )
        if unknown:
            self.fail(
                unknown[0], _("error_unknown_property", default="Unknown property.")
            )
        partner_id = data.get("id")
        if not isinstance(partner_id, str) or not PARTNER_ID.match(partner_id):
            self.fail(
                "id",
                _(
                    "error_partner_id",
                    default="2 to 40 lowercase letters, digits and hyphens.",
                ),
            )
        title = data.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > TITLE_MAX:
            self.fail(
                "title",
                _("error_partner_title", default="The partner's name is required."),
            )
        organisation = data.get("organisation") or None
        if organisation is not None and not (
            isinstance(organisation, str)
            and api.content.get(UID=organisation) is not None
            and api.content.get(UID=organisation).portal_type == "Actor"
        ):
            self.fail(
                "organisation",
                _(
                    "error_partner_organisation",
                    default="Not the UID of an organisation of the directory.",
                ),
            )
        scope = {name: self.tokens(data, name) for name in partners.SCOPE_TAXONOMIES}
        if not any(scope.values()):
            self.fail(
                "geography",
                _(
                    "error_partner_scope",
                    default="Give the scope: at least one region, country or theme.",
                ),
            )
        group_id = partners.GROUP_PREFIX + partner_id
        created = api.group.get(groupname=group_id) is None
        if created:
            api.group.create(groupname=group_id, title=title.strip())
        partner = partners.save_partner(
            group_id, title.strip(), organisation, scope["geography"], scope["themes"]
        )
        if created:
            self.request.response.setStatus(201)
        return serialize(group_id, partner)

    def tokens(self, data, name):
        value = data.get(name) or []
        vocabulary = terms(name, "en")
        if (
            not isinstance(value, list)
            or len(value) > 300
            or not all(isinstance(token, str) for token in value)
            or vocabulary is None
            or any(token not in vocabulary for token in value)
        ):
            self.fail(
                name,
                _(
                    "error_partner_terms",
                    default="A list of terms of the ${taxonomy} taxonomy.",
                    mapping={"taxonomy": name},
                ),
            )
        return sorted(set(value))
