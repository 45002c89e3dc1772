"""REST services of self-registration: one folder per endpoint."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.errors import refuse_fields
from socialhub.core.tokens import TokenError
from socialhub.hub.accounts import AccountError
from zExceptions import BadRequest
from zExceptions import HTTPGone
from zope.i18n import translate
from zope.interface import alsoProvides


class JSONPostService(Service):
    """A POST service reading a JSON object, answering errors in SocialHub's shape."""

    def body(self):
        """The JSON object of the request (400 for anything else).

        A malformed body is plone.restapi's ``DeserializationError``, which
        SocialHub renders as a 400.
        """
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest(
                self.translate(
                    _(
                        "error_json_object",
                        default="The request body must be a JSON object.",
                    )
                )
            )
        return data

    def translate(self, message):
        return translate(message, context=self.request)

    def refuse(self, errors):
        """400 with ``errors`` (``[{"field", "message"}]``, messages translated)."""
        refuse_fields(errors, self.request)

    def refuse_token(self, error):
        """The answer for a :class:`TokenError` or an :class:`AccountError`."""
        if isinstance(error, AccountError) and error.field:
            self.refuse([{"field": error.field, "message": error.message}])
        message = self.translate(error.message)
        if isinstance(error, TokenError) and error.status == 410:
            raise HTTPGone(message)
        raise BadRequest(message)
