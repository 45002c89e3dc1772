"""The JSON shape each kind of field takes, checked before plone.restapi reads it.

plone.restapi's field deserializers trust the JSON types they are given:
``{"expires": {}}`` reaches dateutil's parser, ``{"licence": []}`` a
vocabulary lookup (``unhashable type``), ``{"relatedItems": [{}]}`` a
``KeyError: '@id'``, ``{"image": 194}`` a storage lookup, ``{"authors": ""}``
Python's parser; each answered HTTP 500 or 503. :func:`shape_problems`
names every property whose value has the wrong JSON shape for its field,
so that the deserializer answers 400 before any field is read. The value
itself (a term that exists, a date that is real, an item that resolves) is
still the field deserializer's to check.
"""

from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from plone.schema.jsonfield import IJSONField
from socialhub.core import _
from z3c.relationfield.interfaces import IRelationChoice
from zope.i18n import translate
from zope.schema import getFields
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IDict
from zope.schema.interfaces import ITime
from zope.schema.interfaces import ITimedelta

import codecs
import json


SCALARS = (str, int, float, bool)
#: The text values of a file or image object.
FILE_KEYS = ("data", "filename", "content-type", "encoding")

TOKEN = _(
    "error_shape_token",
    default='Give a term\'s token as text, or {"token": ...}.',
)
RELATION = _(
    "error_shape_relation",
    default='Give the UID, path or address of an item, or {"@id": ...}.',
)
DATE = _(
    "error_shape_date",
    default="Give a date as text, such as 2024-12-31 or 2024-12-31T18:30.",
)
FILE = _(
    "error_shape_file",
    default='Give a file as {"data": ..., "filename": ..., "content-type": ..., '
    '"encoding": ...}, each a text.',
)
ENCODING = _(
    "error_shape_encoding",
    default="Give the encoding of the file's data, such as base64.",
)
NUMBER = _("error_shape_number", default="Give a number.")
JSON = _("error_shape_json", default="Give the value as JSON.")
OBJECT = _("error_shape_object", default="Give an object.")


def shape_problem(field, value):
    """The message saying what ``value`` should be for ``field``, or None.

    ``null`` is left to the field (it clears a value, or is required).
    """
    if value is None:
        return None
    if INamedField.providedBy(field):
        if not isinstance(value, dict) or not all(
            isinstance(value.get(key, ""), str) for key in FILE_KEYS
        ):
            return FILE
        if "encoding" in value and not known_encoding(value["encoding"]):
            return ENCODING
        return None
    if IRelationChoice.providedBy(field):
        if isinstance(value, dict):
            value = value.get("@id")
        if isinstance(value, str) or is_integer(value):
            return None
        return RELATION
    if IChoice.providedBy(field):
        if isinstance(value, dict):
            value = value.get("token")
        return None if isinstance(value, SCALARS) else TOKEN
    if IDict.providedBy(field):
        if not isinstance(value, dict):
            return OBJECT
        return first_problem(field.value_type, value.values())
    if ICollection.providedBy(field):
        values = value if isinstance(value, list) else [value]
        return first_problem(field.value_type, values)
    if IDatetime.providedBy(field) or IDate.providedBy(field):
        return None if isinstance(value, str) else DATE
    if ITime.providedBy(field):
        return None if isinstance(value, str) else DATE
    if ITimedelta.providedBy(field):
        return None if is_number(value) else NUMBER
    if IJSONField.providedBy(field) and isinstance(value, str):
        # plone.schema reads text as JSON, and text that is not JSON as a
        # Python literal, whose parser fails on most text.
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            return JSON
    return None


def first_problem(field, values):
    """The problem of the first of ``values`` that does not fit ``field``."""
    if field is None:
        return None
    for value in values:
        problem = shape_problem(field, value)
        if problem is not None:
            return problem
    return None


def known_encoding(name):
    """Whether ``codecs`` knows the encoding ``name`` (plone.restapi decodes
    a file's data with it)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def shape_problems(context, data, request):
    """``[{"field", "message"}]`` for each property of ``data`` whose JSON shape
    does not fit its field on ``context``, in the order of ``data``."""
    fields = {}
    for schema in iterSchemata(context):
        for name, field in getFields(schema).items():
            fields.setdefault(name, field)
    problems = []
    for name, value in data.items():
        field = fields.get(name)
        if field is None:
            continue
        problem = shape_problem(field, value)
        if problem is not None:
            problems.append(
                {
                    "field": name,
                    "error": "ValidationError",
                    "message": translate(problem, context=request),
                }
            )
    return problems
