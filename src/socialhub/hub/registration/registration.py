"""What registering an organisation does, for the REST services and the forms.

:func:`check_registration` reads what a registrant sent and names every
field that is wrong; :func:`register_organisation` refuses a duplicate or a
client that registers too often, then makes (or finds) the contact person's
account and the organisation's entry, and mails the confirmation link.
:func:`confirm_registration` and :func:`request_claim` are the next steps.
Nothing here translates: messages are message ids, the callers translate
them for their request.
"""

from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import IPloneSiteRoot
from plone.schema import Email
from socialhub.core import _
from socialhub.core.fields import InvalidCountryCode
from socialhub.core.fields import InvalidWebURL
from socialhub.core.fields import is_country_code
from socialhub.core.fields import validate_url
from socialhub.core.languages import search_language
from socialhub.core.limits import text_setting
from socialhub.core.notifications import mail
from socialhub.core.notifications import reviewer_addresses
from socialhub.core.ratelimit import check_rate
from socialhub.core.ratelimit import client_address
from socialhub.core.sections import language_roots
from socialhub.core.tokens import make_token
from socialhub.core.tokens import redeem_token
from socialhub.hub import accounts
from socialhub.hub.duplicates import find_duplicates
from socialhub.hub.duplicates import is_public
from socialhub.taxonomy.terms import get_taxonomy
from socialhub.taxonomy.terms import TaxonomyTerms
from socialhub.taxonomy.terms import unknown_term
from zope.schema import ValidationError

import logging


logger = logging.getLogger("socialhub.hub")

#: Every field a registration takes, in the order of the form.
FIELDS = (
    "title",
    "website",
    "country",
    "actor_type",
    "themes",
    "description",
    "contact_name",
    "contact_email",
    "accept_terms",
)
REQUIRED = (
    "title",
    "website",
    "country",
    "contact_name",
    "contact_email",
    "accept_terms",
)
#: The hidden field people never fill and robots do: collective.honeypot's
#: default name, so that a site that also installs it protects the same way.
HONEYPOT_FIELD = "protected_1"
#: The longest e-mail address (RFC 5321).
MAX_EMAIL_LENGTH = 254
ACTORS_SECTION = "actors"
ACTOR_TYPE = "Actor"
SETTINGS_PREFIX = "socialhub.hub.registration"
CLAIM_PURPOSE = "claim-entry"
#: How long the claim token of a refused registration works (seconds).
CLAIM_MAX_AGE = 24 * 3600
#: At most this many entries are named by one claim token.
MAX_CLAIMED = 5

REQUIRED_MESSAGE = _("error_property_required", default="Required.")
TEXT_MESSAGE = _("error_property_text", default="Give a text.")

MAIL_CONFIRM_SUBJECT = _(
    "mail_subject_confirm_registration",
    default="Confirm the registration of ${title}",
)
MAIL_CONFIRM_BODY = _(
    "mail_body_confirm_registration",
    default="Hello ${name},\n\n"
    "${title} was registered on ${site} with this e-mail address. To confirm "
    "it and choose your password, open this link (it works for ${days} days) "
    "and press the button on the page:\n\n${url}\n\n"
    "You will then log in with this e-mail address, complete the entry and "
    "submit it for verification. If you did not register, ignore this message: "
    "nothing will be published.\n",
)
MAIL_REGISTERED_SUBJECT = _(
    "mail_subject_registered_member",
    default="${title} was registered with your account",
)
MAIL_REGISTERED_BODY = _(
    "mail_body_registered_member",
    default="Hello ${name},\n\n"
    "${title} was registered on ${site} with your e-mail address, and the "
    "entry is yours. Log in with this address to complete it and submit it "
    "for verification:\n\n${url}\n\n"
    "If you did not register it, tell us by answering this message.\n",
)
MAIL_CLAIM_SUBJECT = _(
    "mail_subject_claim_request",
    default="Request to claim ${title}",
)
MAIL_CLAIM_BODY = _(
    "mail_body_claim_request",
    default="${name} <${email}> asks to manage the entry ${title}:\n\n"
    "${message}\n\n${url}\n\n"
    "If they speak for the organisation, share the entry with them on its "
    "sharing page.\n",
)


class RegistrationError(Exception):
    """A refused registration or request; :attr:`status` is the HTTP status."""

    status = 400

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        #: ``[{"field", "message"}]`` of a refused input.
        self.errors = errors or []


