"""The shapes of what stock plone.restapi services read, checked before they run.

plone.restapi's services read the JSON body (and some their query string)
trusting its types: ``{"source": 5}`` to ``@copy``, ``{"timeout": "x"}`` to
``@lock``, ``{"items": 5}`` to ``@aliases`` or ``{"id": 5}`` to
``@translations`` fail with HTTP 500, and ``PATCH @users/<id>`` with
``{"email": 5}`` even stores the number. Each service's body is described
here once, as a JSON Schema of the properties it reads (others are left to
the service; ``@search`` and ``@querystring-search`` are checked by
:mod:`socialhub.core.catalogquery`), and checked by :func:`check_stock_body`:
a value of the wrong type is a 400 naming the property. Query parameters that
a service converts
with a schema field (``@contextnavigation``'s ``expand.contextnavigation.*``)
are converted first by :func:`check_stock_query`.

The schemas follow the services of plone.restapi 10
(``plone/restapi/services/*``); ``tests/test_core_guard.py`` sends each
service a body of the wrong type.
"""

from plone import api
from plone.restapi.services.aliases.add import AliasesPost
from plone.restapi.services.aliases.add import AliasesRootPost
from plone.restapi.services.aliases.delete import AliasesDelete
from plone.restapi.services.auth.login import Login
from plone.restapi.services.content.get import ContentGet
from plone.restapi.services.contextnavigation.get import INavigationPortlet
from plone.restapi.services.copymove.copymove import Copy
from plone.restapi.services.copymove.copymove import Move
from plone.restapi.services.email_notification.post import EmailNotificationPost
from plone.restapi.services.email_send.post import EmailSendPost
from plone.restapi.services.groups.add import GroupsPost
from plone.restapi.services.groups.delete import GroupsDelete
from plone.restapi.services.groups.get import GroupsGet
from plone.restapi.services.groups.update import GroupsPatch
from plone.restapi.services.locking.add import Lock
from plone.restapi.services.multilingual.pam import LinkTranslations
from plone.restapi.services.multilingual.pam import UnlinkTranslations
from plone.restapi.services.registry.update import RegistryUpdate
from plone.restapi.services.relations.add import PostRelations
from plone.restapi.services.relations.delete import DeleteRelations
from plone.restapi.services.sources.get import get_field_by_name
from plone.restapi.services.sources.get import SourcesGet
from plone.restapi.services.transactions.patch import TransactionsPatch
from plone.restapi.services.types.get import TypesGet
from plone.restapi.services.users.add import UsersPost
from plone.restapi.services.users.delete import UsersDelete
from plone.restapi.services.users.get import UsersGet
from plone.restapi.services.users.update import UsersPatch
from plone.restapi.services.vocabularies.get import VocabulariesGet
from socialhub.core import _
from socialhub.core.params import integer_problem
from socialhub.core.params import shown
from socialhub.core.params import whole_number
from socialhub.core.restapi.services.history.history import has_version
from socialhub.core.restapi.services.history.history import version_number
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.component import queryMultiAdapter
from zope.i18n import translate
from zope.schema.interfaces import IFromUnicode
from zope.schema.interfaces import ValidationError

import json
import jsonschema


TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}
BOOLEAN = {"type": "boolean"}
WHOLE_NUMBER = {"type": "integer", "minimum": 0}


def properties(required=(), **named):
    """A JSON Schema of an object with the ``named`` properties' schemas."""
    return {"type": "object", "properties": named, "required": list(required)}


def items_of(**named):
    """An ``items`` list of objects with the ``named`` text properties."""
    return {"type": "array", "items": properties(**named)}


RELATION = {"source": TEXT, "target": TEXT, "relation": TEXT}
USER = {
    "username": TEXT,
    "email": TEXT,
    "password": TEXT,
    "fullname": TEXT,
    "description": TEXT,
    "location": TEXT,
    "home_page": TEXT,
    "roles": TEXTS,
    "groups": TEXTS,
    "sendPasswordReset": BOOLEAN,
}
GROUP = {
    "groupname": TEXT,
    "title": TEXT,
    "description": TEXT,
    "email": TEXT,
    "roles": TEXTS,
    "groups": TEXTS,
}
MAIL = {"from": TEXT, "message": TEXT, "name": TEXT, "subject": TEXT}

