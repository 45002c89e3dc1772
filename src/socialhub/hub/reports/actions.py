"""Make a report, decide on reports: shared by the REST services and the Classic UI.

Reviewers are mailed on each new report (reports are rare and an entry may
be hidden by them: a reviewer should know at once, a digest would delay
that); the owner is mailed when the entry is hidden and when a reviewer
asks them to fix it, in their language (member property ``language``,
else the entry's). The reporter is never named to the owner.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from socialhub.core import _
from socialhub.core.errors import refuse_field
from socialhub.core.notifications import mail
from socialhub.core.notifications import member_language
from socialhub.core.notifications import reviewer_addresses
from socialhub.core.ratelimit import check_rate
from socialhub.core.ratelimit import client_address
from socialhub.hub.reports import hiding
from socialhub.hub.reports import storage
from zExceptions import BadRequest
from zope.i18n import translate


COMMENT_MAX = 2000
#: Reports per client address and per member in RATE_PERIOD seconds.
RATE_LIMIT = 5
RATE_PERIOD = 3600
DECISIONS = ("dismiss", "hide", "ask_fix", "remove")
#: Decisions that close every open report of the entry.
CLOSING = ("dismiss", "hide", "remove")

SUBJECT_NEW = _("mail_subject_report_new", default="Reported: ${title}")
BODY_NEW = _(
    "mail_body_report_new",
    default='"${title}" was reported (${reason}):\n\n${comment}\n\n'
    "Reports queue: ${queue}\n",
)
SUBJECT_HIDDEN = _(
    "mail_subject_report_hidden", default=("Hidden pending review: ${title}")
)
BODY_HIDDEN = _(
    "mail_body_report_hidden",
    default='"${title}" was reported by several people and is hidden until a '
    "reviewer looks at it. You will hear from us.\n\n${url}\n",
)
SUBJECT_FIX = _("mail_subject_report_fix", default="Please correct: ${title}")
BODY_FIX = _(
    "mail_body_report_fix",
    default='A reviewer asks you to correct "${title}":\n\n${comment}\n\n${url}\n',
)


def _fail(request, field, message):
    refuse_field(field, message, request)


def _check_body(request, data, allowed):
    """400 unless ``data`` is a JSON object of ``allowed`` keys only."""
    if not isinstance(data, dict):
        message = _(
            "error_json_object", default="The request body must be a JSON object."
        )
        raise BadRequest(translate(message, context=request))
    unknown = sorted(set(data) - allowed)
    if unknown:
        unknown_message = _("error_unknown_property", default="Unknown property.")
        _fail(request, unknown[0], unknown_message)


def check_report(request, data):
    """``(reason, comment)`` of a report body, or 400 naming the wrong field."""
    _check_body(request, data, {"reason", "comment"})
    reason = data.get("reason")
    if reason not in dict(storage.REASONS):
        _fail(
            request,
            "reason",
            _(
                "error_report_reason",
                default=(
                    "Choose a reason: spam, wrong_information, offensive or duplicate."
                ),
            ),
        )
    comment = data.get("comment")
    comment = "" if comment is None else comment
    if not isinstance(comment, str) or len(comment) > COMMENT_MAX:
        _fail(
            request,
            "comment",
            _(
                "error_report_comment",
                default=("The comment is a text of at most 2000 characters."),
            ),
        )
    return reason, comment.strip()


def make_report(obj, request, data):
    """Validate, rate-limit and store a report; hide ``obj`` at the threshold."""
    if not storage.is_reportable(obj):
        raise BadRequest(
            translate(
                _(
                    "error_not_reportable",
                    default=("This kind of item cannot be reported."),
                ),
                context=request,
            )
        )
    reason, comment = check_report(request, data)
    address = client_address(request)
    check_rate("report-address", address, RATE_LIMIT, RATE_PERIOD)
    member = None if api.user.is_anonymous() else api.user.get_current().getId()
    if member:
        check_rate("report-member", member, RATE_LIMIT, RATE_PERIOD)
    key = storage.reporter_key(f"member:{member}" if member else f"address:{address}")
    if any(r["reporter_key"] == key for r in storage.open_reports_for(obj.UID())):
        raise BadRequest(
            translate(
                _(
                    "error_report_duplicate",
                    default=(
                        "You have already reported this item; a reviewer will look "
                        "at it."
                    ),
                ),
                context=request,
            )
        )
    report = storage.add_report(obj, reason, comment, member, key)
    _tell_reviewers(obj, report)
    open_reports = storage.open_reports_for(obj.UID())
    if storage.distinct_reporters(open_reports) >= storage.threshold():
        if hiding.hide(obj):
            _tell_owner(obj, SUBJECT_HIDDEN, BODY_HIDDEN, "")
    return report


def item_of(report):
    """The reported item (whoever asks), or None when it is gone."""
    return uuidToObject(report["uid"], unrestricted=True)


def decide(report, request, data):
    """Apply a reviewer's decision to every open report of the report's entry."""
    _check_body(request, data, {"decision", "comment"})
    decision = data.get("decision")
    if decision not in DECISIONS:
        _fail(
            request,
            "decision",
            _(
                "error_report_decision",
                default="Choose a decision: dismiss, hide, ask_fix or remove.",
            ),
        )
    comment = data.get("comment")
    comment = "" if comment is None else comment
    if not isinstance(comment, str) or len(comment) > COMMENT_MAX:
        _fail(
            request,
            "comment",
            _(
                "error_report_comment",
                default=("The comment is a text of at most 2000 characters."),
            ),
        )
    comment = comment.strip()
    if decision == "ask_fix" and not comment:
        _fail(
            request,
            "comment",
            _(
                "error_report_fix_comment",
                default="Tell the owner what to correct: a comment is required.",
            ),
        )
    obj = item_of(report)
    if obj is None and decision != "dismiss":
        _fail(
            request,
            "decision",
            _(
                "error_report_item_gone",
                default=("The reported item no longer exists: dismiss the report."),
            ),
        )
    reports = storage.open_reports_for(report["uid"])
    if report not in reports:
        reports.append(report)
    for each in reports:
        storage.log_decision(each, decision, comment, close=decision in CLOSING)
    if decision == "dismiss" and obj is not None:
        hiding.show(obj)
    elif decision == "hide":
        hiding.hide(obj)
    elif decision == "ask_fix":
        _tell_owner(obj, SUBJECT_FIX, BODY_FIX, comment)
    elif decision == "remove":
        # The reviewers' decision: whoever may delete the entry in its state.
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=obj, check_linkintegrity=False)
    return decision


def _tell_reviewers(obj, report):
    language = obj.Language() or api.portal.get_default_language()
    reason = translate(
        dict(storage.REASONS)[report["reason"]], target_language=language
    )
    mapping = {
        "title": obj.Title(),
        "reason": reason,
        "comment": report["comment"],
        "queue": f"{api.portal.get().absolute_url()}/@@reports-queue",
    }
    for address in sorted(set(filter(None, reviewer_addresses()))):
        mail(address, SUBJECT_NEW, BODY_NEW, language, mapping)


def _tell_owner(obj, subject, body, comment):
    owner = obj.getOwner().getId()
    language = member_language(owner, obj.Language() or None)
    mapping = {"title": obj.Title(), "comment": comment, "url": obj.absolute_url()}
    mail(owner, subject, body, language, mapping)
