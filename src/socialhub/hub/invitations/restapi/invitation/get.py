"""GET ``@invitation?token=...``: what an invitation link is about.

The organisation's name, the invitation's language, until when the link
works and what the holder may do; no contact details. Reading does not use
the link up. 400 for a link that is not valid, 410 for one that was used,
answered or expired.
"""

from plone import api
from plone.restapi.services import Service
from socialhub.core.params import Parameters
from socialhub.core.params import Text
from socialhub.core.tokens import TokenError
from socialhub.hub.invitations import answer
from socialhub.hub.invitations import invite
from socialhub.hub.invitations.restapi.invitation.errors import token_error
from socialhub.hub.invitations.restapi.invitation.errors import TOKEN_MISSING
from zExceptions import BadRequest
from zope.i18n import translate


PARAMETERS = Parameters(Text("token"))


class InvitationGet(Service):
    """What the invitation of a link is about."""

    def reply(self):
        token = PARAMETERS.parse(self.request)["token"]
        if not token:
            raise BadRequest(
                [
                    {
                        "field": "token",
                        "message": translate(TOKEN_MISSING, context=self.request),
                    }
                ]
            )
        try:
            record = invite.invitation_for(token)
        except TokenError as error:
            raise token_error(error, self.request) from None
        user = None if api.user.is_anonymous() else api.user.get_current().getId()
        return {
            **invite.public_summary(record),
            "actions": list(answer.ACTIONS),
            "logged_in_as": user,
        }