#: The body each stock service reads, by the service's class.
BODY_SCHEMAS = {
    AliasesPost: properties(
        items=items_of(path=TEXT, **{"redirect-to": TEXT, "datetime": TEXT})
    ),
    AliasesRootPost: properties(
        items=items_of(path=TEXT, **{"redirect-to": TEXT, "datetime": TEXT})
    ),
    AliasesDelete: properties(items=items_of(path=TEXT)),
    Copy: properties(source={"anyOf": [TEXT, TEXTS]}),
    Move: properties(source={"anyOf": [TEXT, TEXTS]}),
    DeleteRelations: properties(items=items_of(**RELATION), **RELATION),
    EmailNotificationPost: properties(**MAIL),
    EmailSendPost: properties(to=TEXT, **MAIL),
    GroupsPatch: properties(
        users={"type": "object", "additionalProperties": BOOLEAN},
        **{name: schema for name, schema in GROUP.items() if name != "groupname"},
    ),
    GroupsPost: properties(users=TEXTS, **GROUP),
    LinkTranslations: properties(id=TEXT),
    Lock: properties(stealable=BOOLEAN, timeout=WHOLE_NUMBER),
    Login: properties(("login", "password"), login=TEXT, password=TEXT),
    PostRelations: properties(items=items_of(**RELATION), flush=BOOLEAN),
    TransactionsPatch: properties(("transaction_ids",), transaction_ids=TEXTS),
    UnlinkTranslations: properties(language=TEXT),
    UsersPatch: properties(**USER),
    UsersPost: properties(**USER),
}
_VALIDATORS = {
    service: jsonschema.Draft7Validator(schema)
    for service, schema in BODY_SCHEMAS.items()
}
for _validator in _VALIDATORS.values():
    _validator.check_schema(_validator.schema)

#: Query parameters that stock services, and the expansions of any item's
#: JSON (``?expand=contextnavigation``), convert with a schema's fields:
#: their prefix and the schema.
QUERY_SCHEMAS = {"expand.contextnavigation.": INavigationPortlet}
#: Whole-number query parameters and their bounds. plone.restapi's
#: navigation walks every level up to the depth asked for, whether or not
#: the site has them: ``depth=10000000`` held a server thread for a minute.
QUERY_NUMBERS = {"expand.navigation.depth": (0, 100)}
#: How a JSON Schema type is named in messages.
TYPE_NAMES = {
    "string": _("json_type_string", default="a text"),
    "integer": _("json_type_integer", default="a whole number"),
    "boolean": _("json_type_boolean", default="true or false"),
    "array": _("json_type_array", default="a list"),
    "object": _("json_type_object", default="an object"),
}


def service_of(published, table):
    """The key of ``table`` that ``published`` (a service) is an instance of."""
    for service in table:
        if isinstance(published, service):
            return service
    return None


#: Services that parse the body with ``json.loads`` themselves, so that an
#: empty body fails (plone.restapi's ``json_body`` reads it as ``{}``).
BODY_REQUIRED = (RegistryUpdate, UsersPatch)


def check_stock_body(request, body):
    """Refuse a body a stock service would misread (400 naming the property)."""
    if body is None and isinstance(request.get("PUBLISHED"), BODY_REQUIRED):
        message = _(
            "error_json_object", default="The request body must be a JSON object."
        )
        raise BadRequest(translate(message, context=request))
    service = service_of(request.get("PUBLISHED"), _VALIDATORS)
    if service is None:
        return
    body = {} if body is None else body
    error = jsonschema.exceptions.best_match(_VALIDATORS[service].iter_errors(body))
    if error is None:
        return
    path = "/".join(str(part) for part in error.absolute_path)
    if error.validator == "required":
        field = error.message.split("'")[1]
        message = _("error_property_required", default="Required.")
    else:
        field = path
        message = _(
            "error_property_type",
            default="Give ${expected}.",
            mapping={"expected": expected_type(error, request)},
        )
    raise BadRequest(
        [{"field": field or "body", "message": translate(message, context=request)}]
    )


def expected_type(error, request):
    """What the failed part of a schema expects, in words."""
    schema = error.schema
    options = schema.get("anyOf", [schema])
    names = []
    for option in options:
        types = option.get("type", [])
        for name in [types] if isinstance(types, str) else types:
            words = translate(TYPE_NAMES[name], context=request)
            if words not in names:
                names.append(words)
    if "minimum" in schema:
        return translate(
            _(
                "json_type_at_least",
                default="a whole number of at least ${minimum}",
                mapping={"minimum": schema["minimum"]},
            ),
            context=request,
        )
    return " / ".join(names)