class DuplicateEntry(RegistrationError):
    """409: the organisation may already have an entry."""

    status = 409

    def __init__(self, items):
        super().__init__(
            _(
                "error_duplicate_organisation",
                default="This organisation seems to be in the directory already. "
                "If you speak for it, ask to manage its entry instead: send a "
                "claim request with the claim token of this answer.",
            )
        )
        #: The entries found, public or not: show only :attr:`public` ones.
        self.items = items
        self.public = [item for item in items if is_public(item)]
        self.claim_token = make_token(
            CLAIM_PURPOSE, [item.UID() for item in items[:MAX_CLAIMED]], CLAIM_MAX_AGE
        )


def valid_email(value):
    """Whether ``value`` is one e-mail address, as Plone's Email field says."""
    if any(char.isspace() for char in value):
        return False
    try:
        Email().validate(value)
    except ValidationError:
        return False
    return True


def setting(name):
    """A registry record of :class:`..interfaces.IRegistrationSettings`."""
    return api.portal.get_registry_record(f"{SETTINGS_PREFIX}.{name}")


def entry_language(context, request):
    """The language of an entry registered at ``context``.

    A language root (or anything inside one) gives its language, the site
    root the request's; a language the site does not offer gives the
    default one.
    """
    language = search_language(context, request)
    if language not in language_roots():
        language = api.portal.get_default_language()
    return language


def registration_context(context):
    """Whether registrations are taken at ``context``: the site or a language root."""
    return IPloneSiteRoot.providedBy(context) or ILanguageRootFolder.providedBy(context)


def honeypot_filled(data):
    """Whether a robot filled the hidden honeypot field."""
    value = data.get(HONEYPOT_FIELD) if isinstance(data, dict) else None
    if isinstance(value, list):
        value = "".join(str(part) for part in value)
    return bool(value)


def _text(data, name, errors, limit=None):
    value = data.get(name)
    if value is None or value == "":
        if name in REQUIRED:
            errors.append({"field": name, "message": REQUIRED_MESSAGE})
        return ""
    if not isinstance(value, str):
        errors.append({"field": name, "message": TEXT_MESSAGE})
        return ""
    value = value.strip()
    if not value and name in REQUIRED:
        errors.append({"field": name, "message": REQUIRED_MESSAGE})
    limit = limit or text_setting("textline_max_length")
    if len(value) > limit:
        errors.append(
            {
                "field": name,
                "message": _(
                    "error_text_too_long",
                    default="This text has ${length} characters: at most "
                    "${limit} are allowed.",
                    mapping={"length": len(value), "limit": limit},
                ),
            }
        )
    return value


def _terms(data, name, taxonomy_name, language, errors):
    value = data.get(name)
    if value is None or value == "" or value == []:
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        errors.append(
            {
                "field": name,
                "message": _(
                    "error_terms_list",
                    default="Give a term or a list of terms.",
                ),
            }
        )
        return []
    taxonomy = get_taxonomy(taxonomy_name)
    terms = TaxonomyTerms(taxonomy, language) if taxonomy is not None else ()
    for token in values:
        if token not in terms:
            errors.append(
                {"field": name, "message": unknown_term(token[:60], taxonomy_name)}
            )
            return []
    return list(dict.fromkeys(values))


def check_registration(data, language):
    """The values of a registration, checked: ``(values, errors)``.

    ``errors`` is ``[{"field", "message"}]`` (message ids), one for each
    wrong field, in the order of :data:`FIELDS`; an unknown field is an
    error too. ``values`` holds the cleaned values (country in upper case,
    e-mail in lower case, terms as lists).
    """
    errors = []
    if not isinstance(data, dict):
        return {}, [
            {
                "message": _(
                    "error_json_object",
                    default="The request body must be a JSON object.",
                )
            }
        ]
    values = {
        "title": _text(data, "title", errors),
        "website": _text(data, "website", errors),
    }
    if values["website"] and not any(e["field"] == "website" for e in errors):
        try:
            validate_url(values["website"])
        except InvalidWebURL as error:
            errors.append({"field": "website", "message": error.doc()})
    country = _text(data, "country", errors).upper()
    if country:
        try:
            is_country_code(country)
        except InvalidCountryCode as error:
            errors.append({"field": "country", "message": error.__doc__})
    values["country"] = country
    values["actor_type"] = _terms(data, "actor_type", "actor_types", language, errors)
    values["themes"] = _terms(data, "themes", "themes", language, errors)
    values["description"] = _text(
        data, "description", errors, text_setting("text_max_length")
    )
    values["contact_name"] = _text(data, "contact_name", errors)
    email = _text(data, "contact_email", errors, MAX_EMAIL_LENGTH).lower()
    if email and not valid_email(email):
        errors.append(
            {
                "field": "contact_email",
                "message": _(
                    "error_email",
                    default="Enter an e-mail address such as name@example.org.",
                ),
            }
        )
    values["contact_email"] = email
    accept = data.get("accept_terms")
    if accept is not True and accept not in ("on", "true", "1", "yes"):
        errors.append(
            {
                "field": "accept_terms",
                "message": _(
                    "error_accept_terms",
                    default="Accept the terms of use to register.",
                ),
            }
        )
    values["accept_terms"] = True
    unknown = sorted(set(data) - set(FIELDS) - {HONEYPOT_FIELD})
    for name in unknown[:10]:
        errors.append(
            {
                "field": str(name)[:60],
                "message": _(
                    "error_unknown_property",
                    default="Unknown property. Accepted: ${names}.",
                    mapping={"names": ", ".join(FIELDS)},
                ),
            }
        )
    order = {name: index for index, name in enumerate(FIELDS)}
    errors.sort(key=lambda error: order.get(error.get("field"), len(FIELDS)))
    return values, errors


