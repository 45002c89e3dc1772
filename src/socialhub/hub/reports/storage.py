"""The reports of a site: a BTree on the site, keyed by a time-ordered id.

A report: ``id``, ``uid`` of the reported item, ``portal_type``, ``title``
(when reported), ``reason``, ``comment``, ``reporter`` (the member id, None
for an anonymous reporter; only reviewers see it), ``reporter_key`` (a keyed
hash of the member id or the client's address: distinct reporters are
counted by it), ``created``, ``status`` (open or closed) and ``decisions``
(``{"decision", "by", "date", "comment"}``, oldest first).
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from socialhub.core import _
from socialhub.core.tokens import signing_keys
from zope.annotation.interfaces import IAnnotations
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import hashlib
import hmac
import secrets
import time


REPORTS_KEY = "socialhub.hub.reports"
THRESHOLD_RECORD = "socialhub.hub.reports_threshold"
DEFAULT_THRESHOLD = 3
REASONS_VOCABULARY = "socialhub.hub.ReportReasons"
#: The types one may report; extend this list (e.g. a later plugin's type).
REPORTABLE_TYPES = ["Actor", "Initiative", "Person"]

REASONS = (
    ("spam", _("report_reason_spam", default="Spam")),
    (
        "wrong_information",
        _("report_reason_wrong_information", default="Wrong information"),
    ),
    ("offensive", _("report_reason_offensive", default="Offensive")),
    ("duplicate", _("report_reason_duplicate", default="Duplicate")),
)


@provider(IVocabularyFactory)
def report_reasons(context=None):
    """Why an entry is reported."""
    return SimpleVocabulary(
        [SimpleTerm(value=token, token=token, title=title) for token, title in REASONS]
    )


def is_reportable(obj):
    """Whether ``obj`` is of a type one may report."""
    return getattr(obj, "portal_type", None) in REPORTABLE_TYPES


def threshold():
    """How many distinct reporters hide an entry (registry record, default 3)."""
    value = api.portal.get_registry_record(THRESHOLD_RECORD, default=None)
    return value if isinstance(value, int) and value > 0 else DEFAULT_THRESHOLD


def now():
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def reporter_key(identity):
    """A keyed hash of a member id or an address (never stored as such)."""
    secret = signing_keys()[0]
    return hmac.new(
        secret.encode(), f"report\0{identity}".encode(), hashlib.sha256
    ).hexdigest()[:32]


def _reports(create=False):
    annotations = IAnnotations(api.portal.get())
    reports = annotations.get(REPORTS_KEY)
    if reports is None and create:
        reports = annotations[REPORTS_KEY] = OOBTree()
    return reports


def add_report(obj, reason, comment, reporter, key):
    """Store a new open report on ``obj`` and return it."""
    report_id = f"{int(time.time() * 1000):013d}{secrets.token_hex(3)}"
    report = PersistentMapping(
        {
            "id": report_id,
            "uid": obj.UID(),
            "portal_type": obj.portal_type,
            "title": obj.Title(),
            "reason": reason,
            "comment": comment,
            "reporter": reporter,
            "reporter_key": key,
            "created": now(),
            "status": "open",
            "decisions": PersistentList(),
        }
    )
    _reports(create=True)[report_id] = report
    return report


def get_report(report_id):
    """A report by id, or None."""
    reports = _reports()
    if reports is None or not isinstance(report_id, str):
        return None
    return reports.get(report_id)


def all_reports(status=None):
    """Reports, oldest first, of one ``status`` (open, closed) or all."""
    reports = _reports()
    if reports is None:
        return []
    return [r for r in reports.values() if status in (None, r["status"])]


def open_reports_for(uid):
    """The open reports on the item ``uid``."""
    return [r for r in all_reports("open") if r["uid"] == uid]


def distinct_reporters(reports):
    """How many distinct reporters made ``reports``."""
    return len({r["reporter_key"] for r in reports})


def log_decision(report, decision, comment, close):
    """Append a decision (by the current user, now) to a report; maybe close it."""
    report["decisions"].append(
        PersistentMapping(
            {
                "decision": decision,
                "by": api.user.get_current().getId(),
                "date": now(),
                "comment": comment,
            }
        )
    )
    if close:
        report["status"] = "closed"
