"""The page an invitation link opens (``@@invitation?token=...``).

A GET shows the organisation's name and the three answers (claim with a new
account, claim as the member logged in, decline) and changes nothing: a
mail scanner may open it. Each answer is a form that POSTs back here.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from socialhub.core import _
from socialhub.core.tokens import TokenError
from socialhub.hub.invitations import answer
from socialhub.hub.invitations import invite
from urllib.parse import urlencode


class InvitationView(BrowserView):
    """Shows an invitation and takes its answer."""

    record = None
    error = None
    field_error = None
    result = None

    def __call__(self):
        self.token = self.request.form.get("token", "")
        if not isinstance(self.token, str):
            self.token = ""
        try:
            self.record = invite.invitation_for(self.token)
        except TokenError as error:
            self.error = error.message
            self.request.response.setStatus(error.status)
            return self.index()
        if self.request.method == "POST":
            self.answer()
        return self.index()

    def answer(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        action = form.get("action")
        if action not in answer.ACTIONS:
            self.field_error = _(
                "error_invitation_action", default="Choose an action: claim or decline."
            )
            self.request.response.setStatus(400)
            return
        try:
            record, entry, userid = answer.answer(
                self.token, action, form.get("fullname"), form.get("password")
            )
        except TokenError as error:
            self.error = error.message
            self.request.response.setStatus(error.status)
            return
        except answer.AnswerError as error:
            self.field_error = error.message
            self.request.response.setStatus(400)
            return
        self.result = {
            "status": record["status"],
            "entry_url": entry.absolute_url() if entry is not None else None,
            "login": api.user.get(userid=userid).getUserName() if userid else None,
            "new_account": action == answer.CLAIM and api.user.is_anonymous(),
        }

    @property
    def logged_in(self):
        return not api.user.is_anonymous()

    @property
    def member_name(self):
        user = api.user.get_current()
        return user.getProperty("fullname") or user.getUserName()

    @property
    def login_url(self):
        came_from = f"{self.context.absolute_url()}/@@invitation?" + urlencode(
            {"token": self.token}
        )
        return f"{api.portal.get().absolute_url()}/login?" + urlencode(
            {"came_from": came_from}
        )

    @property
    def action_url(self):
        return f"{self.context.absolute_url()}/@@invitation"
