"""The "Report" link and form on an entry's page, and the reports queue page."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from socialhub.core import _
from socialhub.core.ratelimit import RateLimited
from socialhub.hub.reports import actions
from socialhub.hub.reports import storage
from socialhub.hub.reports.restapi.services import serialize
from zExceptions import BadRequest
from zope.i18n import translate


def error_text(error):
    """The message of a 400 (field errors joined) or 429."""
    message = error.args[0] if error.args else str(error)
    if isinstance(message, list):
        return "; ".join(item["message"] for item in message)
    return str(message)


class ReportLinkViewlet(ViewletBase):
    """A "Report" link under an entry one may report."""

    def render(self):
        if not storage.is_reportable(self.context):
            return ""
        label = translate(
            _("link_report", default="Report this entry"), context=self.request
        )
        url = f"{self.context.absolute_url()}/@@report"
        return (
            '<p class="socialhub-report-link small mt-3">'
            f'<a href="{url}" rel="nofollow">{label}</a></p>'
        )


class ReportFormView(BrowserView):
    """GET: the form (reason, comment); POST: the report."""

    error = None
    done = False

    def reasons(self):
        """``[{"token", "title"}]`` of the reasons, translated."""
        return [
            {"token": token, "title": translate(title, context=self.request)}
            for token, title in storage.REASONS
        ]

    def __call__(self):
        if not storage.is_reportable(self.context):
            self.request.response.setStatus(404)
            return translate(
                _(
                    "error_not_reportable",
                    default=("This kind of item cannot be reported."),
                ),
                context=self.request,
            )
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            data = {"reason": form.get("reason"), "comment": form.get("comment") or ""}
            try:
                actions.make_report(self.context, self.request, data)
            except (BadRequest, RateLimited) as error:
                self.error = error_text(error)
                self.request.response.setStatus(
                    429 if isinstance(error, RateLimited) else 400
                )
            else:
                self.done = True
        return self.index()


class ReportsQueueView(BrowserView):
    """The reviewers' queue of open reports, with a decision form on each."""

    error = None

    def reports(self):
        """The open reports, oldest first, as the REST API gives them."""
        return [serialize(r, self.request) for r in storage.all_reports("open")]

    def decisions(self):
        """``[{"token", "title"}]`` of the decisions."""
        titles = {
            "dismiss": _("report_decision_dismiss", default="Dismiss (show the entry)"),
            "hide": _("report_decision_hide", default="Hide the entry"),
            "ask_fix": _("report_decision_ask_fix", default="Ask the owner to fix it"),
            "remove": _("report_decision_remove", default="Remove the entry"),
        }
        return [
            {"token": token, "title": translate(titles[token], context=self.request)}
            for token in actions.DECISIONS
        ]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            report = storage.get_report(form.get("report_id"))
            if report is None:
                self.error = translate(
                    _("error_report_not_found", default="No such report."),
                    context=self.request,
                )
            else:
                try:
                    actions.decide(
                        report,
                        self.request,
                        {
                            "decision": form.get("decision"),
                            "comment": form.get("comment") or "",
                        },
                    )
                except BadRequest as error:
                    self.error = error_text(error)
                else:
                    api.portal.show_message(
                        _("msg_report_decided", default="Decision recorded."),
                        request=self.request,
                    )
                    return self.request.response.redirect(
                        f"{self.context.absolute_url()}/@@reports-queue"
                    )
        return self.index()
