"""Catalog queries from REST clients, checked before the catalog runs them.

plone.restapi's ``@search`` turns the query string into a ZCatalog query
(``plone.restapi.search``), and ``@querystring-search`` turns criteria rows
``{"i": index, "o": operation, "v": value}`` into one with
plone.app.querystring's operations. Neither checks what the catalog's
indexes accept: a date that does not exist, an option an index does not
know, a word the full-text parser refuses, an index that cannot sort, a
negative batch size all end in an HTTP 500, and a path depth of a billion
holds a server thread for as long as it takes to count to it.

:class:`CatalogQuery` checks such a query against the site's catalog, for
each index type what the index takes:

- every index: only the options of its ``query_options`` (``query``,
  ``not``, ``range``, ``operator``, ...); ``range`` is ``min``, ``max`` or
  ``min:max``, ``operator`` ``and`` or ``or``;
- field, keyword and UUID indexes: values of the type the index holds
  (text, or whole numbers, which ``@search`` converts);
- date indexes: dates ``DateTime`` reads, from :data:`EARLIEST` to
  :data:`LATEST` (beyond, the index cannot store them); a date range index
  (``effectiveRange``): within its floor and ceiling;
- boolean indexes: true or false;
- path indexes: paths; ``depth``, ``level`` and ``navtree_start`` whole
  numbers up to :data:`MAX_PATH_LEVELS`;
- text indexes: text the index's own query parser
  (``Products.ZCTextIndex.QueryParser``, with the index's lexicon) parses,
  of at most :data:`MAX_FULL_TEXT_WORDS` words;
- ``sort_on`` an index that can sort (several, as a list, if each holds
  one value per item), ``sort_order`` ascending or descending, ``sort_limit``
  (at least 1), ``b_start`` and ``b_size`` whole numbers (``b_size=0``: the
  number of results alone), ``metadata_fields`` catalog columns or ``_all``,
  ``fullobjects`` a flag.

Anything else raises ``zExceptions.BadRequest`` with a translated message
that names the parameter and what it takes. A query that passes keeps
plone.restapi's meaning: the checks refuse, they do not reinterpret, but for
stock failures that ``@search`` mends instead: whole numbers search a
numeric index (stock compares text with its numbers), and the catalog is not
told the batch of a sort on ``getObjPositionInParent`` nor asked to sort for
``b_size=0`` (its n-best sort fails on the position of an item in an
unordered folder, and on no result at all).

SocialHub's own full-text parameter ``q`` (``@facets``, ``@listing``) is
read as Plone's search form reads its search box: :func:`searchable_text`.
"""

from Acquisition import aq_base
from DateTime import DateTime
from DateTime.interfaces import DateTimeError
from operator import itemgetter
from plone.app.querystring import queryparser
from plone.app.querystring.interfaces import IParsedQueryIndexModifier
from plone.app.querystring.interfaces import IQueryModifier
from plone.base.utils import boolean_value
from plone.base.utils import munge_search_term
from plone.registry.interfaces import IRegistry
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IIndexQueryParser
from plone.restapi.serializer.summary import merge_serializer_metadata_utilities_data
from Products.CMFCore.utils import getToolByName
from Products.DateRecurringIndex.index import DateRecurringIndex
from Products.ExtendedPathIndex.ExtendedPathIndex import ExtendedPathIndex
from Products.PluginIndexes.BooleanIndex.BooleanIndex import BooleanIndex
from Products.PluginIndexes.DateIndex.DateIndex import DateIndex
from Products.PluginIndexes.DateRangeIndex.DateRangeIndex import DateRangeIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex
from Products.PluginIndexes.UUIDIndex.UUIDIndex import UUIDIndex
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.QueryParser import QueryParser
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from socialhub.core import _
from socialhub.core.compat import zcatalog
from socialhub.core.params import EARLIEST
from socialhub.core.params import integer_problem
from socialhub.core.params import LATEST
from socialhub.core.params import once_problem
from socialhub.core.params import shown
from socialhub.core.params import whole_number
from urllib.parse import unquote
from zExceptions import BadRequest
from zope.component import getUtilitiesFor
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.i18n import translate

import datetime
import json


#: Deepest path level a path query may name (``depth``, ``level``,
#: ``navtree_start``). ExtendedPathIndex loops over every level up to the
#: one asked for, so an unbounded number holds the request.
MAX_PATH_LEVELS = 100
#: Most words in one full-text query: each word is a search of the index
#: (a prefix search of the whole lexicon with ``*``).
MAX_FULL_TEXT_WORDS = 32
#: Most days a relative date criterion of @querystring-search may count.
MAX_DAYS = 365 * 1000
DATE_BOUNDS = {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}

