"""WSGI middleware: refuse what Zope would fail on, or read in full, before it runs.

Zope's publisher decodes the request's path as UTF-8 before anything else,
outside any error handling: a path such as ``/%ff`` is answered HTTP 500 by
the server itself. A request body is parsed whatever its size: a 50 MB JSON
body held the server for 9 seconds. And plone.restapi's authentication
plugin parses every JSON body while Zope authenticates the request, where a
body nested 100,000 deep overflows Python's stack (HTTP 500), as do Basic
credentials that are not base64 of ``user:password``.
:class:`RequestGuard` answers these before Zope sees the request: 400 for a
path that is not UTF-8 or credentials that cannot be read, 413 for a body
over the limit (``multipart/form-data``
uploads of the Classic UI aside, which Zope's ``dos_protection`` settings
limit), 400 for a JSON body nested deeper than
:data:`~socialhub.core.guard.limits.MAX_JSON_DEPTH`. The answer is JSON
for REST clients (``Accept: application/json`` or a ``++api++`` path), in
the shape of every other error (:mod:`socialhub.core.errors`), plain text
for browsers, in the language the request prefers.
"""

from socialhub.core import _
from socialhub.core.errors import error_body
from socialhub.core.guard import limits
from zope.i18n import translate
from ZPublisher.utils import basic_auth_decode

import binascii
import io
import itertools
import json
import re


#: The languages the middleware's messages come in.
LANGUAGES = ("en", "fr", "es")
#: The methods Zope serves: HTTP's, and WebDAV's (Plone's folders speak it).
METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    | {"PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"}
)
#: A JSON string, escapes included: matched in linear time (the two
#: alternatives never match the same character).
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
#: Every byte but brackets, and how each bracket changes the depth.
NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
BRACKET_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class RequestGuard:
    """Answers requests Zope cannot serve safely; passes on the others."""

    def __init__(
        self,
        application,
        max_body_size=limits.MAX_BODY_SIZE,
        max_json_depth=limits.MAX_JSON_DEPTH,
    ):
        self.application = application
        self.max_body_size = max_body_size
        self.max_json_depth = max_json_depth

    def __call__(self, environ, start_response):
        if "/++api++" in environ.get("PATH_INFO", "") and not accepts_json(environ):
            # A ++api++ path is a REST request whatever it accepts; plone.rest
            # finds the services of PATCH, PUT and DELETE by the Accept header,
            # and without it Zope's traversal failed (HTTP 500).
            environ["HTTP_ACCEPT"] = "application/json"
        refusal = self.refusal(environ)
        if refusal is None:
            return self.application(environ, start_response)
        status, error_type, message = refusal
        message = translate(message, target_language=preferred_language(environ))
        if wants_json(environ):
            body = json.dumps(error_body(error_type, message)).encode("utf-8")
            content_type = "application/json"
        else:
            body = message.encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        start_response(
            status,
            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        )
        return [body]

    def refusal(self, environ):
        """``(status, type, message)`` for a request to refuse, else None."""
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if method not in METHODS:
            return (
                "501 Not Implemented",
                "NotImplemented",
                _(
                    "error_method",
                    default="The method ${method} is not served here.",
                    mapping={"method": method[:20]},
                ),
            )
        if method == "PATCH" and not wants_json(environ):
            # Zope answers 500 when the name does not exist.
            return (
                "405 Method Not Allowed",
                "MethodNotAllowed",
                _(
                    "error_patch_rest_only",
                    default="PATCH is a method of the REST API: send Accept: "
                    "application/json.",
                ),
            )
        try:
            environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return (
                "400 Bad Request",
                "BadRequest",
                _("error_path_encoding", default="The URL's path is not valid UTF-8."),
            )
        try:
            basic_auth_decode(environ.get("HTTP_AUTHORIZATION", ""))
        except (ValueError, UnicodeError, binascii.Error):
            return (
                "400 Bad Request",
                "BadRequest",
                _(
                    "error_authorization",
                    default="The Authorization header cannot be read: Basic "
                    "credentials are user:password in base64.",
                ),
            )
        size = content_length(environ)
        if size is None:
            return (
                "400 Bad Request",
                "BadRequest",
                _(
                    "error_content_length",
                    default="The Content-Length header must be a whole number.",
                ),
            )
        content_type = environ.get("CONTENT_TYPE", "").lower()
        if size > self.max_body_size and not content_type.startswith(
            "multipart/form-data"
        ):
            return (
                "413 Request Entity Too Large",
                "PayloadTooLarge",
                _(
                    "error_body_too_large",
                    default="The request body has ${size} bytes; at most "
                    "${limit} are accepted.",
                    mapping={"size": size, "limit": self.max_body_size},
                ),
            )
        if size and content_type.startswith("application/json"):
            # Read here, and handed on to Zope from memory (at most the limit).
            body = environ["wsgi.input"].read(size)
            environ["wsgi.input"] = io.BytesIO(body)
            if json_depth(body) > self.max_json_depth:
                return (
                    "400 Bad Request",
                    "BadRequest",
                    _(
                        "error_body_depth",
                        default="The request body nests arrays and objects deeper "
                        "than ${limit} levels.",
                        mapping={"limit": self.max_json_depth},
                    ),
                )
        return None


def content_length(environ):
    """The request's Content-Length (0 when absent), None when it is not a number."""
    value = environ.get("CONTENT_LENGTH") or "0"
    if not (value.isascii() and value.isdecimal()):
        return None
    return int(value)


def json_depth(body):
    """How deep arrays and objects nest in the JSON text ``body`` (bytes).

    Brackets inside strings do not count; the text need not be valid JSON.
    Linear in the length of ``body``, and computed in C but for the
    running sum: fast enough for the largest body the guard lets through.
    """
    brackets = JSON_STRING.sub(b"", body).translate(None, NOT_BRACKETS)
    return max(itertools.accumulate(map(BRACKET_STEP.__getitem__, brackets)), default=0)


def accepts_json(environ):
    """Whether the request's Accept header names JSON."""
    return "application/json" in environ.get("HTTP_ACCEPT", "")


def wants_json(environ):
    """Whether the request is a REST client's, as plone.rest tells them apart."""
    return accepts_json(environ) or "/++api++" in environ.get("PATH_INFO", "")


def preferred_language(environ):
    """The first of :data:`LANGUAGES` the request's Accept-Language names, else en."""
    ranked = []
    for position, part in enumerate(environ.get("HTTP_ACCEPT_LANGUAGE", "").split(",")):
        language, _semicolon, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        code = language.split("-")[0].strip().lower()
        if code in LANGUAGES and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else LANGUAGES[0]


def make_filter(application, global_conf, max_body_size=None):
    """PasteDeploy filter factory (``egg:socialhub#guard``).

    ``max_body_size`` comes from the filter's section, else from the global
    configuration ``socialhub serve`` passes (``SOCIALHUB_MAX_BODY_SIZE``),
    else :data:`limits.MAX_BODY_SIZE`. The nesting limit is
    :data:`limits.MAX_JSON_DEPTH` (``SOCIALHUB_MAX_JSON_DEPTH``).
    """
    if max_body_size is None:
        max_body_size = global_conf.get("max_body_size", limits.MAX_BODY_SIZE)
    return RequestGuard(application, int(max_body_size))
