"""The HTTP errors of a refused invitation link."""

from socialhub.core import _
from zExceptions import BadRequest
from zExceptions import HTTPGone
from zope.i18n import translate


TOKEN_MISSING = _(
    "error_invitation_token", default="Give the token of the invitation link."
)


def token_error(error, request):
    """The exception answering a :class:`TokenError`: 400 or 410."""
    message = translate(error.message, context=request)
    if error.status == 410:
        return HTTPGone(message)
    return BadRequest([{"field": "token", "message": message}])
