"""Faceted search: one catalog query, its batch, and counts per taxonomy term.

The counts are those a faceted library page needs: for each requested
taxonomy, how many results each term would give, with every filter applied
but that taxonomy's own (so choosing a theme does not hide the other themes).
A parent term counts its descendants: collective.taxonomy indexes the
ancestors of every assigned term. Counts come from the catalog's own index
structures, in the requester's restricted search, so nobody learns of an
item they may not View.
"""

from bisect import bisect
from BTrees.IIBTree import difference
from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from collections import Counter
from plone import api
from socialhub.core import _
from socialhub.core.catalogquery import searchable_text
from socialhub.core.guard.limits import MAX_BATCH_SIZE
from socialhub.core.languages import search_language
from socialhub.core.params import Date
from socialhub.core.params import Integer
from socialhub.core.params import Parameter
from socialhub.core.params import Parameters
from socialhub.core.params import Suffixed
from socialhub.core.params import Text
from socialhub.search.catalog import record_ids
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms
from zExceptions import BadRequest
from zope.i18n import translate
from ZTUtils.Lazy import LazyCat
from ZTUtils.Lazy import LazyMap


DEFAULT_BATCH_SIZE = 20
DATE_INDEX_TYPES = ("DateIndex", "DateRecurringIndex")
SORT_INDEX_TYPES = ("FieldIndex", "DateIndex", "DateRecurringIndex", "BooleanIndex")
SORT_ORDERS = ("ascending", "descending")
# The parameters of @facets that are not filters, in the order messages list them.
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
# Below this many results, counting walks the results' own index entries;
# above it, it goes down the term tree (see FacetedSearch._count), looking a
# posting list up id by id when it is over PROBE_RATIO times shorter than the
# set it is matched against, intersecting in C otherwise. Measured on 100,000
# items (benchmarks/facets.py): intersecting every posting list with all the
# results took 70 ms for three taxonomies and 80,000 results; this takes 25.
WALK_LIMIT = 5000
PROBE_RATIO = 32
# Many results sorted newest first (the default): rather than reading the
# date of every result, as ZCatalog's n-best sort does (8 ms for 80,000),
# walk the date index down from its newest key, at most this many keys.
SORT_WALK_KEYS = 2000


