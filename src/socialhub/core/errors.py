"""One shape for every error answer of the REST API of a SocialHub site.

Every answer with a status of 400 or more is a JSON object with ``type``
(the kind of error, e.g. ``BadRequest``) and ``message`` (what was wrong,
translated). A validation error adds ``errors``, a list of
``{"field", "message"}`` objects; its ``message`` is then that list as JSON
text, which is what Volto reads field errors from (stock plone.restapi puts a
Python ``repr`` of the list there, which only parses by luck).

Two places produce errors and both end here:

- an exception a service raises (``zExceptions.BadRequest`` and the other
  HTTP exceptions of zExceptions, plone.restapi's ``DeserializationError``)
  is rendered by :class:`ErrorHandling`, plone.rest's exception view with
  the shape above, no traceback for a client error (whoever asks), and the
  status the error means (plone.restapi's ``DeserializationError`` is a 400,
  not Zope's default 500);
- a service that sets a 4xx status and returns plone.restapi's
  ``{"error": {"type", "message"}}`` body is given ``type`` and ``message``
  at the top too, keeping ``error`` for the clients that read it
  (:func:`normalize_error_answer`).

A client error is logged at INFO, one line without traceback
(:func:`log_client_error`); Zope's error log keeps tracebacks for server
errors only (:data:`CLIENT_ERROR_TYPES`).
"""

from plone.rest.errors import ErrorHandling as BaseErrorHandling
from plone.restapi.exceptions import DeserializationError
from socialhub.core.compat.zope import skip_login_challenge
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate

import json
import logging


logger = logging.getLogger(__name__)

#: Exceptions that mean a bad request, though Zope answers them 500.
CLIENT_ERROR_STATUS = {DeserializationError: 400}
#: The names of the exception classes of client errors, which Zope's error
#: log (``error_log``) must not record with a traceback as server errors.
CLIENT_ERROR_TYPES = (
    "BadRequest",
    "DeserializationError",
    "Forbidden",
    "HTTPConflict",
    "HTTPGone",
    "HTTPTooManyRequests",
    "HTTPUnsupportedMediaType",
    "MethodNotAllowed",
    "NotFound",
    "PreconditionFailed",
    "RateLimited",
    "Redirect",
    "Unauthorized",
)


#: What Zope's error log ignores by default.
ZOPE_IGNORED_ERRORS = ("Unauthorized", "NotFound", "Redirect")


def ignore_client_errors(error_log):
    """Make Zope's ``error_log`` ignore client errors (:data:`CLIENT_ERROR_TYPES`).

    Zope's error log records every exception but the ignored ones, with its
    traceback, at ERROR in the event log: every 400 was one. Client errors
    are logged at INFO by :func:`log_client_error` instead. Returns whether
    the error log changed.
    """
    properties = error_log.getProperties()
    ignored = tuple(properties["ignored_exceptions"])
    missing = tuple(name for name in CLIENT_ERROR_TYPES if name not in ignored)
    if missing:
        error_log.setProperties(
            properties["keep_entries"], properties["copy_to_zlog"], ignored + missing
        )
    return bool(missing)


def record_client_errors(error_log):
    """Undo :func:`ignore_client_errors`: Zope's own ignored errors only."""
    properties = error_log.getProperties()
    error_log.setProperties(
        properties["keep_entries"],
        properties["copy_to_zlog"],
        tuple(
            name
            for name in properties["ignored_exceptions"]
            if name not in CLIENT_ERROR_TYPES or name in ZOPE_IGNORED_ERRORS
        ),
    )


def error_body(error_type, message, errors=None):
    """The JSON object of an error answer."""
    body = {"type": error_type, "message": message}
    if errors:
        body["errors"] = errors
    return body


