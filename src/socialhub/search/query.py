"""The parameters of a faceted search, read from a request once.

:meth:`FacetQuery.from_request` reads ``@facets`` and ``@listing``
parameters through :mod:`socialhub.core.params` and checks them against the
site (languages, content types, taxonomy terms, date and sort indexes). It
raises ``BadRequest`` (400) with a translated message for the first one
that is wrong; the result is plain data that :mod:`socialhub.search.facets`
counts and sorts with. Nothing is written back into ``request.form``.
"""

from dataclasses import dataclass
from plone import api
from socialhub.core import _
from socialhub.core.catalogquery import searchable_text
from socialhub.core.languages import search_language
from socialhub.core.params import batch
from socialhub.core.params import Date
from socialhub.core.params import fail
from socialhub.core.params import Parameter
from socialhub.core.params import Parameters
from socialhub.core.params import Suffixed
from socialhub.core.params import Text
from socialhub.search.catalog import indexes
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms


DEFAULT_BATCH_SIZE = 20
DATE_INDEX_TYPES = ("DateIndex", "DateRecurringIndex")
SORT_INDEX_TYPES = ("FieldIndex", "DateIndex", "DateRecurringIndex", "BooleanIndex")
SORT_ORDERS = ("ascending", "descending")
#: The parameters of ``@facets`` that are not filters, in the order messages list them.
OPTIONS = (
    "q",
    "portal_type",
    "language",
    "facets",
    "sort_on",
    "sort_order",
    "b_start",
    "b_size",
    "metadata_fields",
)
#: Those of ``@listing``: a card has no facets and no metadata fields.
LISTING_OPTIONS = tuple(
    option for option in OPTIONS if option not in ("facets", "metadata_fields")
)


@dataclass(frozen=True)
class FacetQuery:
    """What a faceted search asks for: filters, sort, batch, facets."""

    #: The searched folder's path.
    path: str
    #: The language searched, None for all.
    language: str | None
    #: The full-text query, or None.
    text: str | None
    #: The types asked for, and the types searched (those, or every listed one).
    portal_types: list
    searched_types: list
    #: ``{taxonomy: [token, ...]}``
    filters: dict
    #: ``{index: (low, high)}``
    dates: dict
    #: The taxonomies to count.
    facets: list
    #: None for relevance.
    sort_on: str | None
    sort_order: str | None
    b_start: int
    b_size: int
    #: The taxonomies installed.
    taxonomies: tuple
    #: The language of term titles.
    title_language: str

    @classmethod
    def from_request(cls, context, request, options=OPTIONS, ignored=()):
        """The query of the parameters of ``request``; 400 for a wrong one.

        Besides the filters (a taxonomy name, ``<date index>.min`` /
        ``.max``) it accepts the parameters in ``options``, in the order
        the messages list them; the parameters named in ``ignored`` (a
        page's own, e.g. Plone's ``ajax_load``) are left alone.
        """
        return QueryReader(context, request, options, ignored).read()

    def catalog_query(self, without=()):
        """The catalog query, leaving out the filters of the taxonomies ``without``."""
        query = {"path": self.path}
        if self.language:
            query["Language"] = self.language
        if self.text:
            query["SearchableText"] = self.text
        # Like Plone's search: the types not excluded by plone.types_not_searched.
        query["portal_type"] = self.portal_types or self.searched_types
        for name, tokens in self.filters.items():
            if name not in without:
                query[field_name(name)] = {"query": tokens, "operator": "or"}
        for index, (low, high) in self.dates.items():
            if low and high:
                query[index] = {"query": [low, high], "range": "min:max"}
            else:
                query[index] = {"query": low or high, "range": "min" if low else "max"}
        return query


