"""Client errors raised while a Classic UI page renders are 400 answers.

plone.rest's error handling turns plone.restapi's ``DeserializationError``
into a 400 for REST requests only (:mod:`socialhub.core.errors`). A Classic
UI page can meet it too: the relation cards of SocialHub's view pages ask
plone.restapi's summary serializer, which reads the JSON body of a POST
(``metadata_fields``), so a POST of a JSON text (not an object) to an item's
page raised it, and Plone's exception view answered 500. This view answers
400 with Plone's error page, or SocialHub's JSON error to a client that
does not ask for HTML, and changes nothing (the guard dooms any answer of
400 or more).
"""

from pathlib import Path
from Products.CMFPlone.browser import exceptions as plone_exceptions
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from socialhub.core import _
from socialhub.core.errors import error_body
from socialhub.core.errors import log_client_error
from zope.i18n import translate

import json


MALFORMED_BODY = _(
    "error_json_object", default="The request body must be a JSON object."
)


class MalformedBodyView(ExceptionView):
    """Plone's exception view, answering 400 for a body that cannot be read."""

    # Plone's own error page, as its ``index.html`` for every exception.
    index = ViewPageTemplateFile(
        "templates/error_message.pt",
        _prefix=str(Path(plone_exceptions.__file__).parent),
    )

    def __call__(self):
        page = super().__call__()
        response = self.request.response
        # Locked: plone.transformchain sets the status of the exception's
        # class again before the transaction is aborted (500 for this one).
        response.setStatus(400, lock=True)
        message = translate(MALFORMED_BODY, context=self.request)
        log_client_error(self.request, 400, message)
        if "text/html" in self.request.getHeader("Accept", ""):
            return page
        response.setHeader("Content-Type", "application/json")
        return json.dumps(error_body("BadRequest", message))