RANGES = ("min", "max", "min:max", "minmax")
# The operators of ZCTextIndex's query parser.
KEYWORDS = ("AND", "OR", "NOT")
OPERATORS = ("and", "or")
# ZCatalog reads reverse and descending alike; plone.restapi's
# @querystring-search reads anything but descending as ascending.
SEARCH_SORT_ORDERS = ("ascending", "descending", "reverse")
QUERYSTRING_SORT_ORDERS = ("ascending", "descending")
# Parameters that ZCatalog or plone.restapi's serializer read from the query
# or the form but are no search parameters: ZCatalog prefers sort-on to
# sort_on (and trusts it), the summary serializer caches its settings under
# the other two names.
RESERVED = frozenset(
    {
        "sort-on",
        "sort-order",
        "sort-limit",
        "summary_serializer_metadata",
        "_summary_fields_cache",
    }
)
# The parameters of plone.app.querystring's operations' widgets, by widget:
# what the operation's function reads from the criterion's value ``v``.
TEXT_WIDGETS = ("StringWidget",)
LIST_WIDGETS = ("MultipleSelectionWidget",)
DATE_WIDGETS = ("DateWidget",)
DATE_RANGE_WIDGETS = ("DateRangeWidget",)
DAYS_WIDGETS = ("RelativeDateWidget",)
PATH_WIDGETS = ("ReferenceWidget", "RelativePathWidget")
OPERATION = "plone.app.querystring.operation"
FIELD = "plone.app.querystring.field"

# What plone.app.querystring's operations and modifiers may raise on criteria
# they cannot take (see CatalogQuery.parse_rows).
PARSE_ERRORS = (
    AttributeError,
    IndexError,
    KeyError,
    OverflowError,
    TypeError,
    ValueError,
)

# plone.folder's GopipIndex: an item's position in its folder, None in an
# unordered folder (getObjectPosition), which ZCatalog's n-best sort cannot
# compare with the numbers of ordered ones.
POSITION = "getObjPositionInParent"

# Kinds of index, by what their queries hold.
TEXT, PATH, DATE, DATE_RANGE, BOOLEAN, VALUE, OTHER = (
    "text",
    "path",
    "date",
    "date range",
    "boolean",
    "value",
    "other",
)
_KINDS = (
    (ZCTextIndex, TEXT),
    (ExtendedPathIndex, PATH),
    (DateRecurringIndex, DATE),
    (DateIndex, DATE),
    (DateRangeIndex, DATE_RANGE),
    (BooleanIndex, BOOLEAN),
    (UUIDIndex, VALUE),
    (FieldIndex, VALUE),
    (KeywordIndex, VALUE),
)


# Indexes that hold one value per item, which sorting on several compares
# (DateRecurringIndex is no DateIndex).
SINGLE_VALUED = (FieldIndex, DateIndex, UUIDIndex, BooleanIndex)


def index_kind(index):
    """What ``index``'s queries hold: one of the kinds of this module."""
    index = aq_base(index)
    for klass, kind in _KINDS:
        if isinstance(index, klass):
            return kind
    return OTHER


def searchable_text(text, catalog, request, parameter="q"):
    """The ``SearchableText`` query for the words a user typed, or None.

    Read as Plone's own search form reads its search box
    (``plone.base.utils.munge_search_term``): every word is searched as a
    prefix (``prot`` finds protection), all of them must be found, a phrase
    in double quotes is searched as it is, and AND, OR, NOT, parentheses,
    ``-``, ``+``, ``*`` and ``?`` are plain text, not query syntax: whatever
    a user types is searchable. None when nothing is left to search for
    (``?``, say): search without a full-text criterion.

    Raises ``BadRequest`` (a message naming ``parameter``) when ``text`` is
    not a text, has more than :data:`MAX_FULL_TEXT_WORDS` words, or has no
    word that the index can search (``"``).
    """
    checker = CatalogQuery(catalog, request)
    if not isinstance(text, str):
        checker.fail_text(parameter, text)
    munged = munge_search_term(text).strip()
    if not munged:
        return None
    checker.check_full_text(
        parameter, checker.index("SearchableText"), munged, syntax=False
    )
    return munged