def actors_section(language):
    """The actors section of ``language``'s root."""
    root = language_roots().get(language)
    section = root.get(ACTORS_SECTION) if root is not None else None
    if section is None:
        raise RegistrationError(
            _(
                "error_no_actors_section",
                default="This site has no directory of organisations in this language.",
            )
        )
    return section


def check_duplicates(title, website, exclude=()):
    """Raise :class:`DuplicateEntry` if the organisation seems to be known."""
    items = find_duplicates(title=title, website=website, exclude=exclude)
    if items:
        raise DuplicateEntry(items)


def create_entry(values, language, owner):
    """A registered (private) actor of ``values`` in ``language``, owned by ``owner``.

    ``values`` as :func:`check_registration` gives them (a ``description``,
    ``website``, ``country`` and the contact fields may be empty). The owner
    has the Owner local role and is its creator; nobody else owns it.
    """
    section = actors_section(language)
    with api.env.adopt_roles(["Manager"]):
        item = api.content.create(
            container=section,
            type=ACTOR_TYPE,
            title=values["title"],
            safe_id=True,
            language=language,
        )
    item.description = values.get("description") or ""
    item.website = values.get("website") or None
    country = values.get("country") or None
    item.headquarters_country = country
    geography = get_taxonomy("geography")
    if (
        country
        and geography is not None
        and country in TaxonomyTerms(geography, language)
    ):
        item.taxonomy_geography = [country]
    if values.get("actor_type"):
        item.taxonomy_actor_types = list(values["actor_type"])
    if values.get("themes"):
        item.taxonomy_themes = list(values["themes"])
    item.contact_person = values.get("contact_name") or None
    item.contact_email = values.get("contact_email") or None
    give_to(item, owner)
    return item


def give_to(item, userid):
    """Make ``userid`` the owner and only creator of ``item``."""
    user = api.user.get(userid=userid)
    item.changeOwnership(user.getUser() if hasattr(user, "getUser") else user)
    for principal, roles in item.get_local_roles():
        if "Owner" in roles and principal != userid:
            remaining = [role for role in roles if role != "Owner"]
            item.manage_delLocalRoles([principal])
            if remaining:
                item.manage_setLocalRoles(principal, remaining)
    item.manage_setLocalRoles(userid, ["Owner"])
    item.setCreators([userid])
    item.reindexObject()
    item.reindexObjectSecurity()


def site_title():
    """The site's title, for mails."""
    return api.portal.get().Title() or api.portal.get().getId()


def confirmation_url(language, token):
    """The page a confirmation link opens, in ``language``'s root."""
    root = language_roots().get(language) or api.portal.get()
    return f"{root.absolute_url()}/@@confirm-registration?token={token}"


