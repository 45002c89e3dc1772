"""Subscribers of Zope's publication events that guard every request.

- :func:`guard_inputs` (``IPubStart``, every request of the process): an
  error in Zope's parsing of the query string or form (``?x:int=a``,
  ``?x:date=1``, ``?x:utf8:ustring=%ff``) is a 400 that names the parameter,
  not the HTTP 500 Zope answers; the batch of a Classic UI request is
  checked then (Plone's listings read it while the request is traversed);
- :func:`check_request` (``IPubAfterTraversal``, REST requests to a
  SocialHub site): batch sizes are capped, names with Zope's converter
  suffixes are refused, a writing request's body must be a JSON object, and
  what stock services read must have the shapes they expect
  (:mod:`socialhub.core.guard.stock`);
- :func:`refuse_changes` (``IPubBeforeCommit``, requests of a SocialHub
  site): an answer with a status of 400 or more commits nothing. Several
  stock services catch an error, set a 4xx status and return an error body:
  plone.restapi's workflow transition saves the dates it was given before
  it finds the transition invalid, its content creation adds the item
  before it fails to register a translation. Whatever they changed is
  dropped here, in one place.
"""

from plone.rest.interfaces import IAPIRequest
from plone.restapi.services.groups.get import GroupsGet
from plone.restapi.services.querysources.get import QuerySourcesGet
from plone.restapi.services.sources.get import SourcesGet
from plone.restapi.services.users.get import UsersGet
from plone.restapi.services.vocabularies.get import VocabulariesGet
from socialhub.core import _
from socialhub.core.compat.zope import replace_process_inputs
from socialhub.core.errors import normalize_error_answer
from socialhub.core.guard import limits
from socialhub.core.guard.stock import check_stock_body
from socialhub.core.guard.stock import check_stock_path
from socialhub.core.guard.stock import check_stock_query
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.params import integer_problem
from socialhub.core.params import once_problem
from socialhub.core.params import whole_number
from urllib.parse import parse_qsl
from zExceptions import BadRequest
from zExceptions import HTTPException
from zExceptions import HTTPUnsupportedMediaType
from zope.i18n import translate

import json
import re
import transaction


#: A name Zope reads a converter or flag from (its own pattern): ``x:int``.
CONVERTER_SUFFIX = re.compile(r":[a-zA-Z][-a-zA-Z0-9_]+$")
#: Methods whose body a REST service reads.
WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Media types of REST bodies: JSON, and plone.restapi's resumable uploads.
JSON_TYPES = ("application/json",)
TUS_TYPE = "application/offset+octet-stream"
#: Services whose ``b_size=-1`` means "every term" (a vocabulary's size is
#: bounded by its definition, not by the content of the site).
WHOLE_VOCABULARY_SERVICES = (VocabulariesGet, SourcesGet, QuerySourcesGet)
#: Services that search with a ``limit`` rather than a batch.
LIMITED_SERVICES = (UsersGet, GroupsGet)


def guard_inputs(event):
    """Make errors in Zope's parsing of the request's inputs a 400.

    Zope parses the query string and form in ``request.processInputs``,
    inside the publication but before traversal; a value its converters
    refuse raises ValueError (or a DateTime error, or UnicodeDecodeError),
    which Zope answers with HTTP 500. The request's own method is wrapped
    for this request only.
    """
    request = event.request
    process_inputs = request.processInputs

    def processInputs():
        try:
            process_inputs()
        except HTTPException:
            raise
        except Exception as error:
            message = _(
                "error_request_inputs",
                default="The request's parameters cannot be read: ${problem}",
                mapping={"problem": str(error)},
            )
            raise BadRequest(translate(message, context=request)) from error
        if not is_rest_request(request):
            # Plone's listings read them while the request is traversed;
            # they have no use for an empty batch (their catalog search
            # fails on b_size=0).
            check_batch(request, None, minimum_size=1)

    replace_process_inputs(request, processInputs)


def is_rest_request(request):
    """Whether ``request`` is for the REST API, as plone.rest tells them apart."""
    return IAPIRequest.providedBy(request) or "/++api++" in request.get("PATH_INFO", "")


def check_request(event):
    """Refuse a REST request's inputs that stock code would fail on."""
    request = event.request
    if not (ISocialHubCoreLayer.providedBy(request) and is_rest_request(request)):
        return
    check_parameter_names(request)
    body = json_object_body(request)
    check_stock_path(request)
    check_stock_body(request, body)
    check_stock_query(request)
    check_batch(request, body)