def check_stock_query(request):
    """Refuse the query parameters stock code would fail to convert or bound."""
    for prefix, schema in QUERY_SCHEMAS.items():
        for name in schema.names():
            value = request.form.get(prefix + name)
            if value is None:
                continue
            try:
                if not isinstance(value, str):
                    raise ValidationError(value)
                IFromUnicode(schema[name]).fromUnicode(value)
            except (ValidationError, ValueError):
                message = _(
                    "error_parameter_value",
                    default="${name} cannot be ${value}.",
                    mapping={"name": prefix + name, "value": shown(value)},
                )
                raise BadRequest(translate(message, context=request)) from None
    for name, (minimum, maximum) in QUERY_NUMBERS.items():
        value = request.form.get(name)
        if value is not None and whole_number(value, minimum, maximum) is None:
            message = integer_problem(name, value, minimum, maximum)
            raise BadRequest(translate(message, context=request))


#: How many path segments after its name a stock service takes
#: (``@users/<id>``): more is a URL that does not exist.
PATH_PARAMETERS = {
    GroupsDelete: 1,
    GroupsGet: 1,
    GroupsPatch: 1,
    SourcesGet: 1,
    TypesGet: 2,
    UsersDelete: 1,
    UsersGet: 1,
    UsersPatch: 1,
    VocabulariesGet: 1,
}


def check_stock_path(request):
    """404 for what a stock service's path names and it would fail on.

    A path segment too many (``@users/a/x``), a POST below ``@users`` but to
    ``@users/<id>/reset-password``, a user that does not exist to
    ``PATCH @users/<id>``, a field without a source to ``@sources/<field>``,
    a version that is not there to ``GET <item>?version=<n>``: plone.restapi
    answers each with HTTP 500.
    """
    published = request.get("PUBLISHED")
    params = getattr(published, "params", None) or []
    service = service_of(published, PATH_PARAMETERS)
    if service is not None and len(params) > PATH_PARAMETERS[service]:
        raise NotFound(request.get("ACTUAL_URL") or request.getURL())
    if isinstance(published, TypesGet) and len(params) == 2:
        # A type's field or fieldset: plone.restapi reads it through the
        # site's Dexterity control panel, which other folders do not have,
        # and looks the type up without checking that it exists.
        types = queryMultiAdapter((published.context, request), name="dexterity-types")
        portal_types = api.portal.get_tool("portal_types")
        if types is None or portal_types.getTypeInfo(params[0]) is None:
            raise NotFound(request.get("ACTUAL_URL") or request.getURL())
    if isinstance(published, UsersPost) and params:
        # Only @users/<id>/reset-password is a path below @users to POST to.
        if len(params) != 2 or params[1] != "reset-password":
            raise NotFound(request.get("ACTUAL_URL") or request.getURL())
    if isinstance(published, UsersPatch):
        if not params:
            message = _(
                "error_user_id_required",
                default="Name the user to change: PATCH @users/<user id>.",
            )
            raise BadRequest(translate(message, context=request))
        # Only a user manager learns that a user does not exist (the
        # service fails on it); others get the service's 401 or 403.
        if published.can_manage_users and api.user.get(userid=params[0]) is None:
            raise NotFound(request.get("ACTUAL_URL") or request.getURL())
    if isinstance(published, SourcesGet) and params:
        context = published.context
        field = get_field_by_name(params[0], context)
        if field is not None and not hasattr(field.bind(context), "source"):
            message = _(
                "error_field_without_source",
                default="The field ${field} has no source: use @vocabularies "
                "or @querysources.",
                mapping={"field": params[0]},
            )
            raise BadRequest(translate(message, context=request))
    if isinstance(published, ContentGet) and "version" in request.form:
        version = request.form["version"]
        if version != "current":
            number = version_number(version)
            if number is None:
                message = _(
                    "error_version_number",
                    default="A version is a whole number from 0, not ${version}.",
                    mapping={"version": json.dumps(version)},
                )
                raise BadRequest(translate(message, context=request))
            if not has_version(published.context, number):
                raise NotFound(request.get("ACTUAL_URL") or request.getURL())
