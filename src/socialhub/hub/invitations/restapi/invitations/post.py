"""POST ``@invitations``: invite one organisation, or a CSV batch.

One invitation: a JSON object with ``organisation``, ``country`` (ISO
3166-1 alpha-2), ``contact_name``, ``email``, ``language`` and, optionally,
``website`` and ``message``; answers 201 with the invitation, or 400 with
the field errors (nothing created).

A batch: ``{"csv": "<text>"}`` (the REST API takes JSON bodies only; the
backend page ``@@invitations`` takes the file itself); answers 201 with
``created`` and ``refused`` rows (each refused row with its errors) when at
least one row was invited, 400 with the same report when none was, 400 with
a message when the text is no CSV of invitations (see
:mod:`socialhub.hub.invitations.batch`).
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.hub.invitations import batch
from socialhub.hub.invitations import invite
from socialhub.hub.invitations.serialize import root_language
from socialhub.hub.invitations.serialize import serialize
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides


class InvitationsPost(Service):
    """Invite one organisation or a CSV batch of them."""

    def reply(self):
        # A REST client authenticates each request: no CSRF token to check.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if isinstance(data, dict) and "csv" in data:
            if set(data) != {"csv"}:
                raise BadRequest(
                    [{"field": "csv", "message": self.translate(ONLY_CSV)}]
                )
            return self.batch(data["csv"])
        return self.invite_one(data)

    def translate(self, message):
        return translate(message, context=self.request)

    def invite_one(self, data):
        errors, clean = invite.problems(data)
        if errors:
            raise BadRequest(
                [
                    {
                        "field": error["field"],
                        "message": self.translate(error["message"]),
                    }
                    for error in errors
                ]
            )
        if root_language(self.context) not in ("", clean["language"]):
            raise BadRequest(
                [{"field": "language", "message": self.translate(OTHER_LANGUAGE)}]
            )
        record = invite.invite(clean)
        self.request.response.setStatus(201)
        return serialize(record)

    def batch(self, text):
        try:
            report = batch.invite_batch(text, self.translate)
        except batch.BatchError as error:
            raise BadRequest(
                [{"field": "csv", "message": self.translate(error.message)}]
            ) from None
        result = {
            "created": [
                {"row": row["row"], **serialize(row["invitation"])}
                for row in report["created"]
            ],
            "refused": report["refused"],
        }
        if report["created"]:
            self.request.response.setStatus(201)
            return result
        self.request.response.setStatus(400)
        return {
            "type": "BadRequest",
            "message": self.translate(NOTHING_INVITED),
            **result,
        }


ONLY_CSV = _(
    "error_invitation_csv_alone",
    default="Send the CSV text alone, as csv, or one invitation's fields.",
)
OTHER_LANGUAGE = _(
    "error_invitation_other_language",
    default="Invite in this language root's language, or from the site root.",
)
NOTHING_INVITED = _(
    "error_csv_nothing_invited",
    default="No row could be invited: see the refused rows.",
)
