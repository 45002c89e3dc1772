"""``@report`` (anyone) and ``@reports`` (reviewers).

POST ``@report`` on an organisation, person or initiative
``{"reason", "comment"}``: 201 ``{"status": "open", "message"}``; 400 for a
bad reason or comment, an item of another type or a second open report of
the same reporter; 429 beyond 5 reports an hour per address or member.

GET ``@reports`` at the site root (reviewers: "socialhub: Manage reports"):
``status`` (``open``, default; ``closed``; ``all``), ``b_start``, ``b_size``;
open reports oldest first, with the item, the reporter (a member id, or
null), and every decision. GET ``@reports/<id>``: one report. POST
``@reports/<id>`` ``{"decision", "comment"}``: ``dismiss`` (the entry is
shown again), ``hide``, ``ask_fix`` (mails the owner the comment; the
reports stay open), ``remove`` (deletes the entry); the decision applies to
every open report of the entry and is logged on each.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.params import batch
from socialhub.core.params import Choice
from socialhub.core.params import Parameters
from socialhub.core.params import ParsedBatch
from socialhub.hub.reports import actions
from socialhub.hub.reports import hiding
from socialhub.hub.reports import storage
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


PARAMETERS = Parameters(
    Choice("status", ("open", "closed", "all"), default="open"),
    *batch(),
)


def _iso(value):
    return value.isoformat() if value else None


def serialize(report, request):
    """A report as JSON, for reviewers."""
    obj = actions.item_of(report)
    portal_url = api.portal.get().absolute_url()
    return {
        "@id": f"{portal_url}/@reports/{report['id']}",
        "id": report["id"],
        "item": {
            "@id": obj.absolute_url() if obj is not None else None,
            "UID": report["uid"],
            "title": obj.Title() if obj is not None else report["title"],
            "@type": report["portal_type"],
            "review_state": api.content.get_state(obj, default=None)
            if obj is not None
            else None,
            "hidden": hiding.is_hidden(obj) if obj is not None else False,
        },
        "reason": report["reason"],
        "reason_title": translate(
            dict(storage.REASONS)[report["reason"]], context=request
        ),
        "comment": report["comment"],
        "reporter": report["reporter"],
        "created": _iso(report["created"]),
        "status": report["status"],
        "decisions": [
            {
                "decision": d["decision"],
                "by": d["by"],
                "date": _iso(d["date"]),
                "comment": d["comment"],
            }
            for d in report["decisions"]
        ],
    }


class ReportPost(Service):
    """POST ``@report`` on an item."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        actions.make_report(self.context, self.request, json_body(self.request))
        self.request.response.setStatus(201)
        return {
            "status": "open",
            "message": translate(
                _(
                    "msg_report_thanks",
                    default="Thank you: a reviewer will look at your report.",
                ),
                context=self.request,
            ),
        }


@implementer(IPublishTraverse)
class ReportsService(Service):
    """``@reports`` and ``@reports/<id>``."""

    report_id = None

    def publishTraverse(self, request, name):
        if self.report_id is None:
            self.report_id = name
            return self
        raise NotFound(name)

    def report(self):
        report = storage.get_report(self.report_id)
        if report is None:
            raise NotFound(
                translate(
                    _("error_report_not_found", default="No such report."),
                    context=self.request,
                )
            )
        return report


class ReportsGet(ReportsService):
    """GET ``@reports`` (the queue) or ``@reports/<id>``."""

    def reply(self):
        if self.report_id is not None:
            return serialize(self.report(), self.request)
        parameters = PARAMETERS.parse(self.request)
        status = parameters["status"]
        reports = storage.all_reports(None if status == "all" else status)
        if status != "open":
            reports.reverse()  # the newest decisions first
        found = ParsedBatch(
            self.request, reports, parameters["b_start"], parameters["b_size"]
        )
        result = {
            "@id": found.canonical_url,
            "items_total": found.items_total,
            "items": [serialize(report, self.request) for report in found],
        }
        if found.links:
            result["batching"] = found.links
        return result


class ReportsPost(ReportsService):
    """POST ``@reports/<id>``: a decision."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if self.report_id is None:
            raise NotFound(
                translate(
                    _("error_report_not_found", default="No such report."),
                    context=self.request,
                )
            )
        report = self.report()
        actions.decide(report, self.request, json_body(self.request))
        return serialize(report, self.request)
