"""Faceted search: one catalog query, its batch, and counts per taxonomy term.

The counts are those a faceted library page needs: for each requested
taxonomy, how many results each term would give, with every filter applied
but that taxonomy's own (so choosing a theme does not hide the other themes).
A parent term counts its descendants: collective.taxonomy indexes the
ancestors of every assigned term. Counts come from the catalog's own index
structures, in the requester's restricted search, so nobody learns of an
item they may not View.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from collections import Counter
from DateTime import DateTime
from DateTime.interfaces import SyntaxError as DateTimeSyntaxError
from plone import api
from socialhub.core import _
from socialhub.core.languages import search_language
from socialhub.search.catalog import record_ids
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms
from zExceptions import BadRequest
from zope.i18n import translate
from ZTUtils.Lazy import LazyCat


DEFAULT_BATCH_SIZE = 20
MAX_BATCH_SIZE = 100
DATE_INDEX_TYPES = ("DateIndex", "DateRecurringIndex")
SORT_INDEX_TYPES = ("FieldIndex", "DateIndex", "DateRecurringIndex", "BooleanIndex")
SORT_ORDERS = ("ascending", "descending")
# Parameters that are neither filters nor facets.
OPTIONS = frozenset(
    {
        "q",
        "portal_type",
        "language",
        "facets",
        "sort_on",
        "sort_order",
        "b_start",
        "b_size",
        "metadata_fields",
    }
)
# Below this many results, counting walks the results' own index entries;
# above it, each term's posting list is matched against the results (see
# Matches). Measured on 100,000 items (benchmarks/facets.py).
WALK_LIMIT = 5000
PROBE_RATIO = 16


class FacetedSearch:
    """A faceted search at ``context``, with the parameters of ``form``.

    Parsing validates every parameter and raises ``BadRequest`` (400) with a
    translated message for the first one that is wrong.
    """

    def __init__(self, context, request, form=None):
        self.context = context
        self.request = request
        self.catalog = api.portal.get_tool("portal_catalog")
        self.taxonomies = taxonomy_terms.installed_taxonomies()
        form = dict(request.form if form is None else form)
        self._reject_unknown(form)
        self.language = self._language(form.get("language"))
        self.text = (form.get("q") or "").strip()
        self.portal_types = self._portal_types(_values(form.get("portal_type")))
        self.searched_types = api.portal.get_tool("plone_utils").getUserFriendlyTypes()
        self.filters = {
            name: self._tokens(name, _values(form[name]))
            for name in self.taxonomies
            if form.get(name)
        }
        self.dates = self._dates(form)
        self.facets = self._facets(_values(form.get("facets")))
        self.sort_on, self.sort_order = self._sort(
            form.get("sort_on"), form.get("sort_order")
        )
        self.b_start = self._integer(form, "b_start", 0, 0, None)
        self.b_size = self._integer(
            form, "b_size", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE
        )
        self._unfiltered = None  # record ids without the taxonomy filters
        self._matching = {}  # Matches by the taxonomy left out (or None)

    # The search

    def query(self, without=()):
        """The catalog query, leaving out the filters of the taxonomies ``without``."""
        query = {"path": "/".join(self.context.getPhysicalPath())}
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

    def matching(self, without=None):
        """The record ids of the results, leaving out taxonomy ``without``'s filter.

        One catalog query, with every filter but the taxonomies' (so
        restricted to what the user may View), serves the results and every
        facet: a taxonomy filter is the union of its terms' posting lists, as
        the KeywordIndex computes it, intersected in C.
        """
        return self._matches(without).record_ids

    def _matches(self, without=None):
        if without not in self.filters:
            without = None
        if without not in self._matching:
            if self._unfiltered is None:
                self._unfiltered = record_ids(
                    self.catalog, self.query(without=self.filters)
                )
            found = self._unfiltered
            for name, tokens in self.filters.items():
                if name != without:
                    found = intersection(found, self._postings(name, tokens))
            self._matching[without] = Matches(found, self.catalog._catalog)
        return self._matching[without]

    def results(self):
        """The sorted results: a lazy catalog result set for plone.restapi."""
        if not self.sort_on:
            # By relevance: the catalog ranks full-text results itself.
            return self.catalog.searchResults(self.query())
        found = self.matching()
        if not found:
            return LazyCat([])
        # What catalog.searchResults does with sort_on and sort_limit, on the
        # record ids already found: only what the batch shows is sorted.
        catalog = self.catalog._catalog
        limit = self.b_start + self.b_size
        return catalog.sortResults(
            found,
            catalog.getIndex(self.sort_on),
            reverse=self.sort_order == "descending",
            limit=limit,
            merge=True,
            actual_result_count=len(found),
            b_start=0,
            b_size=limit,
        )

    def facet_counts(self):
        """``{name: {"title", "terms": tree of {"token", "title", "count"}}}``."""
        facets = {}
        for name in self.facets:
            counts = self._count(field_name(name), self._matches(without=name))
            terms = taxonomy_terms.terms(
                name, self.language or self._request_language()
            )
            facets[name] = {
                "title": terms.taxonomy.title,
                "selected": self.filters.get(name, []),
                "terms": _with_counts(terms.tree(include=counts.__contains__), counts),
            }
        return facets

    def _count(self, index_name, matches):
        """``{token: number of matches indexed under it}``, zeros left out."""
        index = self.catalog._catalog.getIndex(index_name)
        if matches.size <= WALK_LIMIT:
            counts = Counter()
            for record_id in matches.record_ids:
                counts.update(index._unindex.get(record_id, ()))
            return counts
        counts = {}
        for token, postings in index._index.items():
            found = matches.count(postings)
            if found:
                counts[token] = found
        return counts

    def _postings(self, name, tokens):
        """The record ids indexed under any of ``tokens`` of taxonomy ``name``."""
        index = self.catalog._catalog.getIndex(field_name(name))
        sets = []
        for token in tokens:
            postings = index._index.get(token)
            if isinstance(postings, int):
                sets.append(IISet((postings,)))
            elif postings is not None:
                sets.append(postings)
        return multiunion(sets)

    # Parsing

    def _reject_unknown(self, form):
        unknown = sorted(
            key
            for key in form
            if key not in OPTIONS
            and key not in self.taxonomies
            and _date_parameter(key) is None
        )
        if unknown:
            self._fail(
                _(
                    "error_search_unknown_parameter",
                    default="Unknown search parameter ${name}. Use q, portal_type, "
                    "language, facets, sort_on, sort_order, b_start, b_size, "
                    "metadata_fields, a taxonomy name (${taxonomies}) or "
                    "<date index>.min / .max.",
                    mapping={
                        "name": unknown[0],
                        "taxonomies": ", ".join(self.taxonomies),
                    },
                )
            )

    def _language(self, value):
        if value == "all":
            return None
        if value is None:
            return search_language(self.context, self.request)
        available = api.portal.get_registry_record("plone.available_languages")
        if value not in available:
            self._fail(
                _(
                    "error_search_language",
                    default="Unknown language ${language}: use one of ${languages} "
                    "or all.",
                    mapping={"language": value, "languages": ", ".join(available)},
                )
            )
        return value

    def _request_language(self):
        return (
            search_language(self.context, self.request)
            or api.portal.get_default_language()
        )

    def _portal_types(self, values):
        known = set(api.portal.get_tool("portal_types").objectIds())
        for value in values:
            if value not in known:
                self._fail(
                    _(
                        "error_search_portal_type",
                        default="Unknown content type ${type}.",
                        mapping={"type": value},
                    )
                )
        return values

    def _tokens(self, name, tokens):
        terms = taxonomy_terms.terms(name, api.portal.get_default_language())
        for token in tokens:
            if token not in terms:
                self._fail(taxonomy_terms.unknown_term(token, name))
        return tokens

    def _dates(self, form):
        dates = {}
        for key, value in form.items():
            parsed = _date_parameter(key)
            if parsed is None:
                continue
            index, bound = parsed
            index_object = self.catalog._catalog.indexes.get(index)
            if index_object is None or index_object.meta_type not in DATE_INDEX_TYPES:
                self._fail(
                    _(
                        "error_search_date_index",
                        default="${index} is not a date index: filter on one of "
                        "${indexes}.",
                        mapping={
                            "index": index,
                            "indexes": ", ".join(self._date_indexes()),
                        },
                    )
                )
            try:
                date = DateTime(value)
            except (DateTimeSyntaxError, IndexError, TypeError, ValueError):
                self._fail(
                    _(
                        "error_search_date",
                        default="${parameter} must be a date such as 2024-12-31, "
                        "not ${value}.",
                        mapping={"parameter": key, "value": value},
                    )
                )
            low, high = dates.get(index, (None, None))
            dates[index] = (date, high) if bound == "min" else (low, date)
        return dates

    def _date_indexes(self):
        return sorted(
            name
            for name, index in self.catalog._catalog.indexes.items()
            if index.meta_type in DATE_INDEX_TYPES
        )

    def _facets(self, names):
        for name in names:
            if name not in self.taxonomies:
                self._fail(
                    _(
                        "error_search_facet",
                        default="Unknown facet ${name}: use one of ${taxonomies}.",
                        mapping={
                            "name": name,
                            "taxonomies": ", ".join(self.taxonomies),
                        },
                    )
                )
        return names or self.taxonomies

    def _sort(self, sort_on, sort_order):
        if sort_order and sort_order not in SORT_ORDERS:
            self._fail(
                _(
                    "error_search_sort_order",
                    default="sort_order must be ascending or descending.",
                )
            )
        if not sort_on:
            if self.text:
                return None, None  # relevance
            return "effective", sort_order or "descending"
        if sort_on == "relevance":
            return None, None
        index = self.catalog._catalog.indexes.get(sort_on)
        if index is None or index.meta_type not in SORT_INDEX_TYPES:
            self._fail(
                _(
                    "error_search_sort_on",
                    default="Cannot sort on ${sort_on}: use relevance or an index "
                    "such as sortable_title, effective, modified or start.",
                    mapping={"sort_on": sort_on},
                )
            )
        return sort_on, sort_order or "ascending"

    def _integer(self, form, name, default, minimum, maximum):
        value = form.get(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if (
            number is None
            or number < minimum
            or (maximum is not None and number > maximum)
        ):
            self._fail(
                _(
                    "error_search_integer",
                    default="${name} must be a whole number from ${minimum} to "
                    "${maximum}.",
                    mapping={
                        "name": name,
                        "minimum": minimum,
                        "maximum": maximum if maximum is not None else "∞",
                    },
                )
            )
        return number

    def _fail(self, message):
        raise BadRequest(translate(message, context=self.request))


class Matches:
    """Record ids found by a search, and how many of a posting list are among them.

    A posting list over PROBE_RATIO times shorter than the results is looked
    up id by id in a Python set of them. A longer one is intersected in C,
    which walks both sets: with the results, or, when they are most of the
    catalog, with the catalog's other record ids (a shorter walk), the count
    then being what is left. Each helper set is made once, when first needed.
    """

    def __init__(self, record_ids, catalog):
        self.record_ids = record_ids
        self.size = len(record_ids)
        self._catalog = catalog
        self._members = None
        self._others = None

    def count(self, postings):
        """How many record ids of ``postings`` (a set or one id) are matches."""
        if isinstance(postings, int):
            return 1 if postings in self.record_ids else 0
        length = len(postings)
        if length * PROBE_RATIO < self.size:
            if self._members is None:
                self._members = frozenset(self.record_ids)
            return len(self._members.intersection(postings))
        if self.size * 2 > len(self._catalog):
            if self._others is None:
                everything = IISet(self._catalog.paths.keys())
                self._others = difference(everything, self.record_ids)
            return length - len(intersection(postings, self._others))
        return len(intersection(postings, self.record_ids))


def _values(value):
    """A form value as a list of non-empty strings."""
    if value is None:
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    return [item for item in values if item]


def _date_parameter(key):
    """``("publication_date", "min")`` for ``publication_date.min``, else None."""
    index, _dot, bound = key.rpartition(".")
    if index and bound in ("min", "max"):
        return index, bound
    return None


def _with_counts(tree, counts):
    """The term tree with a ``count`` on every node."""
    for node in tree:
        node["count"] = counts[node["token"]]
        node["children"] = _with_counts(node["children"], counts)
    return tree