def register_organisation(context, request, values, language):
    """Register the organisation of checked ``values``; returns the result.

    Refuses (:class:`RegistrationError`) a client that registered too often
    (429, checked first) or an organisation that may exist (409,
    :class:`DuplicateEntry`). Otherwise the contact person's account is made
    (inactive, unless the address has one: it is reused) and the entry is
    created, owned by it; the contact person is mailed the confirmation link
    (or, for an account already confirmed, a link to the entry). Returns
    ``{"userid", "entry", "pending"}``.
    """
    check_rate(
        "register-organisation",
        client_address(request),
        setting("registration_limit"),
        setting("registration_period"),
    )
    check_duplicates(values["title"], values["website"])
    userid = accounts.find_member_by_email(values["contact_email"])
    if userid is None:
        userid = accounts.create_member(
            values["contact_email"], values["contact_name"], language
        )
    entry = create_entry(values, language, userid)
    pending = accounts.is_pending(userid)
    mapping = {
        "name": values["contact_name"],
        "title": values["title"],
        "site": site_title(),
    }
    if pending:
        days = setting("confirmation_days")
        token = accounts.confirmation_token(userid, days * 24 * 3600)
        mapping.update(url=confirmation_url(language, token), days=days)
        mail(
            values["contact_email"],
            MAIL_CONFIRM_SUBJECT,
            MAIL_CONFIRM_BODY,
            language,
            mapping,
        )
    else:
        mapping["url"] = entry.absolute_url()
        mail(
            values["contact_email"],
            MAIL_REGISTERED_SUBJECT,
            MAIL_REGISTERED_BODY,
            language,
            mapping,
        )
    logger.info("Registered %s for %s", "/".join(entry.getPhysicalPath()), userid)
    return {"userid": userid, "entry": entry, "pending": pending}


def owned_entries(userid):
    """The actors ``userid`` owns (``[{"@id", "title", "review_state"}]``)."""
    catalog = api.portal.get_tool("portal_catalog")
    return [
        {
            "@id": brain.getURL(),
            "title": brain.Title,
            "review_state": brain.review_state,
        }
        for brain in catalog.unrestrictedSearchResults(
            portal_type=ACTOR_TYPE, Creator=userid, sort_on="path"
        )
    ]


def check_claim(data):
    """The checked fields of a claim request: ``(values, errors)``."""
    errors = []
    if not isinstance(data, dict):
        return {}, [
            {
                "message": _(
                    "error_json_object",
                    default="The request body must be a JSON object.",
                )
            }
        ]
    values = {"claim_token": data.get("claim_token")}
    if not values["claim_token"]:
        errors.append({"field": "claim_token", "message": REQUIRED_MESSAGE})
    elif not isinstance(values["claim_token"], str):
        errors.append({"field": "claim_token", "message": TEXT_MESSAGE})
    for name, required in (("name", True), ("email", True), ("message", False)):
        value = data.get(name)
        if value in (None, ""):
            if required:
                errors.append({"field": name, "message": REQUIRED_MESSAGE})
            values[name] = ""
        elif not isinstance(value, str):
            errors.append({"field": name, "message": TEXT_MESSAGE})
        else:
            limit = (
                text_setting("text_max_length")
                if name == "message"
                else text_setting("textline_max_length")
            )
            values[name] = value.strip()[:limit]
    if values.get("email") and not valid_email(values["email"]):
        errors.append(
            {
                "field": "email",
                "message": _(
                    "error_email",
                    default="Enter an e-mail address such as name@example.org.",
                ),
            }
        )
    return values, errors


def request_claim(request, values):
    """Mail the secretariat and the owners that someone asks to claim entries.

    ``values`` as :func:`check_claim` gives them. The claim token is used up
    (raises :class:`socialhub.core.tokens.TokenError`); the client is
    rate-limited (429). Returns how many entries the request is about.
    """
    check_rate(
        "claim-request",
        client_address(request),
        setting("claim_limit"),
        setting("claim_period"),
    )
    uids = redeem_token(CLAIM_PURPOSE, values["claim_token"])
    if not isinstance(uids, list):
        uids = []
    reviewers = set(filter(None, reviewer_addresses()))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for uid in uids[:MAX_CLAIMED]:
        if not isinstance(uid, str):
            continue
        brains = catalog.unrestrictedSearchResults(UID=uid)
        if not brains:
            continue
        item = brains[0]._unrestrictedGetObject()
        count += 1
        mapping = {
            "name": values["name"],
            "email": values["email"],
            "message": values["message"],
            "title": item.Title(),
            "url": item.absolute_url(),
        }
        language = item.Language() or api.portal.get_default_language()
        owners = {
            principal for principal, roles in item.get_local_roles() if "Owner" in roles
        }
        for recipient in sorted(owners) + sorted(reviewers):
            mail(recipient, MAIL_CLAIM_SUBJECT, MAIL_CLAIM_BODY, language, mapping)
    return count


def confirm_registration(token, password):
    """Confirm an account (:func:`socialhub.hub.accounts.confirm_member`).

    Returns ``{"userid", "login", "entries"}``: the login name to use and the
    entries the member owns.
    """
    userid = accounts.confirm_member(token, password)
    user = api.user.get(userid=userid)
    return {
        "userid": userid,
        "login": user.getUserName(),
        "entries": owned_entries(userid),
    }
