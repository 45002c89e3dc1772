"""Invite an organisation, and answer an invitation.

:func:`invite` checks what the secretariat typed (:func:`problems`), creates
the draft entry, stores the invitation and mails the link;
:func:`invitation_for` reads a link without using it; :func:`claim` and
:func:`decline` redeem it (once).
"""

from Acquisition import aq_base
from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.schema import Email
from socialhub.core import _
from socialhub.core.fields import is_country_code
from socialhub.core.fields import WebURL
from socialhub.core.notifications import mail
from socialhub.core.tokens import ExpiredToken
from socialhub.core.tokens import make_token
from socialhub.core.tokens import read_token
from socialhub.core.tokens import redeem_token
from socialhub.core.tokens import UsedToken
from socialhub.hub.invitations import storage
from zope.component import getUtility
from zope.schema.interfaces import ValidationError

import datetime
import time


PURPOSE = "socialhub.hub.invitation"
EXPIRY_RECORD = "socialhub.hub.invitation_expiry_days"
REMINDER_RECORD = "socialhub.hub.invitation_reminder_days"
DEFAULT_EXPIRY_DAYS = 30
DEFAULT_REMINDER_DAYS = 7
DAY = 86400
#: What an invitation takes; the first are required.
REQUIRED = ("organisation", "country", "contact_name", "email", "language")
OPTIONAL = ("website", "message")
FIELDS = REQUIRED + OPTIONAL
MAX_LENGTH = {"message": 2000}
DEFAULT_MAX_LENGTH = 200
#: The page a link opens, on the language root of the invitation.
PAGE = "@@invitation"

MESSAGES = {
    "organisation": _(
        "error_invitation_organisation", default="Enter the organisation's name."
    ),
    "contact_name": _(
        "error_invitation_contact_name",
        default="Enter the name of the person to contact.",
    ),
    "email": _(
        "error_invitation_email",
        default="Enter an e-mail address such as name@example.org.",
    ),
    "country": _(
        "error_country_code",
        default="Enter a country as its ISO 3166-1 alpha-2 code, e.g. SN for Senegal.",
    ),
}
TEXT = _("error_property_text", default="Give a text.")

SUBJECT = _(
    "mail_subject_invitation",
    default="${organisation} is invited to SocialHub",
)
BODY = _(
    "mail_body_invitation",
    default="Dear ${contact_name},\n\n"
    "${inviter} invites ${organisation} to the SocialHub directory of "
    "organisations. We have prepared a draft entry for you: open the link "
    "below to claim it (with a new account or the one you have), complete it "
    "and submit it for verification, or to decline.\n\n${message}\n\n${link}\n\n"
    "The link works once and until ${expires}.\n",
)
REMINDER_SUBJECT = _(
    "mail_subject_invitation_reminder",
    default="Reminder: ${organisation} is invited to SocialHub",
)
REMINDER_BODY = _(
    "mail_body_invitation_reminder",
    default="Dear ${contact_name},\n\n"
    "A reminder: ${organisation} is invited to the SocialHub directory of "
    "organisations. Open the link below to claim the draft entry we prepared "
    "or to decline.\n\n${link}\n\nThe link works once and until ${expires}.\n",
)


class InvitationAnswered(UsedToken):
    """A link of an invitation that was claimed, declined or withdrawn."""

    message = _(
        "error_invitation_answered",
        default="This invitation has already been answered.",
    )


class InvitationExpired(ExpiredToken):
    message = _("error_invitation_expired", default="This invitation has expired.")


def days(record_name, default):
    """A number of days from the registry (at least 1)."""
    value = api.portal.get_registry_record(record_name, default=default)
    return max(1, int(value or default))