class FacetedSearch:
    """A faceted search at ``context``, with the parameters of ``form``.

    Parsing validates every parameter and raises ``BadRequest`` (400) with a
    translated message for the first one that is wrong. Besides the filters
    (a taxonomy name, ``<date index>.min`` / ``.max``), it accepts the
    parameters in ``options``: a subclass serving another endpoint narrows
    them (see socialhub.search.listing).
    """

    #: The parameters accepted besides the filters, in the order messages list them.
    options = OPTIONS

    def __init__(self, context, request, form=None):
        self.context = context
        self.request = request
        self.catalog = api.portal.get_tool("portal_catalog")
        self.taxonomies = taxonomy_terms.installed_taxonomies()
        form = request.form if form is None else form
        self._reject_unknown(form)
        values = self.parameters().parse(request, form)
        self.language = self._language(values["language"])
        # Read as Plone's search box reads it: any text is searchable.
        self.text = searchable_text(values["q"], self.catalog, self.request)
        self.portal_types = self._portal_types(values["portal_type"])
        self.searched_types = api.portal.get_tool("plone_utils").getUserFriendlyTypes()
        self.filters = {
            name: self._tokens(name, values[name])
            for name in self.taxonomies
            if values[name]
        }
        self.dates = self._dates(values["dates"])
        self.facets = self._facets(values.get("facets", []))
        self.sort_on, self.sort_order = self._sort(
            values["sort_on"], values["sort_order"]
        )
        self.b_start = values["b_start"]
        self.b_size = values["b_size"]
        self._unfiltered = None  # record ids without the taxonomy filters
        self._matching = {}  # record ids by the taxonomy left out (or None)
        self._others = {}  # the rest of the catalog, by id() of record ids
        self._filter_ids = {}  # record ids of each taxonomy filter

    def parameters(self):
        """The parameters this search reads (:mod:`socialhub.core.params`)."""
        options = {
            "q": Text("q", default=""),
            "portal_type": Parameter("portal_type", multiple=True),
            "language": Parameter("language"),
            "facets": Parameter("facets", multiple=True),
            "sort_on": Parameter("sort_on"),
            "sort_order": Parameter("sort_order"),
            "b_start": Integer("b_start", default=0),
            "b_size": Integer(
                "b_size",
                default=DEFAULT_BATCH_SIZE,
                minimum=1,
                maximum=MAX_BATCH_SIZE,
                clamp=True,
            ),
            "metadata_fields": Parameter("metadata_fields", multiple=True),
        }
        return Parameters(
            *(options[name] for name in self.options),
            *(Parameter(name, multiple=True) for name in self.taxonomies),
            Suffixed("dates", ("min", "max"), lambda name: Date(name)),
        )

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
        if without not in self.filters:
            without = None
        if without not in self._matching:
            if without is None and self.filters:
                # All filters: those of one taxonomy on the results without them.
                last = list(self.filters)[-1]
                found = intersection(
                    self.matching(without=last),
                    self._postings(last, self.filters[last]),
                )
            else:
                if self._unfiltered is None:
                    self._unfiltered = record_ids(
                        self.catalog, self.query(without=self.filters)
                    )
                found = self._unfiltered
                for name, tokens in self.filters.items():
                    if name != without:
                        found = intersection(found, self._postings(name, tokens))
            self._matching[without] = found
        return self._matching[without]

    def results(self):
        """The sorted results: a lazy catalog result set for plone.restapi.

        Sorted results hold only the batch asked for (``b_start``,
        ``b_size``) and the total as ``actual_result_count``, as the
        catalog's own batched search gives them: plone.batching reads such a
        sequence as the current page (a longer one, holding the pages before
        it too, would be read as one too and show the first page again).
        """
        if not self.sort_on:
            # By relevance: the catalog ranks full-text results itself.
            return self.catalog.searchResults(self.query())
        found = self.matching()
        if not found:
            return LazyCat([])
        # What catalog.searchResults does with sort_on, sort_limit, b_start
        # and b_size, on the record ids already found: only what the batch
        # shows is sorted.
        catalog = self.catalog._catalog
        index = catalog.getIndex(self.sort_on)
        reverse = self.sort_order == "descending"
        limit = self.b_start + self.b_size
        if (
            reverse
            and index.meta_type == "DateIndex"
            and len(found) > WALK_LIMIT
            # Every record has a date: none drops out of the count.
            and index.numObjects() == len(catalog)
        ):
            newest = _newest(index, found, limit)
            if newest is not None:
                page = newest[self.b_start :]
                return LazyMap(
                    catalog.__getitem__,
                    page,
                    len(page),
                    actual_result_count=len(found),
                )
        return catalog.sortResults(
            found,
            index,
            reverse=reverse,
            limit=limit,
            merge=True,
            actual_result_count=len(found),
            b_start=self.b_start,
            b_size=self.b_size,
        )

    def facet_counts(self):
        """``{name: {"title", "terms": tree of {"token", "title", "count"}}}``."""
        facets = {}
        for name in self.facets:
            terms = taxonomy_terms.terms(name, self.title_language())
            counts = self._count(name, terms, self.matching(without=name))
            facets[name] = {
                "title": terms.taxonomy.title,
                "selected": self.filters.get(name, []),
                "terms": _with_counts(terms.tree(include=counts.__contains__), counts),
            }
        return facets

    def _count(self, name, terms, record_ids):
        """``{token: number of record_ids indexed under it}``, zeros left out.

        Few results: walk their own index entries. Many: go down the term
        tree, matching each term's posting list against what its parent
        matched rather than against all results. That is exact because an
        item indexed under a term is indexed under all its ancestors too
        (collective.taxonomy's indexer stores them, and moving a term
        reindexes its items: upgrades/evolve.py), and much cheaper, as the
        sets shrink at each level.
        """
        index = self.catalog._catalog.getIndex(field_name(name))
        if len(record_ids) <= WALK_LIMIT:
            counts = Counter()
            for record_id in record_ids:
                counts.update(index._unindex.get(record_id, ()))
            return counts
        others = self._rest_of_catalog(record_ids)
        parents = {token: terms.parent(token) for token in terms.ordered_tokens()}
        has_children = set(parents.values())
        found_under = {None: record_ids}  # the matches of each term with children
        counts = {}
        for token, parent in parents.items():  # parents come first
            within = found_under.get(parent)
            postings = index._index.get(token)
            if within is None or postings is None:
                continue  # no match under the parent, or none at all
            if parent is None:
                found = _matching_ids(postings, within, others)
            else:
                found = _matching_ids(postings, within)
            if found:
                counts[token] = len(found)
                if token in has_children:
                    found_under[token] = found
        return counts

    def _rest_of_catalog(self, record_ids):
        """The catalog's record ids that are not in ``record_ids``, or None.

        Only when ``record_ids`` are most of the catalog (else it would not be
        the shorter set to walk). Every record id of the catalog is in the
        path index, under the site root: that set is used as it is, if it is
        indeed all of them.
        """
        key = id(record_ids)  # record_ids stay in self._matching
        if key not in self._others:
            catalog = self.catalog._catalog
            everything = None
            if len(record_ids) * 2 > len(catalog):
                site_id = api.portal.get().getId()
                try:
                    everything = catalog.getIndex("path")._index[site_id][0]
                    if len(everything) != len(catalog):
                        everything = None
                except (AttributeError, KeyError, TypeError):
                    everything = None
            self._others[key] = (
                None if everything is None else difference(everything, record_ids)
            )
        return self._others[key]

    def _postings(self, name, tokens):
        """The record ids indexed under any of ``tokens`` of taxonomy ``name``."""
        if name not in self._filter_ids:
            index = self.catalog._catalog.getIndex(field_name(name))
            sets = []
            for token in tokens:
                postings = index._index.get(token)
                if isinstance(postings, int):
                    sets.append(IISet((postings,)))
                elif postings is not None:
                    sets.append(postings)
            self._filter_ids[name] = multiunion(sets)
        return self._filter_ids[name]

    # Parsing

    def _reject_unknown(self, form):
        unknown = sorted(
            key
            for key in form
            if key not in self.options
            and key not in self.taxonomies
            and _date_parameter(key) is None
        )
        if unknown:
            self._fail(
                _(
                    "error_search_parameter",
                    default="Unknown search parameter ${name}. Use ${parameters}, "
                    "a taxonomy name (${taxonomies}) or <date index>.min / .max.",
                    mapping={
                        "name": unknown[0],
                        "parameters": ", ".join(self.options),
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

    def title_language(self):
        """The language of term titles: the searched one, else the request's.

        With ``language=all`` titles follow the request, as a search without
        ``language`` would (the language root, else the negotiated language).
        """
        return (
            self.language
            or search_language(self.context, self.request)
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

    def _dates(self, dates):
        """``{index: (low, high)}`` from ``{"<index>.min": DateTime, ...}``."""
        ranges = {}
        for key, date in dates.items():
            index, bound = _date_parameter(key)
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
            low, high = ranges.get(index, (None, None))
            ranges[index] = (date, high) if bound == "min" else (low, date)
        return ranges

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

    def _fail(self, message):
        raise BadRequest(translate(message, context=self.request))


def _matching_ids(postings, within, others=None):
    """The record ids of ``postings`` that are in ``within``, found cheaply.

    ``postings`` is an index's set of record ids, or a single one. A short
    list is looked up id by id; a long one is intersected in C, which walks
    both sets: with ``within``, or, when the catalog's other record ids
    (``others``, all those not in ``within``) are fewer, taken away from them.
    """
    if isinstance(postings, int):
        return IISet((postings,) if postings in within else ())
    walked = within if others is None or len(others) >= len(within) else others
    if len(postings) * PROBE_RATIO < len(walked):
        return IISet([record_id for record_id in postings if record_id in within])
    if walked is others:
        return difference(postings, others)
    return intersection(postings, within)


def _newest(index, record_ids, limit):
    """The ``limit`` record ids with the latest dates, in ZCatalog's order.

    Walks the date index from its latest key down, collecting the results
    dated there, until ``limit`` are found and their last date is complete.
    Those candidates then go through the n-best selection of ZCatalog's
    ``Catalog._sort_nbest``, in record id order, so that results of the same
    date come out as the catalog's own sort gives them (the other results
    could not change that selection). None when the latest ``limit`` results
    are not within SORT_WALK_KEYS dates: the catalog's sort is then faster.
    """
    dates = index._index
    candidates = []
    key = None
    for _step in range(SORT_WALK_KEYS):
        try:
            key = dates.maxKey() if key is None else dates.maxKey(key - 1)
        except ValueError:
            break  # no earlier date
        postings = dates[key]
        if isinstance(postings, int):
            postings = (postings,)
        candidates.extend(
            (record_id, key) for record_id in postings if record_id in record_ids
        )
        if len(candidates) >= limit:
            break
    else:
        return None
    candidates.sort()
    keys, chosen = [], []
    for record_id, key in candidates:
        if len(keys) >= limit and key <= keys[0]:
            continue
        position = bisect(keys, key)
        keys.insert(position, key)
        chosen.insert(position, record_id)
        if len(keys) > limit:
            del keys[0], chosen[0]
    chosen.reverse()
    return chosen


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
