"""POST ``@register-initiative``: a member registers an initiative and its lead.

On the site root or a language root (the initiative's language, as for
``@register-organisation``). The body is an initiative as ``POST`` to the
initiatives section takes it (``title``, ``objectives``, ``themes``...), its
lead organisation named by ``lead_organisation``: a UID, or a name with
optional ``lead_organisation_website`` and ``lead_organisation_country``.
The initiative is private and the member's, to submit for review.

201 with the initiative as ``GET`` shows it to its owner, plus
``lead_organisation_created`` (whether a new entry was made for the lead)
and ``lead_organisation_to_complete`` (that entry, to complete and submit,
or null). 401 for Anonymous; 400 naming each wrong field, nothing made.
"""

from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from socialhub.hub.registration import initiatives
from socialhub.hub.registration import registration
from socialhub.hub.registration.restapi import JSONPostService
from zExceptions import Unauthorized
from zope.component import getMultiAdapter


#: What the initiative's own deserializer must not see.
NOT_INITIATIVE_FIELDS = initiatives.LEAD_FIELDS + ("@type", "id", "UID", "language")


class RegisterInitiativePost(JSONPostService):
    """Register an initiative; find, or make, its lead organisation."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to register an initiative.")
        data = self.body()
        language = registration.entry_language(self.context, self.request)
        lead, errors = initiatives.check_lead(data, language)
        if not data.get("title"):
            errors.insert(
                0, {"field": "title", "message": registration.REQUIRED_MESSAGE}
            )
        if errors:
            self.refuse(errors)
        if initiatives.initiatives_section(language) is None:
            self.refuse([{"message": initiatives.NO_SECTION}])
        member = api.user.get_current()
        initiative = initiatives.create_initiative(
            language, member.getId(), data.get("title")
        )
        fields = {
            key: value
            for key, value in data.items()
            if key not in NOT_INITIATIVE_FIELDS
        }
        deserializer = getMultiAdapter((initiative, self.request), IDeserializeFromJson)
        deserializer(validate_all=True, data=fields, create=True)
        actor, created = initiatives.settle_lead(initiative, lead, language, member)
        initiative.reindexObject()
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", initiative.absolute_url())
        answer = getMultiAdapter((initiative, self.request), ISerializeToJson)()
        answer["lead_organisation_created"] = created
        answer["lead_organisation_to_complete"] = (
            {"@id": actor.absolute_url(), "title": actor.Title(), "UID": actor.UID()}
            if created
            else None
        )
        return answer
