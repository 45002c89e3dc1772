"""The verification history of an organisation, kept in an annotation.

Every verify, reject, revoke and reverify appends a record: ``action``,
``method``, ``partner`` (the verifying organisation's group, None for the
secretariat's reviewers), ``person`` (the verifier's member id),
``reference``, ``date``, ``expires`` (verify and reverify) and ``reason``.
Whatever performs the transition (``@verification``, ``@workflow``, the
Classic UI) records it: :func:`record_transition` runs after the transition;
``@verification`` hands it the method, reference and expiry through
:func:`pending_details`. The current expiry is also kept as the attribute
``verification_expires`` that the organisation's page reads.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from socialhub.actors.behaviors.verification import DEFAULT_METHOD
from socialhub.actors.subscribers import VERIFICATION_WORKFLOW
from socialhub.core import _
from socialhub.core.notifications import mail
from socialhub.core.notifications import member_language
from socialhub.hub.verification.partners import get_partner
from socialhub.hub.verification.partners import partners_for
from socialhub.hub.verification.partners import user_partners
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


HISTORY_KEY = "socialhub.hub.verification.history"
DETAILS_KEY = "socialhub.hub.verification.details"
VALIDITY_RECORD = "socialhub.hub.verification_validity_days"
DEFAULT_VALIDITY_DAYS = 730
#: The transitions of the verification workflow the history records.
RECORDED = ("verify", "reject", "revoke")
ACTIONS = ("verify", "reject", "revoke", "reverify")


def now():
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def validity_days():
    """How many days a verification is valid (registry record, default 730)."""
    days = api.portal.get_registry_record(VALIDITY_RECORD, default=None)
    return days if isinstance(days, int) and days > 0 else DEFAULT_VALIDITY_DAYS


def history(actor):
    """The records of an organisation, oldest first (a list, may be empty)."""
    return list(IAnnotations(actor).get(HISTORY_KEY, ()))


def pending_details(request=None, **details):
    """Hand ``method``, ``reference``, ``expires`` to this request's next record."""
    request = request if request is not None else getRequest()
    IAnnotations(request)[DETAILS_KEY] = details


def _details():
    request = getRequest()
    if request is None:
        return {}
    return IAnnotations(request).pop(DETAILS_KEY, None) or {}


def append_record(actor, action, reason=""):
    """Append a record of ``action`` by the current user and return it."""
    details = _details()
    user = api.user.get_current()
    partners = user_partners(actor, user)
    partner = partners[0] if partners else None
    date = now()
    expires = None
    if action in ("verify", "reverify"):
        expires = details.get("expires") or date + timedelta(days=validity_days())
    record = PersistentMapping(
        {
            "action": action,
            "method": details.get("method")
            or getattr(actor, "verification_method", None)
            or DEFAULT_METHOD,
            "partner": partner,
            "person": user.getId(),
            "reference": details.get("reference")
            or getattr(actor, "verification_reference", None)
            or "",
            "date": date,
            "expires": expires,
            "reason": reason or "",
            "reminded": False,
        }
    )
    annotations = IAnnotations(actor)
    records = annotations.get(HISTORY_KEY)
    if records is None:
        records = annotations[HISTORY_KEY] = PersistentList()
    records.append(record)
    if action in ("verify", "reverify"):
        actor.verification_expires = expires
        actor.verification_method = record["method"]
        actor.verification_reference = record["reference"] or None
        if action == "reverify":
            actor.verified_by = user.getId()
            actor.verified_on = date
    elif action == "revoke":
        actor.verification_expires = None
    return record


def record_transition(actor, event):
    """After verify, reject or revoke: append the record (the comment is the reason)."""
    if event.transition is None or event.workflow.getId() != VERIFICATION_WORKFLOW:
        return
    action = event.transition.getId()
    if action not in RECORDED:
        return
    reason = (event.kwargs or {}).get("comment", "") if action != "verify" else ""
    append_record(actor, action, reason)


def current(actor):
    """The verification in force: the last verify/reverify record if still verified."""
    if api.content.get_state(actor, default=None) != "verified":
        return None
    for record in reversed(history(actor)):
        if record["action"] in ("verify", "reverify"):
            return record
        if record["action"] == "revoke":
            return None
    return None


def status(actor):
    """``{"status", "verified_on", "expires", "expired"}`` of an organisation.

    ``status`` is ``verified``, ``expired``, or the workflow state when the
    organisation is not verified.
    """
    state = api.content.get_state(actor, default=None)
    record = current(actor)
    expires = (
        record["expires"] if record else getattr(actor, "verification_expires", None)
    )
    expired = bool(state == "verified" and expires and expires < now())
    return {
        "status": "expired" if expired else state,
        "verified_on": _iso(getattr(actor, "verified_on", None))
        if state == "verified"
        else None,
        "expires": _iso(expires) if state == "verified" else None,
        "expired": expired,
    }


def _iso(value):
    return value.isoformat() if value else None


def serialize(record, full=True):
    """A record as JSON; without ``full`` the verifier's identity is left out."""
    partner = get_partner(record["partner"]) if record["partner"] else None
    data = {
        "action": record["action"],
        "method": record["method"],
        "partner": record["partner"],
        "partner_title": partner["title"] if partner else None,
        "date": _iso(record["date"]),
        "expires": _iso(record["expires"]),
        "reason": record["reason"],
    }
    if full:
        data["person"] = record["person"]
        data["reference"] = record["reference"]
    return data


SUBJECT_SUBMITTED = _(
    "mail_subject_submit_for_verification",
    default="Verification requested: ${title}",
)
SUBJECT_REVOKED = _("mail_subject_revoke", default="Verification revoked: ${title}")
BODY_TRANSITION = _(
    "mail_body",
    default='${actor} did "${action}" on "${title}".\n\n${comment}\n\n${url}\n',
)


def notify_transition(actor, event):
    """Tell the partners' verifiers of a submission; the owner of a revocation.

    The reviewers are told of submissions, and owners of verifications and
    rejections, by :func:`socialhub.core.notifications.notify_review`.
    """
    if event.transition is None or event.workflow.getId() != VERIFICATION_WORKFLOW:
        return
    action = event.transition.getId()
    language = actor.Language() or api.portal.get_default_language()
    mapping = {
        "title": actor.Title(),
        "action": action,
        "actor": api.user.get_current().getId(),
        "comment": (event.kwargs or {}).get("comment", ""),
        "url": actor.absolute_url(),
    }
    if action == "submit_for_verification":
        verifiers = {
            user.getId()
            for group_id in partners_for(actor)
            for user in api.user.get_users(groupname=group_id)
        }
        for verifier in sorted(verifiers):
            mail(
                verifier,
                SUBJECT_SUBMITTED,
                BODY_TRANSITION,
                member_language(verifier, language),
                mapping,
            )
    elif action == "revoke":
        owner = actor.getOwner().getId()
        mail(
            owner,
            SUBJECT_REVOKED,
            BODY_TRANSITION,
            member_language(owner, language),
            mapping,
        )
