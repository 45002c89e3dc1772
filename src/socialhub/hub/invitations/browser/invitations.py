"""The secretariat's page of invitations (``@@invitations``).

The logic of the REST ``@invitations``: every invitation of the site or the
language root with its status (filter by status), a form to invite one
organisation and one to upload a CSV batch, whose refused rows are listed
with their reasons.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from socialhub.core import _
from socialhub.hub.invitations import batch
from socialhub.hub.invitations import invite
from socialhub.hub.invitations import storage
from socialhub.hub.invitations.serialize import listed_invitations
from socialhub.hub.invitations.serialize import root_language
from socialhub.hub.invitations.serialize import serialize
from urllib.parse import urlencode
from zope.i18n import translate


STATUS_TITLES = {
    storage.SENT: _("invitation_status_sent", default="Sent"),
    storage.CLAIMED: _("invitation_status_claimed", default="Claimed"),
    storage.DECLINED: _("invitation_status_declined", default="Declined"),
    storage.EXPIRED: _("invitation_status_expired", default="Expired"),
}
#: The most invitations the page lists at once.
PAGE_SIZE = 100


class InvitationsView(BrowserView):
    """Lists invitations and takes new ones."""

    errors = ()
    report = None
    data = None

    def __call__(self):
        self.data = {}
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "form.upload" in self.request.form:
                self.upload()
            elif "form.invite" in self.request.form:
                self.invite_one()
        return self.index()

    @property
    def url(self):
        return f"{self.context.absolute_url()}/@@invitations"

    @property
    def status(self):
        value = self.request.form.get("status")
        return value if value in storage.STATUSES else None

    def filters(self):
        """The status filter links, the current one marked."""
        found = [
            {
                "title": translate(
                    _("invitation_status_all", default="All"), context=self.request
                ),
                "url": self.url,
                "current": self.status is None,
            }
        ]
        for status, title in STATUS_TITLES.items():
            found.append(
                {
                    "title": translate(title, context=self.request),
                    "url": f"{self.url}?{urlencode({'status': status})}",
                    "current": self.status == status,
                }
            )
        return found

    def invitations(self):
        """One dict per invitation shown, newest first."""
        records = listed_invitations(self.context, [self.status] if self.status else [])
        return [self.row(serialize(record)) for record in records[:PAGE_SIZE]]

    def row(self, item):
        item["status_title"] = translate(
            STATUS_TITLES[item["status"]], context=self.request
        )
        for name in ("created", "expires", "answered"):
            item[f"{name}_shown"] = (
                api.portal.get_localized_time(item[name]) if item[name] else ""
            )
        return item

    def languages(self):
        language = root_language(self.context)
        available = api.portal.get_registry_record("plone.available_languages")
        return [language] if language in available else available

    def invite_one(self):
        data = {
            name: self.request.form.get(name, "")
            for name in invite.FIELDS
            if isinstance(self.request.form.get(name, ""), str)
        }
        self.data = data
        errors, clean = invite.problems(data)
        if not errors and clean["language"] not in self.languages():
            errors = [
                {
                    "field": "language",
                    "message": invite.language_message(self.languages()),
                }
            ]
        if errors:
            self.errors = [
                {
                    "field": error["field"],
                    "message": translate(error["message"], context=self.request),
                }
                for error in errors
            ]
            self.request.response.setStatus(400)
            return
        record = invite.invite(clean)
        self.data = {}
        IStatusMessage(self.request).add(
            _(
                "message_invitation_sent",
                default="${organisation} is invited.",
                mapping={"organisation": record["organisation"]},
            )
        )

    def upload(self):
        upload = self.request.form.get("csv_file")
        text = upload.read() if hasattr(upload, "read") else b""
        if not text:
            text = self.request.form.get("csv_text", "")
        try:
            self.report = batch.invite_batch(
                text, lambda message: translate(message, context=self.request)
            )
        except batch.BatchError as error:
            self.errors = [
                {
                    "field": "csv",
                    "message": translate(error.message, context=self.request),
                }
            ]
            self.request.response.setStatus(400)
            return
        IStatusMessage(self.request).add(
            _(
                "message_invitations_batch",
                default="${created} invited, ${refused} refused.",
                mapping={
                    "created": len(self.report["created"]),
                    "refused": len(self.report["refused"]),
                },
            )
        )

    def error_for(self, field):
        """The messages of ``field``'s errors, joined."""
        return " ".join(
            error["message"] for error in self.errors if error["field"] == field
        )
