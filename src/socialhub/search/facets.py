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
from functools import partial
from plone import api
from socialhub.search.catalog import brain
from socialhub.search.catalog import entries
from socialhub.search.catalog import index as catalog_index
from socialhub.search.catalog import key_tree
from socialhub.search.catalog import postings
from socialhub.search.catalog import record_count
from socialhub.search.catalog import record_ids
from socialhub.search.catalog import sort_record_ids
from socialhub.search.catalog import under_path
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms
from ZTUtils.Lazy import LazyCat
from ZTUtils.Lazy import LazyMap


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
    """The results and facet counts of a :class:`~socialhub.search.query.FacetQuery`.

    It reads nothing from the request: ``query`` says what to search,
    ``catalog`` (the ``portal_catalog`` tool) where. Record ids found are
    kept, so the results and every facet share one catalog query.
    """

    def __init__(self, query, catalog):
        self.query = query
        self.catalog = catalog
        self.filters = query.filters
        self._unfiltered = None  # record ids without the taxonomy filters
        self._matching = {}  # record ids by the taxonomy left out (or None)
        self._others = {}  # the rest of the catalog, by id() of record ids
        self._filter_ids = {}  # record ids of each taxonomy filter

    # The search

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
                        self.catalog, self.query.catalog_query(without=self.filters)
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
        query = self.query
        if not query.sort_on:
            # By relevance: the catalog ranks full-text results itself.
            return self.catalog.searchResults(query.catalog_query())
        found = self.matching()
        if not found:
            return LazyCat([])
        # What catalog.searchResults does with sort_on, sort_limit, b_start
        # and b_size, on the record ids already found: only what the batch
        # shows is sorted.
        index = catalog_index(self.catalog, query.sort_on)
        reverse = query.sort_order == "descending"
        limit = query.b_start + query.b_size
        if (
            reverse
            and index.meta_type == "DateIndex"
            and len(found) > WALK_LIMIT
            # Every record has a date: none drops out of the count.
            and index.numObjects() == record_count(self.catalog)
        ):
            newest = _newest(index, found, limit)
            if newest is not None:
                page = newest[query.b_start :]
                return LazyMap(
                    partial(brain, self.catalog),
                    page,
                    len(page),
                    actual_result_count=len(found),
                )
        return sort_record_ids(
            self.catalog,
            found,
            index,
            reverse=reverse,
            limit=limit,
            merge=True,
            actual_result_count=len(found),
            b_start=query.b_start,
            b_size=query.b_size,
        )

    def facet_counts(self):
        """``{name: {"title", "terms": tree of {"token", "title", "count"}}}``."""
        facets = {}
        for name in self.query.facets:
            terms = taxonomy_terms.terms(name, self.query.title_language)
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
        index = catalog_index(self.catalog, field_name(name))
        if len(record_ids) <= WALK_LIMIT:
            counts = Counter()
            keys_of = entries(index)
            for record_id in record_ids:
                counts.update(keys_of.get(record_id, ()))
            return counts
        others = self._rest_of_catalog(record_ids)
        parents = {token: terms.parent(token) for token in terms.ordered_tokens()}
        has_children = set(parents.values())
        found_under = {None: record_ids}  # the matches of each term with children
        counts = {}
        for token, parent in parents.items():  # parents come first
            within = found_under.get(parent)
            found_here = postings(index, token)
            if within is None or found_here is None:
                continue  # no match under the parent, or none at all
            if parent is None:
                found = _matching_ids(found_here, within, others)
            else:
                found = _matching_ids(found_here, within)
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
            everything = None
            if len(record_ids) * 2 > record_count(self.catalog):
                everything = under_path(self.catalog, api.portal.get().getId())
                if everything is not None and len(everything) != record_count(
                    self.catalog
                ):
                    everything = None
            self._others[key] = (
                None if everything is None else difference(everything, record_ids)
            )
        return self._others[key]

    def _postings(self, name, tokens):
        """The record ids indexed under any of ``tokens`` of taxonomy ``name``."""
        if name not in self._filter_ids:
            index = catalog_index(self.catalog, field_name(name))
            sets = [postings(index, token) for token in tokens]
            self._filter_ids[name] = multiunion([ids for ids in sets if ids])
        return self._filter_ids[name]


def _matching_ids(postings, within, others=None):
    """The record ids of ``postings`` that are in ``within``, found cheaply.

    ``postings`` is an index's set of record ids. A short list is looked up
    id by id; a long one is intersected in C, which walks both sets: with
    ``within``, or, when the catalog's other record ids (``others``, all
    those not in ``within``) are fewer, taken away from them.
    """
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
    dates = key_tree(index)
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


def _with_counts(tree, counts):
    """The term tree with a ``count`` on every node."""
    for node in tree:
        node["count"] = counts[node["token"]]
        node["children"] = _with_counts(node["children"], counts)
    return tree
