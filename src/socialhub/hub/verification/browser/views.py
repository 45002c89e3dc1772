"""The verification history on an organisation's page, and the decision form."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from socialhub.actors.behaviors.verification import VERIFICATION_METHODS
from socialhub.core import _
from socialhub.hub.verification.restapi.verification import Decision
from socialhub.hub.verification.restapi.verification import may_review
from socialhub.hub.verification.restapi.verification import verification_info
from zExceptions import BadRequest
from zope.i18n import translate


class VerificationViewlet(ViewletBase):
    """History (for reviewers, verifiers in scope and owners) and the decision form."""

    index = ViewPageTemplateFile("verification.pt")

    def update(self):
        super().update()
        self.info = verification_info(self.context, self.request, True)
        self.may_review = may_review(self.context)
        self.allowed = (
            sorted(Decision(self.context, self.request).allowed_actions())
            if self.may_review
            else []
        )

    def available(self):
        """Only for those who see the history."""
        return "items" in self.info

    def methods(self):
        """``[{"token", "title"}]`` of the verification methods."""
        return [
            {"token": token, "title": translate(title, context=self.request)}
            for token, title in VERIFICATION_METHODS
        ]

    def rows(self):
        """The history, newest first, dates as YYYY-MM-DD."""
        return [
            {
                **item,
                "date": (item["date"] or "")[:10],
                "expires": (item["expires"] or "")[:10],
            }
            for item in reversed(self.info.get("items", []))
        ]


class VerificationDecisionView(BrowserView):
    """POST target of the viewlet's form: applies the decision, back to the page."""

    def __call__(self):
        url = self.context.absolute_url()
        if self.request.method != "POST":
            return self.request.response.redirect(url)
        form = self.request.form
        data = {
            key: form.get(key)
            for key in ("action", "method", "reference", "reason", "expires")
            if form.get(key)
        }
        try:
            Decision(self.context, self.request).apply(data)
        except BadRequest as error:
            message = error.args[0]
            if isinstance(message, list):
                message = "; ".join(item["message"] for item in message)
            api.portal.show_message(message, request=self.request, type="error")
        else:
            api.portal.show_message(
                _("msg_verification_recorded", default="Decision recorded."),
                request=self.request,
            )
        return self.request.response.redirect(url)
