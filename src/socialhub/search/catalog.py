"""Catalog access shared by the search endpoints."""

from BTrees.IIBTree import IISet
from ZTUtils.Lazy import LazyMap


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


def brain(catalog, record_id):
    """The catalog brain of a record id."""
    return catalog._catalog[record_id]