def check_parameter_names(request):
    """Refuse Zope's converter suffixes (``?b_size:int=5``) on the REST API.

    The REST API takes plain names; several values are given by repeating
    the name. Zope would convert, or silently drop, the suffix.
    """
    for name, _value in parse_qsl(
        request.get("QUERY_STRING", ""), keep_blank_values=True
    ):
        if CONVERTER_SUFFIX.search(name):
            message = _(
                "error_converter_suffix",
                default="The parameter ${name} has a Zope converter suffix, which "
                "the REST API does not take: give the plain name, repeated for "
                "several values.",
                mapping={"name": name},
            )
            raise BadRequest(translate(message, context=request))


def json_object_body(request):
    """The JSON object a writing REST request sends, or None when it sends none.

    415 for a body of another media type (a web page's form or
    ``text/plain`` request must not reach the API with a logged-in
    editor's cookie); 400 for a body that is not UTF-8, not JSON or not an
    object. The WSGI guard has refused bodies nested too deep.
    """
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITING_METHODS:
        return None
    body = request.get("BODY") or b""
    if not body.strip():
        return None
    media_type = (request.getHeader("Content-Type") or "").split(";")[0].strip()
    if media_type == TUS_TYPE and "@tus-" in request.get("PATH_INFO", ""):
        return None
    if media_type.lower() not in JSON_TYPES:
        message = _(
            "error_media_type",
            default="The REST API takes request bodies as application/json, "
            "not ${media_type}.",
            mapping={"media_type": media_type or "(none)"},
        )
        raise HTTPUnsupportedMediaType(translate(message, context=request))
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            fail_for(
                request,
                _(
                    "error_body_encoding",
                    default="The request body is not valid UTF-8.",
                ),
            )
    try:
        # Nested no deeper than the limit (socialhub.core.guard.wsgi).
        data = json.loads(body)
    except ValueError as error:
        fail_for(
            request,
            _(
                "error_body_json",
                default="The request body is not valid JSON: ${problem}.",
                mapping={"problem": str(error)},
            ),
        )
    if not isinstance(data, dict):
        fail_for(
            request,
            _("error_json_object", default="The request body must be a JSON object."),
        )
    return data


def check_batch(request, body, minimum_size=0):
    """Refuse bad ``b_start`` and ``b_size``; reduce a ``b_size`` over the cap.

    plone.restapi's batching reads both from the query string and from a
    JSON body. ``b_size`` above :data:`limits.MAX_BATCH_SIZE` is reduced to
    it (Volto asks for "all" items with a huge size, and pages through the
    batch links); ``b_size=0`` keeps its meaning of no items, only their
    number, and ``b_size=-1`` of every term for vocabularies. The user and
    group searches (``@users``, ``@groups``) read ``limit`` from the query
    string before this runs: it must be from 1 to the cap.
    """
    published = request.get("PUBLISHED")
    whole_vocabulary = isinstance(published, WHOLE_VOCABULARY_SERVICES)
    if isinstance(published, LIMITED_SERVICES) and "limit" in request.form:
        value = request.form["limit"]
        if whole_number(value, 1, limits.MAX_BATCH_SIZE) is None:
            fail_for(request, integer_problem("limit", value, 1, limits.MAX_BATCH_SIZE))
    for source in (request.form, body):
        if not source:
            continue
        changed = False
        if "b_start" in source:
            integer(request, "b_start", source["b_start"], minimum=0)
        if "b_size" in source:
            size = source["b_size"]
            if not (whole_vocabulary and str(size) == "-1"):
                size = integer(request, "b_size", size, minimum=minimum_size)
                if size > limits.MAX_BATCH_SIZE:
                    source["b_size"] = (
                        str(limits.MAX_BATCH_SIZE)
                        if source is request.form
                        else limits.MAX_BATCH_SIZE
                    )
                    changed = source is body
        if changed:
            # plone.restapi reads the body again from the request.
            request.set("BODY", json.dumps(body).encode("utf-8"))


def integer(request, name, value, minimum):
    """``value`` of the parameter ``name`` as an int of at least ``minimum``."""
    if isinstance(value, list):
        fail_for(request, once_problem(name))
    number = whole_number(value, minimum)
    if number is None:
        fail_for(request, integer_problem(name, value, minimum))
    return number


def fail_for(request, message):
    """Raise the 400 of ``request`` with ``message``, translated for it."""
    raise BadRequest(translate(message, context=request))


def refuse_changes(event):
    """Commit nothing for an answer of 400 or more on a SocialHub site."""
    request = event.request
    if not ISocialHubCoreLayer.providedBy(request):
        return
    if request.response.getStatus() >= 400:
        normalize_error_answer(request)
        transaction.get().doom()