def problems(data):
    """The ``[{"field", "message"}]`` errors of invitation ``data`` (a dict),
    and the cleaned data. Message ids are left untranslated."""
    errors = []
    clean = {}
    if not isinstance(data, dict):
        return [{"field": "organisation", "message": MESSAGES["organisation"]}], {}
    for name in sorted(set(data) - set(FIELDS)):
        errors.append(
            {
                "field": str(name)[:60],
                "message": _(
                    "error_invitation_unknown_field",
                    default="Unknown field: use ${names}.",
                    mapping={"names": ", ".join(FIELDS)},
                ),
            }
        )
    languages = api.portal.get_registry_record("plone.available_languages")
    for name in FIELDS:
        value = data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.append({"field": name, "message": TEXT})
            continue
        value = value.strip()
        if name != "message":
            value = " ".join(value.split())
        if not value:
            if name in REQUIRED:
                errors.append(
                    {"field": name, "message": required_message(name, languages)}
                )
            continue
        problem = field_problem(name, value, languages)
        if problem is not None:
            errors.append({"field": name, "message": problem})
            continue
        clean[name] = value
    if "email" in clean:
        existing = storage.open_invitation(clean["email"])
        if existing is not None:
            errors.append(
                {
                    "field": "email",
                    "message": _(
                        "error_invitation_open",
                        default="An invitation to this e-mail address is open "
                        "already: ${organisation}.",
                        mapping={"organisation": existing["organisation"]},
                    ),
                }
            )
    return errors, clean


def required_message(name, languages):
    if name == "language":
        return language_message(languages)
    return MESSAGES[name]


def language_message(languages):
    return _(
        "error_invitation_language",
        default="Choose the invitation's language: ${languages}.",
        mapping={"languages": ", ".join(languages)},
    )


def field_problem(name, value, languages):
    """The message refusing ``value`` of field ``name``, or None."""
    if "\x00" in value:
        return TEXT
    if len(value) > MAX_LENGTH.get(name, DEFAULT_MAX_LENGTH):
        return _(
            "error_invitation_too_long",
            default="Use at most ${length} characters.",
            mapping={"length": MAX_LENGTH.get(name, DEFAULT_MAX_LENGTH)},
        )
    try:
        if name == "website":
            WebURL().bind(None).validate(value)
        elif name == "email":
            Email().bind(None).validate(value)
            if not value.isascii() and "@" in value:
                raise ValidationError(value)
        elif name == "country":
            is_country_code(value)
    except ValidationError as error:
        if name == "website":
            return error.doc()
        return MESSAGES[name]
    if name == "language" and value not in languages:
        return language_message(languages)
    return None


def invite(data, inviter=None, send=True, now=None):
    """Create the entry and the invitation of checked ``data``; mail the link.

    ``data`` is the clean data of :func:`problems`. The entry is an Actor in
    the actors section of the invitation's language, registered (private),
    owned by the inviter until the invitee claims it (``inviter`` "" for
    the site itself, as the demo content invites). Returns the record.
    """
    now = time.time() if now is None else now
    if inviter is None:
        inviter = api.user.get_current().getId()
    section = api.portal.get()[data["language"]]["actors"]
    with api.env.adopt_roles(["Manager"]):
        entry = api.content.create(
            container=section,
            type="Actor",
            id=free_id(section, data["organisation"]),
            title=data["organisation"],
            language=data["language"],
        )
        entry.website = data.get("website")
        entry.headquarters_country = data["country"]
        entry.contact_person = data["contact_name"]
        entry.contact_email = data["email"]
        entry.reindexObject()
    record = storage.add(
        {
            **{name: data.get(name, "") for name in FIELDS},
            "entry_uid": api.content.get_uuid(entry),
            "inviter": inviter,
            "created": now,
            "expires": now + days(EXPIRY_RECORD, DEFAULT_EXPIRY_DAYS) * DAY,
        }
    )
    if send:
        send_link(record, SUBJECT, BODY, now=now)
    return record


