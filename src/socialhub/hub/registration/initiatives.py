"""A member registers an initiative; its lead organisation comes with it.

The lead organisation is named by UID (an entry the member can see) or by
name. A name is looked up as registrations look for duplicates (same web
site, near-identical name in any language, private entries included): a
match becomes the lead, and its owners are told; no match makes a
registered (private) entry owned by the member, who is asked, by mail and by
a notice on the initiative's page (:func:`lead_to_complete`), to complete it.
"""

from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from socialhub.core import _
from socialhub.core.notifications import mail
from socialhub.core.sections import language_roots
from socialhub.hub.duplicates import find_duplicates
from socialhub.hub.registration.registration import check_registration
from socialhub.hub.registration.registration import create_entry
from socialhub.hub.registration.registration import give_to
from socialhub.hub.registration.registration import REQUIRED_MESSAGE
from socialhub.hub.registration.registration import TEXT_MESSAGE
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import re


INITIATIVES_SECTION = "initiatives"
INITIATIVE_TYPE = "Initiative"
#: Annotation of an initiative: the UID of the lead entry made for it.
LEAD_KEY = "socialhub.hub.lead_to_complete"
NO_SECTION = _(
    "error_no_initiatives_section",
    default="This site has no initiatives in this language.",
)
UID_PATTERN = re.compile(r"[0-9a-f]{32}")
#: The properties of the lead organisation, besides the initiative's own.
LEAD_FIELDS = (
    "lead_organisation",
    "lead_organisation_website",
    "lead_organisation_country",
)

MAIL_LEAD_CREATED_SUBJECT = _(
    "mail_subject_lead_created",
    default="Complete the entry of ${organisation}",
)
MAIL_LEAD_CREATED_BODY = _(
    "mail_body_lead_created",
    default="Hello ${name},\n\n"
    "You registered the initiative ${title}. Its lead organisation, "
    "${organisation}, was not in the directory: we added it for you as a "
    "private entry that is yours. Please complete it and submit it for "
    "verification:\n\n${url}\n",
)
MAIL_LEAD_LINKED_SUBJECT = _(
    "mail_subject_lead_linked",
    default="${organisation} leads a new initiative: ${title}",
)
MAIL_LEAD_LINKED_BODY = _(
    "mail_body_lead_linked",
    default="Hello,\n\n"
    "A member registered the initiative ${title} and named ${organisation}, "
    "whose entry is yours, as its lead organisation. The initiative will be "
    "published once it is reviewed.\n\n${url}\n",
)


def initiatives_section(language):
    """The initiatives section of ``language``'s root, or None."""
    root = language_roots().get(language)
    return root.get(INITIATIVES_SECTION) if root is not None else None


def check_lead(data, language):
    """How the lead organisation is named: ``(lead, errors)``.

    ``lead`` is ``{"uid": ...}`` for an entry given by UID (the member must be
    able to see it), ``{"title", "website", "country"}`` for one given by
    name, or None. ``errors`` as :func:`check_registration` gives them.
    """
    value = data.get("lead_organisation")
    if value in (None, ""):
        return None, [{"field": "lead_organisation", "message": REQUIRED_MESSAGE}]
    if not isinstance(value, str):
        return None, [{"field": "lead_organisation", "message": TEXT_MESSAGE}]
    value = value.strip()
    if UID_PATTERN.fullmatch(value):
        item = api.content.get(UID=value)
        if item is None or item.portal_type != "Actor":
            return None, [
                {
                    "field": "lead_organisation",
                    "message": _(
                        "error_no_such_organisation",
                        default="No organisation ${uid} was found.",
                        mapping={"uid": value},
                    ),
                }
            ]
        return {"uid": value, "item": item}, []
    values, errors = check_registration(
        {
            "title": value,
            "website": data.get("lead_organisation_website") or None,
            "country": data.get("lead_organisation_country") or None,
        },
        language,
    )
    names = {
        "title": "lead_organisation",
        "website": "lead_organisation_website",
        "country": "lead_organisation_country",
    }
    errors = [
        {"field": names[error["field"]], "message": error["message"]}
        for error in errors
        if error.get("field") in names
        # Only the name is required of a lead organisation.
        and (error["field"] == "title" or error["message"] is not REQUIRED_MESSAGE)
    ]
    return {key: values.get(key) for key in names}, errors