def refuse_fields(errors, request):
    """Answer 400 with ``errors``, a list of ``{"field", "message"}``.

    Each ``message`` is a message id, translated for ``request``; an error
    without ``field`` is about the request as a whole.
    """
    raise BadRequest(
        [
            {
                **({"field": error["field"]} if error.get("field") else {}),
                "message": translate(error["message"], context=request),
            }
            for error in errors
        ]
    )


def refuse_field(field, message, request):
    """Answer 400 naming ``field``, with ``message`` translated for ``request``."""
    refuse_fields([{"field": field, "message": message}], request)


def field_errors(exception):
    """The ``[{"field", "message"}]`` list a validation error carries, or None.

    plone.restapi's deserializers raise ``BadRequest(list_of_errors)``; an
    error of an invariant has a ``message`` and no ``field``.
    """
    args = getattr(exception, "args", ())
    if (
        len(args) == 1
        and isinstance(args[0], list)
        and args[0]
        and all(isinstance(error, dict) and "message" in error for error in args[0])
    ):
        # An invariant's error names no field (Volto shows it on its own).
        return [
            {
                **({"field": str(error["field"])} if error.get("field") else {}),
                "message": str(error["message"]),
            }
            for error in args[0]
        ]
    return None


def client_error_status(exception):
    """The 4xx status ``exception`` means, or None for a server error."""
    for error_class, status in CLIENT_ERROR_STATUS.items():
        if isinstance(exception, error_class):
            return status
    get_status = getattr(exception, "getStatus", None)
    status = get_status() if callable(get_status) else None
    if isinstance(status, int) and 400 <= status < 500:
        return status
    return None


def log_client_error(request, status, message):
    """Log a refused request at INFO: method, URL, status and message, no traceback."""
    logger.info(
        "%s %s answered %s: %s",
        request.get("REQUEST_METHOD", "GET"),
        request.get("ACTUAL_URL") or request.get("URL", ""),
        status,
        message,
    )


class ErrorHandling(BaseErrorHandling):
    """plone.rest's exception view, in SocialHub's error shape on its sites.

    Registered in place of plone.rest's (``overrides.zcml``). A client error
    is rendered in SocialHub's shape whatever the site, as it may be raised
    before the request reaches one (Zope parses a request's parameters
    first); a server error is rendered by plone.rest.
    """

    def __call__(self):
        status = client_error_status(self.context)
        if status is None:
            return super().__call__()
        data = self.render_exception(self.context)
        if data is None:  # plone.app.redirector redirected the request
            return
        data.pop("traceback", None)
        if isinstance(self.context, NotFound):
            # plone.rest names the URL of the view Zope published, which for
            # a service is ".../GET_application_json_": name the one asked.
            url = self.request.get("ACTUAL_URL") or self.request.getURL()
            data["message"] = f"Resource not found: {url}"
        errors = field_errors(self.context)
        if errors:
            data["errors"] = errors
            data["message"] = json.dumps(errors, ensure_ascii=False)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(status, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        # As plone.rest: no redirect to the login form for a 401.
        skip_login_challenge(response)
        log_client_error(self.request, status, data["message"])


def normalize_error_answer(request):
    """Give a service's 4xx answer ``{"error": {...}}`` SocialHub's shape.

    Called before the transaction of a refused request is dropped
    (:func:`socialhub.core.guard.publisher.refuse_changes`).
    """
    response = request.response
    status = response.getStatus()
    content_type = response.getHeader("Content-Type") or ""
    if not content_type.startswith("application/json"):
        log_client_error(request, status, "")
        return
    try:
        body = json.loads(response.getBody() or b"null")
    except ValueError:
        body = None
    if isinstance(body, dict) and "type" not in body and "message" not in body:
        error = body.get("error")
        if isinstance(error, dict):
            body.update(
                error_body(
                    str(error.get("type") or response.errmsg),
                    str(error.get("message") or ""),
                )
            )
            response.setBody(json.dumps(body, indent=2, sort_keys=True))
    message = body.get("message", "") if isinstance(body, dict) else ""
    log_client_error(request, status, message)
