"""POST ``@invitation``: claim or decline an invitation.

Body: ``token`` (from the link), ``action`` (``claim`` or ``decline``) and,
to claim without being logged in, ``password`` (at least 8 characters) and
optionally ``fullname`` for the new account, whose login is the
invitation's e-mail address. Claiming while logged in links the entry to
the current member. The link works once: 410 afterwards.
"""

from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.errors import refuse_field
from socialhub.core.tokens import TokenError
from socialhub.hub.invitations import answer
from socialhub.hub.invitations.restapi.invitation.errors import token_error
from socialhub.hub.invitations.restapi.invitation.errors import TOKEN_MISSING
from zope.interface import alsoProvides


FIELDS = ("token", "action", "fullname", "password")
ACTION_MESSAGE = _(
    "error_invitation_action", default="Choose an action: claim or decline."
)


class InvitationPost(Service):
    """Claim or decline the invitation of a link."""

    def refuse(self, field, message):
        refuse_field(field, message, self.request)

    def reply(self):
        # A REST client authenticates each request: no CSRF token to check.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            self.refuse("token", TOKEN_MISSING)
        for name in sorted(set(data) - set(FIELDS)):
            self.refuse(
                str(name)[:60],
                _(
                    "error_invitation_unknown_field",
                    default="Unknown field: use ${names}.",
                    mapping={"names": ", ".join(FIELDS)},
                ),
            )
        token = data.get("token")
        if not isinstance(token, str) or not token.strip():
            self.refuse("token", TOKEN_MISSING)
        action = data.get("action")
        if action not in answer.ACTIONS:
            self.refuse("action", ACTION_MESSAGE)
        try:
            record, entry, userid = answer.answer(
                token.strip(), action, data.get("fullname"), data.get("password")
            )
        except TokenError as error:
            raise token_error(error, self.request) from None
        except answer.AnswerError as error:
            self.refuse(error.field, error.message)
        result = {"status": record["status"], "organisation": record["organisation"]}
        if entry is not None:
            result["entry"] = {"@id": entry.absolute_url(), "title": entry.Title()}
            result["userid"] = userid
            result["login"] = api.user.get(userid=userid).getUserName()
        return result