def check_initiative(data, language):
    """What is wrong with an initiative's registration: ``(lead, errors)``.

    The title and the lead organisation are required (:func:`check_lead`);
    the initiative's other fields are its deserializer's business.
    """
    lead, errors = check_lead(data, language)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        message = REQUIRED_MESSAGE if not title else TEXT_MESSAGE
        if isinstance(title, str):
            message = REQUIRED_MESSAGE
        errors.insert(0, {"field": "title", "message": message})
    if not errors and initiatives_section(language) is None:
        errors.append({"message": NO_SECTION})
    return lead, errors


def find_lead(lead, language):
    """The existing entry ``lead`` names (its own language's first), or None."""
    if "item" in lead:
        return lead["item"]
    found = find_duplicates(title=lead["title"], website=lead["website"])
    if not found:
        return None
    same_language = [item for item in found if item.Language() == language]
    return (same_language or found)[0]


def link_lead(initiative, actor):
    """Make ``actor`` the lead organisation of ``initiative``."""
    initiative.lead_organisation = RelationValue(getUtility(IIntIds).getId(actor))
    notify(ObjectModifiedEvent(initiative))


def create_initiative(language, userid, title=None):
    """A private initiative in ``language``, owned by ``userid``, to fill."""
    section = initiatives_section(language)
    title = title.strip()[:200] if isinstance(title, str) else ""
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=section,
            type=INITIATIVE_TYPE,
            title=title or "initiative",
            safe_id=True,
            language=language,
        )
    give_to(item, userid)
    return item


def settle_lead(initiative, lead, language, member):
    """Link the lead of ``initiative``, making or telling as needed.

    Returns ``(actor, created)``.
    """
    actor = find_lead(lead, language)
    created = actor is None
    email = member.getProperty("email")
    name = member.getProperty("fullname") or member.getUserName()
    if created:
        actor = create_entry(
            {
                "title": lead["title"],
                "website": lead.get("website"),
                "country": lead.get("country"),
                "contact_name": name,
                "contact_email": email,
            },
            language,
            member.getId(),
        )
        IAnnotations(initiative)[LEAD_KEY] = actor.UID()
    link_lead(initiative, actor)
    mapping = {
        "name": name,
        "title": initiative.Title(),
        "organisation": actor.Title(),
    }
    if created:
        mail(
            member.getId(),
            MAIL_LEAD_CREATED_SUBJECT,
            MAIL_LEAD_CREATED_BODY,
            language,
            {**mapping, "url": actor.absolute_url() + "/edit"},
        )
    else:
        owners = {
            principal
            for principal, roles in actor.get_local_roles()
            if "Owner" in roles and principal != member.getId()
        }
        for owner in sorted(owners):
            mail(
                owner,
                MAIL_LEAD_LINKED_SUBJECT,
                MAIL_LEAD_LINKED_BODY,
                actor.Language() or language,
                {**mapping, "url": actor.absolute_url()},
            )
    return actor, created


#: What the initiative's own deserializer must not see.
NOT_INITIATIVE_FIELDS = LEAD_FIELDS + ("@type", "id", "UID", "language")


def register_initiative(request, data, language, lead):
    """Register the initiative of ``data`` for the current member.

    ``lead`` as :func:`check_lead` gives it. The initiative's own fields
    (all of ``data`` but the lead's and :data:`NOT_INITIATIVE_FIELDS`) go
    through plone.restapi's deserializer as the member, the owner of the new
    private initiative: a wrong or unknown one raises ``BadRequest`` with
    its field errors (the caller's transaction must then be dropped).
    Returns ``(initiative, lead_actor, created)``.
    """
    member = api.user.get_current()
    initiative = create_initiative(language, member.getId(), data.get("title"))
    fields = {
        key: value for key, value in data.items() if key not in NOT_INITIATIVE_FIELDS
    }
    deserializer = getMultiAdapter((initiative, request), IDeserializeFromJson)
    deserializer(validate_all=True, data=fields, create=True)
    actor, created = settle_lead(initiative, lead, language, member)
    initiative.reindexObject()
    return initiative, actor, created


def lead_to_complete(initiative):
    """The lead entry made for ``initiative`` that is still to be completed, or None.

    Still "registered" (not yet submitted for verification); None once it
    was submitted or removed.
    """
    uid = IAnnotations(initiative).get(LEAD_KEY)
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    if not brains or brains[0].review_state != "registered":
        return None
    return brains[0]._unrestrictedGetObject()


def lead_to_complete_for_user(initiative):
    """The lead entry to complete, if the current user may edit it, else None.

    What the initiative's notice (Classic UI) and its ``lead_to_complete``
    REST component show: the entry's owner and editors only.
    """
    actor = lead_to_complete(initiative)
    if actor is None or not api.user.has_permission("Modify portal content", obj=actor):
        return None
    return actor