class QueryReader:
    """Reads and checks the parameters of one request into a :class:`FacetQuery`."""

    def __init__(self, context, request, options, ignored=()):
        self.context = context
        self.request = request
        self.options = options
        self.ignored = ignored
        self.catalog = api.portal.get_tool("portal_catalog")
        self.taxonomies = taxonomy_terms.installed_taxonomies()

    def parameters(self):
        """The parameters read (:mod:`socialhub.core.params`)."""
        b_start, b_size = batch(DEFAULT_BATCH_SIZE)
        options = {
            "q": Text("q", default=""),
            "portal_type": Parameter("portal_type", multiple=True),
            "language": Parameter("language"),
            "facets": Parameter("facets", multiple=True),
            "sort_on": Parameter("sort_on"),
            "sort_order": Parameter("sort_order"),
            "b_start": b_start,
            "b_size": b_size,
            "metadata_fields": Parameter("metadata_fields", multiple=True),
        }
        return Parameters(
            *(options[name] for name in self.options),
            *(Parameter(name, multiple=True) for name in self.taxonomies),
            Suffixed("dates", ("min", "max"), lambda name: Date(name)),
        )

    def read(self):
        """The :class:`FacetQuery`, checked in the order of the parameters."""
        form = {
            key: value
            for key, value in self.request.form.items()
            if key not in self.ignored
        }
        self.reject_unknown(form)
        values = self.parameters().parse(self.request, form)
        language = self.language(values["language"])
        # Read as Plone's search box reads it: any text is searchable.
        text = searchable_text(values["q"], self.catalog, self.request)
        portal_types = self.portal_types(values["portal_type"])
        searched_types = api.portal.get_tool("plone_utils").getUserFriendlyTypes()
        filters = {
            name: self.tokens(name, values[name])
            for name in self.taxonomies
            if values[name]
        }
        dates = self.dates(values["dates"])
        facets = self.facets(values.get("facets", []))
        sort_on, sort_order = self.sort(text, values["sort_on"], values["sort_order"])
        return FacetQuery(
            path="/".join(self.context.getPhysicalPath()),
            language=language,
            text=text,
            portal_types=portal_types,
            searched_types=searched_types,
            filters=filters,
            dates=dates,
            facets=facets,
            sort_on=sort_on,
            sort_order=sort_order,
            b_start=values["b_start"],
            b_size=values["b_size"],
            taxonomies=self.taxonomies,
            # With language=all, titles follow the request, as a search
            # without language would (the language root, else the
            # negotiated language).
            title_language=(
                language
                or search_language(self.context, self.request)
                or api.portal.get_default_language()
            ),
        )

    def reject_unknown(self, form):
        unknown = sorted(
            key
            for key in form
            if key not in self.options
            and key not in self.taxonomies
            and date_parameter(key) is None
        )
        if unknown:
            fail(
                self.request,
                _(
                    "error_search_parameter",
                    default="Unknown search parameter ${name}. Use ${parameters}, "
                    "a taxonomy name (${taxonomies}) or <date index>.min / .max.",
                    mapping={
                        "name": unknown[0],
                        "parameters": ", ".join(self.options),
                        "taxonomies": ", ".join(self.taxonomies),
                    },
                ),
            )

    def language(self, value):
        if value == "all":
            return None
        if value is None:
            return search_language(self.context, self.request)
        available = api.portal.get_registry_record("plone.available_languages")
        if value not in available:
            fail(
                self.request,
                _(
                    "error_search_language",
                    default="Unknown language ${language}: use one of ${languages} "
                    "or all.",
                    mapping={"language": value, "languages": ", ".join(available)},
                ),
            )
        return value

    def portal_types(self, values):
        known = set(api.portal.get_tool("portal_types").objectIds())
        for value in values:
            if value not in known:
                fail(
                    self.request,
                    _(
                        "error_search_portal_type",
                        default="Unknown content type ${type}.",
                        mapping={"type": value},
                    ),
                )
        return values

    def tokens(self, name, tokens):
        terms = taxonomy_terms.terms(name, api.portal.get_default_language())
        for token in tokens:
            if token not in terms:
                fail(self.request, taxonomy_terms.unknown_term(token, name))
        return tokens

    def dates(self, dates):
        """``{index: (low, high)}`` from ``{"<index>.min": DateTime, ...}``."""
        ranges = {}
        for key, date in dates.items():
            index, bound = date_parameter(key)
            index_object = indexes(self.catalog).get(index)
            if index_object is None or index_object.meta_type not in DATE_INDEX_TYPES:
                fail(
                    self.request,
                    _(
                        "error_search_date_index",
                        default="${index} is not a date index: filter on one of "
                        "${indexes}.",
                        mapping={
                            "index": index,
                            "indexes": ", ".join(self.date_indexes()),
                        },
                    ),
                )
            low, high = ranges.get(index, (None, None))
            ranges[index] = (date, high) if bound == "min" else (low, date)
        return ranges

    def date_indexes(self):
        return sorted(
            name
            for name, index in indexes(self.catalog).items()
            if index.meta_type in DATE_INDEX_TYPES
        )

    def facets(self, names):
        for name in names:
            if name not in self.taxonomies:
                fail(
                    self.request,
                    _(
                        "error_search_facet",
                        default="Unknown facet ${name}: use one of ${taxonomies}.",
                        mapping={
                            "name": name,
                            "taxonomies": ", ".join(self.taxonomies),
                        },
                    ),
                )
        return names or self.taxonomies

    def sort(self, text, sort_on, sort_order):
        if sort_order and sort_order not in SORT_ORDERS:
            fail(
                self.request,
                _(
                    "error_search_sort_order",
                    default="sort_order must be ascending or descending.",
                ),
            )
        if not sort_on:
            if text:
                return None, None  # relevance
            return "effective", sort_order or "descending"
        if sort_on == "relevance":
            return None, None
        index = indexes(self.catalog).get(sort_on)
        if index is None or index.meta_type not in SORT_INDEX_TYPES:
            fail(
                self.request,
                _(
                    "error_search_sort_on",
                    default="Cannot sort on ${sort_on}: use relevance or an index "
                    "such as sortable_title, effective, modified or start.",
                    mapping={"sort_on": sort_on},
                ),
            )
        return sort_on, sort_order or "ascending"


def date_parameter(key):
    """``("publication_date", "min")`` for ``publication_date.min``, else None."""
    index, _dot, bound = key.rpartition(".")
    if index and bound in ("min", "max"):
        return index, bound
    return None