class CatalogQuery:
    """The checks of the catalog queries of one request (see module).

    ``context`` is the object searched in (a content item or the site; the
    catalog will do for checks of one index's query).
    """

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.catalog = getToolByName(context, "portal_catalog")
        # plone.restapi reads the indexes the same way (search/query.py).
        self.indexes = zcatalog.indexes(self.catalog)

    def index(self, name):
        """The catalog's index ``name`` (in its acquisition context), or None."""
        if name not in self.indexes:
            return None
        return zcatalog.index(self.catalog, name)

    # @search

    def search(self, query):
        """The ``@search`` query, checked; ready for ``SearchHandler.search``.

        ``query`` is the request's form with dotted names nested
        (``unflatten_dotted_dict``), as plone.restapi's ``@search`` makes it.
        The query returned is a copy, with whole numbers for numeric indexes
        and ``portal_type`` as a list.
        """
        query = dict(query)
        for name in sorted(set(query) & RESERVED):
            self.fail_reserved(name)
        # b_size=0 asks for the number of results alone (items_total).
        for name, minimum in (("sort_limit", 1), ("b_size", 0), ("b_start", 0)):
            if name in query:
                self.integer(name, self.single(name, query[name]), minimum)
        if "sort_on" in query or "sort_order" in query:
            self.check_sort(
                query.get("sort_on"),
                query.get("sort_order"),
                SEARCH_SORT_ORDERS,
                case_sensitive=False,  # ZCatalog reads it in lower case
            )
        if "metadata_fields" in query:
            self.check_metadata_fields(query["metadata_fields"])
        for name in ("fullobjects", "use_site_search_settings"):
            if name in query:
                self.flag(name, self.single(name, query[name]))
        for name, value in query.items():
            index = self.index(name)
            if index is None:
                continue  # not an index: ignored, as plone.restapi does
            if name == "SearchableText":
                # SearchHandler reads one text, takes the parentheses out and
                # answers no results for nothing or *.
                text = self.single(name, value).replace("(", " ").replace(")", " ")
                if text.strip() not in ("", "*"):
                    self.check_full_text(name, index, text)
                continue
            if (
                queryMultiAdapter(
                    (index, self.context, self.request), IIndexQueryParser
                )
                is None
            ):
                self.fail(
                    _(
                        "error_query_not_searchable",
                        default="${index} cannot be searched here.",
                        mapping={"index": name},
                    )
                )
            query[name] = self.index_query(
                name, index, value, convert=True, require_query=name != "path"
            )
        if isinstance(query.get("portal_type"), str):
            # SearchHandler's use_site_search_settings reads a text as a
            # query mapping (its test "query" in types): give it a list.
            query["portal_type"] = [query["portal_type"]]
        if int(query.get("b_start", 0)) + int(query.get("b_size", 1)) == 0:
            # Only the number of results (b_size=0 from the start): ZCatalog's
            # n-best sort of no result at all fails; there is nothing to sort.
            for name in ("sort_on", "sort_order", "sort_limit"):
                query.pop(name, None)
        if POSITION in self.texts("sort_on", query.get("sort_on") or []):
            # The catalog's n-best sort, which it uses when told how many
            # results matter, fails on the positions of items in unordered
            # folders (None, see POSITION); its full sort takes them. The
            # batch is still the form's b_start and b_size.
            for name in ("b_start", "b_size", "sort_limit"):
                query.pop(name, None)
        return query

    # @querystring-search

    def querystring_form(self, form):
        """The data of a ``@querystring-search`` GET (``?query=<JSON>``), checked.

        plone.restapi reads the ``query`` parameter as the JSON body a POST
        would send: ``{"query": [criteria], "sort_on": ...}``.
        """
        text = self.single("query", form.get("query", "{}"))
        try:
            # As QuerystringSearchGet reads it: unquoted once more.
            data = json.loads(unquote(text))
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            self.fail_body()
        self.querystring_search(data)
        return data

    def querystring_body(self):
        """The JSON body of a ``@querystring-search`` POST, checked."""
        for name in sorted(set(self.request.form) & RESERVED):
            self.fail_reserved(name)  # the summary serializer reads the form
        try:
            data = json_body(self.request)
        except (DeserializationError, RecursionError):
            self.fail_body()
        self.querystring_search(data)
        return data

    def querystring_search(self, data):
        """Check the data of a ``@querystring-search`` request.

        ``data`` holds ``query`` (a list of criteria ``{"i", "o", "v"}``),
        ``sort_on``, ``sort_order``, ``b_start``, ``b_size``, ``limit``,
        ``fullobjects`` and ``metadata_fields``; other keys are ignored, as
        plone.restapi does (Volto's search block sends some). The criteria are
        parsed with plone.app.querystring's own operations, and the catalog
        query they make is checked as :meth:`search` checks one.
        """
        for name, minimum in (("b_start", 0), ("b_size", 0), ("limit", 0)):
            if data.get(name) is not None:
                self.integer(name, data[name], minimum)
        if data.get("fullobjects") is not None:
            self.boolean("fullobjects", data["fullobjects"])
        if data.get("metadata_fields") is not None:
            self.check_metadata_fields(data["metadata_fields"])
        sort_on = data.get("sort_on") or None
        sort_order = data.get("sort_order") or None
        # plone.restapi reads any sort_order but "descending" as ascending.
        self.check_sort(sort_on, sort_order, QUERYSTRING_SORT_ORDERS)
        rows = data.get("query")
        if not rows:
            self.fail(
                _(
                    "error_query_missing",
                    default="No query: give query, a list of criteria "
                    '{"i": index, "o": operation, "v": value}.',
                )
            )
        self.check_rows(rows)
        parsed = self.parse_rows(rows, sort_on, sort_order)
        for name, value in parsed.items():
            index = self.index(name)
            if index is not None:
                self.index_query(name, index, value)
        if data.get("limit") and POSITION in self.texts("sort_on", sort_on or []):
            self.check_one_folder(parsed)

    def check_one_folder(self, parsed):
        """Refuse a limit on positions in folders beyond one folder's children.

        With a limit, the catalog sorts with its n-best algorithm, which
        fails on the position of an item in an unordered folder (None, see
        POSITION). Within one folder, positions are numbers.
        """
        path = parsed.get("path")
        paths = path.get("query") if isinstance(path, dict) else None
        if not (isinstance(paths, list) and len(paths) == 1 and path.get("depth") == 1):
            self.fail(
                _(
                    "error_query_position_limit",
                    default="With sort_on getObjPositionInParent, limit works "
                    "within one folder only: add a path criterion with depth 1 "
                    "(such as ::1), or leave limit out.",
                )
            )

    def check_rows(self, rows):
        """Check the criteria, so that plone.app.querystring can parse them."""
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            self.fail_rows()
        registry = getUtility(IRegistry)
        for number, row in enumerate(rows, 1):
            index, operation = row.get("i"), row.get("o")
            if not isinstance(index, str) or not isinstance(operation, str):
                self.fail_rows()
            known = index in self.indexes or f"{FIELD}.{index}.operations" in registry
            if not known:
                self.fail(
                    _(
                        "error_query_row_index",
                        default="Unknown index ${index} in criterion ${number}: "
                        "@querystring lists the indexes a query can use.",
                        mapping={"index": shown(index), "number": number},
                    )
                )
            if f"{operation}.operation" not in registry:
                self.fail(
                    _(
                        "error_query_row_operation",
                        default="Unknown operation ${operation} in criterion "
                        "${number}: @querystring lists the operations of each index.",
                        mapping={"operation": shown(operation), "number": number},
                    )
                )
            widget = registry.get(f"{operation}.widget")
            self.check_row_value(number, index, operation, widget, row.get("v"))

    def check_row_value(self, number, index, operation, widget, value):
        """Check a criterion's value ``v`` for its operation's ``widget``."""
        kind = index_kind(self.indexes[index]) if index in self.indexes else OTHER
        if widget in TEXT_WIDGETS:
            valid = _is_scalar(value)
        elif widget in LIST_WIDGETS:
            valid = _is_scalar(value) or (
                isinstance(value, list) and all(_is_scalar(item) for item in value)
            )
        elif widget in DATE_WIDGETS:
            valid = value in (None, "") or self.date(value) is not None
        elif widget in DATE_RANGE_WIDGETS:
            valid = value in (None, "") or (
                isinstance(value, list)
                and len(value) == 2
                and all(item in (None, "") or self.date(item) for item in value)
            )
        elif widget in DAYS_WIDGETS:
            valid = value == "" or whole_number(value, -MAX_DAYS, MAX_DAYS) is not None
        elif widget in PATH_WIDGETS:
            valid = value is None or isinstance(value, str)
        else:  # an operation without a value, or of an add-on
            valid = True
        passed_on = widget in TEXT_WIDGETS + LIST_WIDGETS
        if valid and passed_on and kind in (DATE, DATE_RANGE):
            # Their value goes to the catalog as it is, and the date index
            # modifiers of plone.app.querystring parse text with dateutil,
            # which overflows on long numbers: only dates.
            texts = value if isinstance(value, list) else [value]
            if not all(isinstance(text, str) and self.date(text) for text in texts):
                valid, widget = False, DATE_WIDGETS[0]
        if not valid:
            self.fail(
                _(
                    "error_query_row_value",
                    default="Criterion ${number} (${index}) cannot take the value "
                    "${value}: ${operation} takes ${expected}.",
                    mapping={
                        "number": number,
                        "index": index,
                        "value": shown(value),
                        "operation": operation.replace(OPERATION + ".", ""),
                        "expected": self.expected(widget),
                    },
                )
            )

    def expected(self, widget):
        """What an operation's ``widget`` takes, translated."""
        if widget in TEXT_WIDGETS:
            message = _("query_value_text", default="a text or a number")
        elif widget in LIST_WIDGETS:
            message = _("query_value_list", default="a text or a list of texts")
        elif widget in DATE_WIDGETS:
            message = _(
                "query_value_date",
                default="a date from ${earliest} to ${latest}",
                mapping=DATE_BOUNDS,
            )
        elif widget in DATE_RANGE_WIDGETS:
            message = _(
                "query_value_dates",
                default="a list of two dates from ${earliest} to ${latest}",
                mapping=DATE_BOUNDS,
            )
        elif widget in DAYS_WIDGETS:
            message = _(
                "query_value_days",
                default="a whole number of days from -${maximum} to ${maximum}",
                mapping={"maximum": MAX_DAYS},
            )
        elif widget in PATH_WIDGETS:
            message = _("query_value_path", default="a path or a UID")
        else:
            message = _("query_value_any", default="a JSON value")
        return translate(message, context=self.request)

    def parse_rows(self, rows, sort_on, sort_order):
        """The catalog query of the criteria, as plone.app.querystring makes it.

        The steps of ``QueryBuilder._makequery`` up to the catalog call
        (a copy fenced in :mod:`socialhub.core.compat.querystring`):
        the query modifiers, the operations, the index modifiers (the dates
        of a few date indexes parsed with dateutil), and the munging of
        ``SearchableText``.
        """
        modifiers = sorted(getUtilitiesFor(IQueryModifier), key=itemgetter(0))
        for _name, modifier in modifiers:
            rows = modifier(rows)
        try:
            parsed = queryparser.parseFormquery(self.context, rows, sort_on, sort_order)
            for name, modifier in getUtilitiesFor(IParsedQueryIndexModifier):
                if name not in parsed:
                    continue
                value = parsed[name]
                if not isinstance(value, dict) or "query" not in value:
                    self.fail(
                        _(
                            "error_query_row_modifier",
                            default="${index} can only be queried with the "
                            "operations @querystring lists for it.",
                            mapping={"index": name},
                        )
                    )
                new_name, value = modifier(value)
                parsed[name] = value
                if new_name != name:
                    del parsed[name]
                    parsed[new_name] = value
        except PARSE_ERRORS:
            # The operations and modifiers are plain functions of the criteria,
            # whose values check_rows checked one by one; what they still
            # cannot take, such as ranges of numbers and of dates on one
            # index, which are merged, is criteria that contradict each other.
            self.fail(
                _(
                    "error_query_rows_conflict",
                    default="The criteria cannot be combined: check the "
                    "operations and values of the criteria on the same index.",
                )
            )
        text = parsed.get("SearchableText")
        if isinstance(text, dict):
            text = text.get("query", "")
        if text:
            if not isinstance(text, str):
                self.fail_text("SearchableText", text)
            parsed["SearchableText"] = munge_search_term(text)
        return parsed

    # One index's query

    def index_query(self, name, index, value, convert=False, require_query=False):
        """Check the query of one index; the query, with numbers converted.

        ``value`` is a value, a list of values, or a mapping of options
        (``query``, ``not``, ``range``...). With ``convert``, text that is a
        whole number is converted for an index of numbers (``@search``'s
        values are all text). With ``require_query``, a mapping must have a
        ``query`` (plone.restapi's ``@search`` refuses one without).
        """
        kind = index_kind(index)
        if not isinstance(value, dict):
            return self.index_values(name, index, kind, value, convert)
        options = getattr(aq_base(index), "query_options", None) or ("query",)
        if isinstance(aq_base(index), DateRecurringIndex):
            # DateRecurringIndex compares the not values, unconverted text,
            # with its numbers (UnIndex._apply_not): a 500 whenever a query
            # comes with them.
            options = tuple(option for option in options if option != "not")
        for option in value:
            if option not in options:
                self.fail(
                    _(
                        "error_query_option",
                        default="${parameter}: ${index} knows no option ${option}; "
                        "it takes ${options}.",
                        mapping={
                            "parameter": f"{name}.{option}",
                            "index": name,
                            "options": ", ".join(options),
                            "option": shown(option),
                        },
                    )
                )
        if "query" not in value and require_query:
            self.fail(
                _(
                    "error_query_needs_query",
                    default="${parameter} needs ${index}.query (the values to "
                    "search for) too.",
                    mapping={"parameter": f"{name}.{sorted(value)[0]}", "index": name},
                )
            )
        query = dict(value)
        if "query" in query:
            query["query"] = self.index_values(
                f"{name}.query", index, kind, query["query"], convert
            )
        if "not" in query:
            query["not"] = self.index_values(
                f"{name}.not", index, kind, query["not"], convert, allow_none=False
            )
        if "range" in query:
            bounds = self.single(f"{name}.range", query["range"])
            if bounds not in RANGES:
                self.fail(
                    _(
                        "error_query_range",
                        default="${parameter} must be min, max or min:max, not "
                        "${value}.",
                        mapping={"parameter": f"{name}.range", "value": shown(bounds)},
                    )
                )
            values = query.get("query")
            values = values if isinstance(values, list) else [values]
            if not values or None in values:
                self.fail(
                    _(
                        "error_query_range_values",
                        default="${parameter} needs ${index}.query, the value(s) "
                        "to compare with.",
                        mapping={"parameter": f"{name}.range", "index": name},
                    )
                )
        if "operator" in query:
            operator = self.single(f"{name}.operator", query["operator"])
            if not isinstance(operator, str) or operator.lower() not in OPERATORS:
                self.fail(
                    _(
                        "error_query_operator",
                        default="${parameter} must be and or or, not ${value}.",
                        mapping={
                            "parameter": f"{name}.operator",
                            "value": shown(operator),
                        },
                    )
                )
        if kind == PATH:
            self.check_path_options(name, query, convert)
        return query

    def index_values(self, parameter, index, kind, value, convert, allow_none=True):
        """Check the value(s) an index is searched for; them, converted."""
        if isinstance(value, (list, tuple)):
            values = [
                self.index_value(parameter, index, kind, item, convert, False)
                for item in value
            ]
            if kind == TEXT:
                self.check_full_text(parameter, index, " ".join(values))
            return values
        value = self.index_value(parameter, index, kind, value, convert, allow_none)
        if kind == TEXT:
            self.check_full_text(parameter, index, value)
        return value

    def index_value(self, parameter, index, kind, value, convert, allow_none):
        """Check one value an index is searched for; it, converted."""
        if value is None and allow_none and kind not in (TEXT, PATH):
            return value  # the catalog skips it
        if kind in (TEXT, PATH):
            if not isinstance(value, str):
                self.fail_text(parameter, value)
            return value
        if kind in (DATE, DATE_RANGE):
            if isinstance(value, (DateTime, datetime.date)):
                date = self.date_value(value)
            else:
                date = self.date(value) if isinstance(value, str) else None
            if date is None or not self.within_index(index, kind, date):
                self.fail_date(parameter, index, kind, value)
            return value
        if kind == BOOLEAN:
            try:
                boolean_value(value)
            except ValueError:
                self.fail_boolean(parameter, value)
            return value
        if not _is_scalar(value) or value is None:
            self.fail_text(parameter, value)
        if kind == VALUE:
            return self.key_value(parameter, index, value, convert)
        return value

    def key_value(self, parameter, index, value, convert):
        """``value`` as a key of a field, keyword or UUID ``index``.

        An index holds keys of one type (its BTree compares them): text, or
        numbers. A value of another type cannot be compared with them.
        """
        keys = zcatalog.index_keys(index)
        try:
            key = keys.minKey() if keys is not None else None
        except (AttributeError, ValueError):  # no key yet
            key = None
        if key is None:
            return value
        if isinstance(key, str):
            if not isinstance(value, str):
                self.fail_text(parameter, value)
            return value
        if isinstance(key, (int, float)) and not isinstance(key, bool):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            number = whole_number(value, None, None) if convert else None
            if number is None:
                self.fail(
                    _(
                        "error_query_number",
                        default="${parameter} must be a whole number, not ${value}.",
                        mapping={"parameter": parameter, "value": shown(value)},
                    )
                )
            return number
        if type(value) is not type(key):
            self.fail_text(parameter, value)
        return value

    def check_path_options(self, name, query, convert):
        """Check the options of a path query, which loop over path levels."""
        for option, minimum in (("depth", -1), ("level", -1), ("navtree_start", 0)):
            if option in query:
                query[option] = self.integer(
                    f"{name}.{option}", query[option], minimum, MAX_PATH_LEVELS
                )
        if "navtree" in query:
            if convert:
                navtree = self.single(f"{name}.navtree", query["navtree"])
                self.flag(f"{name}.navtree", navtree)
            else:
                self.boolean(f"{name}.navtree", query["navtree"])

    # Full text

    def check_full_text(self, parameter, index, text, syntax=True):
        """Check that ``index``'s query parser parses ``text``, of few words.

        ``syntax``: whether ``text`` is the client's, in the parser's syntax
        (else it was made of plain words, and can only fail for lack of any).
        """
        if not text.strip():
            return  # ZCTextIndex ignores an empty query
        words = [word for word in text.split() if word.upper() not in KEYWORDS]
        if len(words) > MAX_FULL_TEXT_WORDS:
            self.fail(
                _(
                    "error_query_full_text_words",
                    default="${parameter} has too many words: search for at most "
                    "${maximum}.",
                    mapping={"parameter": parameter, "maximum": MAX_FULL_TEXT_WORDS},
                )
            )
        try:
            QueryParser(index.getLexicon()).parseQuery(text)
        except ParseError:
            if not syntax:
                self.fail(
                    _(
                        "error_query_no_words",
                        default="${parameter} has no word to search for: ${value}.",
                        mapping={"parameter": parameter, "value": shown(text)},
                    )
                )
            self.fail(
                _(
                    "error_query_full_text",
                    default="${parameter} cannot be searched for: ${value}. Search "
                    "for words, or a phrase in double quotes; AND, OR, NOT, "
                    "parentheses, a leading - and a trailing * are operators that "
                    "need words to work on.",
                    mapping={"parameter": parameter, "value": shown(text)},
                )
            )

    # Sorting, batching, serialization

    def check_sort(self, sort_on, sort_order, orders, case_sensitive=True):
        """Check ``sort_on`` (an index or a list) and ``sort_order``."""
        names = self.texts("sort_on", sort_on) if sort_on is not None else []
        for name in names:
            if len(names) > 1 and self.sortable(name) and not self.sortable(name, 2):
                self.fail(
                    _(
                        "error_query_sort_on_several",
                        default="Cannot sort on ${value} with other indexes: to "
                        "sort on several, give indexes of one value per item, "
                        "such as ${indexes}.",
                        mapping={
                            "value": shown(name),
                            "indexes": ", ".join(self.sort_examples(2)),
                        },
                    )
                )
            if not self.sortable(name):
                self.fail(
                    _(
                        "error_query_sort_on",
                        default="Cannot sort on ${value}: sort_on takes an index "
                        "that sorts, such as ${indexes} (give several to sort on "
                        "several).",
                        mapping={
                            "value": shown(name),
                            "indexes": ", ".join(self.sort_examples()),
                        },
                    )
                )
        if sort_order is None:
            return
        order_values = self.texts("sort_order", sort_order)
        for order in order_values:
            if (order if case_sensitive else order.lower()) not in orders:
                self.fail(
                    _(
                        "error_query_sort_order",
                        default="sort_order must be one of ${orders}, not ${value}.",
                        mapping={"orders": ", ".join(orders), "value": shown(order)},
                    )
                )
        if names and len(order_values) > 1 and len(order_values) != len(names):
            self.fail(
                _(
                    "error_query_sort_orders",
                    default="sort_order has ${orders} values and sort_on "
                    "${indexes}: give one sort_order for each sort_on.",
                    mapping={"orders": len(order_values), "indexes": len(names)},
                )
            )

    def sortable(self, name, together=1):
        """Whether the catalog can sort on its index ``name``.

        ZCatalog takes an index with a ``documentToKeyMap``, but a date range
        index has none that works. Sorting on several indexes at once
        (``together`` > 1), ZCatalog compares tuples of their values, which
        must be one comparable value per item: not the position in the
        folder (None in an unordered one), nor the lists of a keyword, path
        or recurring date index.
        """
        index = aq_base(self.indexes.get(name))
        if index is None or not hasattr(index, "documentToKeyMap"):
            return False
        if together > 1:
            return isinstance(index, SINGLE_VALUED)
        return index_kind(index) != DATE_RANGE

    def sort_examples(self, together=1):
        """The indexes @querystring offers to sort on (the sortable ones)."""
        registry = getUtility(IRegistry)
        prefix, suffix = f"{FIELD}.", ".sortable"
        return sorted(
            name[len(prefix) : -len(suffix)]
            for name in registry.records.keys(prefix, prefix + "\uffff")
            if name.endswith(suffix)
            and registry[name]
            and self.sortable(name[len(prefix) : -len(suffix)], together)
        )

    def check_metadata_fields(self, value):
        """Check that ``metadata_fields`` names catalog columns or ``_all``."""
        serializer = merge_serializer_metadata_utilities_data()
        known = (
            set(self.catalog.schema())
            | serializer["non_metadata_attributes"]
            | serializer["default_metadata_fields"]
            | {"_all"}
        )
        for name in self.texts("metadata_fields", value):
            if name not in known:
                self.fail(
                    _(
                        "error_query_metadata_fields",
                        default="metadata_fields: ${value} is not a catalog "
                        "column. Use _all or some of ${columns}.",
                        mapping={
                            "value": shown(name),
                            "columns": ", ".join(sorted(self.catalog.schema())),
                        },
                    )
                )

    # Values

    def single(self, parameter, value):
        """``value``, which must be one text (a parameter given once)."""
        if isinstance(value, (list, tuple)):
            self.fail(once_problem(parameter))
        if not isinstance(value, str):
            self.fail_text(parameter, value)
        return value

    def texts(self, parameter, value):
        """``value`` as a list of texts: one text, or a list of them."""
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if not isinstance(item, str):
                self.fail_text(parameter, item)
        return list(values)

    def integer(self, parameter, value, minimum, maximum=None):
        """``value`` (a whole number, or text of one) as an ``int``, in bounds."""
        number = whole_number(value, minimum, maximum)
        if number is None:
            self.fail(integer_problem(parameter, value, minimum, maximum))
        return number

    def flag(self, parameter, value):
        """Check a flag of plone.restapi's, which is on when it is present.

        Its value is not read (``fullobjects=0`` gives full objects): only an
        empty value or a true one is taken, so that none is misread.
        """
        if value != "":
            try:
                on = boolean_value(value)
            except ValueError:
                on = False
            if not on:
                self.fail(
                    _(
                        "error_query_flag",
                        default="${parameter} takes no value, 1 or true; leave it "
                        "out for false (not ${value}).",
                        mapping={"parameter": parameter, "value": shown(value)},
                    )
                )

    def boolean(self, parameter, value):
        """Check a true or false value (``true``, ``0``, ``yes``...)."""
        try:
            return boolean_value(value)
        except ValueError:
            self.fail_boolean(parameter, value)

    def date(self, value):
        """``value`` (a text) as a ``DateTime`` if it is a date in bounds, else None."""
        if not isinstance(value, str):
            return None
        try:
            date = DateTime(value)
        except (DateTimeError, IndexError, OverflowError, TypeError, ValueError):
            return None
        return self.date_value(date)

    def date_value(self, value):
        """A ``DateTime``, date or datetime as a ``DateTime`` in bounds, or None."""
        year = value.year() if isinstance(value, DateTime) else value.year
        if not EARLIEST.year <= year <= LATEST.year:
            return None
        if isinstance(value, datetime.datetime):
            return DateTime(value)
        if isinstance(value, datetime.date):
            return DateTime(value.isoformat())
        return value

    def within_index(self, index, kind, date):
        """Whether a date range index's floor and ceiling hold ``date``."""
        if kind != DATE_RANGE:
            return True
        floor, ceiling = self.date_range_bounds(index)
        return floor <= date <= ceiling

    def date_range_bounds(self, index):
        """The earliest and latest dates a date range index searches."""
        floor = getattr(aq_base(index), "floor_value", None)
        ceiling = getattr(aq_base(index), "ceiling_value", None)
        earliest = DateTime(EARLIEST.isoformat() + " UTC")
        latest = DateTime(LATEST.isoformat() + " 23:59 UTC")
        # The index keeps minutes since the epoch.
        if floor is not None:
            earliest = max(earliest, DateTime(floor * 60.0 + 60))
        if ceiling is not None:
            latest = min(latest, DateTime(ceiling * 60.0 - 60))
        return earliest, latest

    # Errors

    def fail(self, message):
        """Raise ``BadRequest`` with ``message`` translated for the request."""
        raise BadRequest(translate(message, context=self.request))

    def fail_reserved(self, name):
        self.fail(
            _(
                "error_query_reserved",
                default="${parameter} is not a search parameter.",
                mapping={"parameter": name},
            )
        )

    def fail_text(self, parameter, value):
        self.fail(
            _(
                "error_query_text",
                default="${parameter} must be a text, not ${value}.",
                mapping={"parameter": parameter, "value": shown(value)},
            )
        )

    def fail_boolean(self, parameter, value):
        self.fail(
            _(
                "error_query_boolean",
                default="${parameter} must be true or false, not ${value}.",
                mapping={"parameter": parameter, "value": shown(value)},
            )
        )

    def fail_date(self, parameter, index, kind, value):
        earliest, latest = EARLIEST.isoformat(), LATEST.isoformat()
        if kind == DATE_RANGE:
            floor, ceiling = self.date_range_bounds(index)
            earliest, latest = floor.ISO8601()[:10], ceiling.ISO8601()[:10]
        self.fail(
            _(
                "error_query_date",
                default="${parameter} must be a date from ${earliest} to ${latest} "
                "such as 2024-12-31 or 2024-12-31T18:30, not ${value}.",
                mapping={
                    "parameter": parameter,
                    "earliest": earliest,
                    "latest": latest,
                    "value": shown(value),
                },
            )
        )

    def fail_body(self):
        self.fail(
            _(
                "error_query_body",
                default="The query must be a JSON object such as "
                '{"query": [{"i": "portal_type", "o": '
                '"plone.app.querystring.operation.selection.any", '
                '"v": ["Document"]}]}.',
            )
        )

    def fail_rows(self):
        self.fail(
            _(
                "error_query_rows",
                default="query must be a list of criteria, each an object with "
                "i (an index), o (an operation) and v (its value).",
            )
        )


def _is_scalar(value):
    """Whether ``value`` is one JSON value that is not a list or an object."""
    return value is None or isinstance(value, (str, int, float))
