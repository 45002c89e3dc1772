"""The fence around ZCatalog's internals: the one module of search that reads them.

Checked against Products.ZCatalog 7.4 (which ships Products.PluginIndexes),
Products.ExtendedPathIndex and Zope 6.3 (``ZTUtils.Lazy``);
``tests/test_search_catalog_fence.py`` pins every internal below and fails,
naming the class and the attribute, when an upgrade changes one.

The internals used, and why:

- ``ZCatalog._catalog`` (``Products.ZCatalog.Catalog.Catalog``): the catalog
  proper. ZCatalog offers no public way to get an index object by name with
  its ``meta_type``, to sort a set of record ids (``sortResults``, what
  ``searchResults`` does with ``sort_on`` and ``b_size``), to count records
  or to make one brain from a record id.
- ``LazyMap._seq``: the record ids of a search's results, without making a
  brain each (:func:`record_ids`). Every facet and every related list is
  computed on record ids: making the brains of 80,000 results to read their
  ids back would cost more than the whole faceted search.
- ``UnIndex._index`` (KeywordIndex, FieldIndex, DateIndex): the posting list
  of one key, a set of record ids or a single int (:func:`postings`,
  :func:`key_tree`). The only public route is a query per key
  (``query_index``), which builds and intersects result sets: counting
  facets term by term on the posting lists takes 25 ms for three
  taxonomies and 80,000 results on 100,000 items, against 70 ms for
  intersecting every posting list with the results (search/facets.py).
  The newest-first sort walks a DateIndex's keys from the newest
  (``maxKey``) instead of reading the date of every result (8 ms for
  80,000 results).
- ``UnIndex._unindex``: the keys of one record (:func:`entries`). The
  public ``getEntryForObject`` is one method call per record; the facet
  count walks up to 5,000 records per taxonomy and ``@related`` reads the
  sortable title of every candidate, so they read the mapping itself.
- ``PathIndex._index[component][level]`` (ExtendedPathIndex): all record ids
  under the site root (:func:`under_path`), the complement a facet count
  subtracts from when the results are most of the catalog.
"""

from BTrees.IIBTree import IISet
from ZTUtils.Lazy import LazyMap


def index(catalog, name):
    """The index object ``name`` of ``catalog`` (KeyError when there is none)."""
    return catalog._catalog.getIndex(name)


def indexes(catalog):
    """``{name: index object}`` of every index of ``catalog``."""
    return catalog._catalog.indexes


def record_count(catalog):
    """How many records ``catalog`` holds."""
    return len(catalog._catalog)


def brain(catalog, record_id):
    """The catalog brain of a record id."""
    return catalog._catalog[record_id]


def record_ids(catalog, query):
    """The catalog record ids of a query's results, unsorted, unbatched.

    The query runs through ``catalog.searchResults``, so it is restricted to
    what the current user may View, like any Plone search; no brain is made.
    """
    results = catalog.searchResults(query)
    if not isinstance(results, LazyMap):
        return IISet()
    sequence = results._seq
    if len(sequence) and isinstance(sequence[0], tuple):
        # A full-text query gives (score, record id) pairs.
        return IISet(record_id for _score, record_id in sequence)
    return sequence if hasattr(sequence, "keys") else IISet(sequence)


def sort_record_ids(catalog, record_ids, sort_index, **options):
    """``Catalog.sortResults`` of ``record_ids`` on ``sort_index`` (lazy brains)."""
    return catalog._catalog.sortResults(record_ids, sort_index, **options)


def postings(index, key):
    """The record ids indexed under ``key`` in ``index``, as a set, or None."""
    found = index._index.get(key)
    if isinstance(found, int):  # UnIndex stores a lone record id as an int
        return IISet((found,))
    return found


def key_tree(index):
    """``{key: record ids or int}`` of ``index``: a BTree, walked by ``maxKey``."""
    return index._index


def entries(index):
    """``{record id: key or keys}`` of ``index`` (read it, never write it)."""
    return index._unindex


def under_path(catalog, component, level=0):
    """The record ids whose path has ``component`` at ``level``, or None."""
    try:
        return catalog._catalog.getIndex("path")._index[component][level]
    except (AttributeError, KeyError, TypeError):
        return None