def free_id(container, title):
    """An id for a new item titled ``title`` that ``container`` has not used.

    Chosen before the item is made: plone.api would make it under a random
    id and rename it, which the catalog logs as an error outside a request.
    """
    base = getUtility(IIDNormalizer).normalize(title, max_length=50) or "organisation"
    candidate, number = base, 1
    while candidate in container.objectIds() or not container.checkIdAvailable(
        candidate
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def link(record, now=None):
    """A new link to the page of ``record``, valid until the invitation expires."""
    now = time.time() if now is None else now
    token = make_token(PURPOSE, record["id"], max(1, int(record["expires"] - now)))
    root = api.portal.get()[record["language"]]
    return f"{root.absolute_url()}/{PAGE}?token={token}"


def send_link(record, subject, body, now=None):
    """Mail the invitee ``subject`` and ``body`` with a new link, in the
    invitation's language."""
    inviter = api.user.get(userid=record["inviter"]) if record["inviter"] else None
    mail(
        record["email"],
        subject,
        body,
        record["language"],
        {
            "organisation": record["organisation"],
            "contact_name": record["contact_name"],
            "inviter": (inviter.getProperty("fullname") if inviter else "")
            or api.portal.get().Title(),
            "message": record["message"],
            "link": link(record, now),
            "expires": datetime.date.fromtimestamp(record["expires"]).isoformat(),
        },
    )


def check_open(record):
    """Raise the token error of an invitation that is no longer open."""
    if record is None:
        raise InvitationAnswered()
    current = storage.status(record)
    if current == storage.EXPIRED:
        raise InvitationExpired()
    if current != storage.SENT or entry_of(record) is None:
        raise InvitationAnswered()
    return record


def invitation_for(token):
    """The open invitation of ``token``, which stays usable (GET pages).

    Raises a :class:`socialhub.core.tokens.TokenError`."""
    return check_open(storage.get(read_token(PURPOSE, token)))


def entry_of(record):
    """The draft entry of an invitation, or None when it was removed."""
    with api.env.adopt_roles(["Manager"]):
        return api.content.get(UID=record["entry_uid"])


def public_summary(record):
    """What anyone holding the link may read: no contact details."""
    return {
        "organisation": record["organisation"],
        "language": record["language"],
        "expires": iso(record["expires"]),
        "status": storage.status(record),
    }


def iso(timestamp):
    """A POSIX time as ISO 8601 in UTC, or None."""
    if timestamp is None:
        return None
    return (
        datetime.datetime.fromtimestamp(timestamp, datetime.UTC)
        .replace(microsecond=0)
        .isoformat()
    )


def redeem(token):
    """Use ``token`` up; return its open invitation and entry."""
    record = check_open(storage.get(redeem_token(PURPOSE, token)))
    return record, entry_of(record)


def claim(token, userid):
    """Give the entry of ``token``'s invitation to ``userid``, its new Owner."""
    record, entry = redeem(token)
    transfer_ownership(entry, userid)
    record.update(status=storage.CLAIMED, answered=time.time(), claimed_by=userid)
    return record, entry


def decline(token):
    """Decline the invitation of ``token``: its draft entry is removed."""
    record, entry = redeem(token)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=entry, check_linkintegrity=False)
    record.update(status=storage.DECLINED, answered=time.time())
    return record


def transfer_ownership(entry, userid):
    """Make ``userid`` the owner and creator of ``entry``, and the only Owner."""
    user = api.user.get(userid=userid)
    acl_user = user.getUser()
    entry.changeOwnership(acl_user, recursive=False)
    for principal, roles in list(entry.get_local_roles()):
        if "Owner" in roles and principal != userid:
            others = [role for role in roles if role != "Owner"]
            if others:
                entry.manage_setLocalRoles(principal, others)
            else:
                entry.manage_delLocalRoles([principal])
    roles = set(dict(entry.get_local_roles()).get(userid, ())) | {"Owner"}
    entry.manage_setLocalRoles(userid, sorted(roles))
    entry.setCreators((userid,))
    entry.reindexObject()
    entry.reindexObjectSecurity()
    return aq_base(entry)
