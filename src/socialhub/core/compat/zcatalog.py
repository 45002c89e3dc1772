"""ZCatalog internals SocialHub's core reaches (checked against Products.ZCatalog 7.4,
which ships Products.PluginIndexes, and Products.ZCTextIndex of Zope 6.3).

``search/`` fences its own reads in :mod:`socialhub.search.catalog`; these are
core's. The catalog tool publishes searches (``searchResults``) but not its
``Catalog`` object, its indexes or its records by id; core reads them to
answer from records it knows without a search, which costs less than the
search would (see :mod:`socialhub.core.restricted`,
:mod:`socialhub.core.translations`, :mod:`socialhub.core.restapi.relations`,
:mod:`socialhub.core.catalogquery`).

Products.ZCatalog
  - ``catalog._catalog``: the ``Catalog`` of the tool; its ``indexes``
    mapping (:func:`indexes`), ``getIndex(name)`` (the index wrapped in
    the catalog, :func:`index`), ``catalog._catalog[record_id]`` (a brain,
    :func:`record`) and ``uids`` (path to record id, :func:`record_id`).
  - ``brain._unrestrictedGetObject()``: the object of a record without a
    security check, used as every Plone upgrade step uses it (left where it
    is called: upgrade steps and setup handlers of core, events,
    taxonomy and ``policies/``, ``urls.py``, ``events/content.py``).

Products.PluginIndexes
  - ``index._apply_index({name: value})``: the record ids an index has for
    a value, without a catalog search (:func:`records_of`).
  - ``index._index``: the BTree of a field, keyword or UUID index, whose
    keys tell which type of value the index holds (:func:`index_keys`).
  - ``DateRangeIndex._convertDateTime(value)``: a date as the integer the
    index stores (:func:`date_range_value`).

Products.ZCTextIndex
  - :class:`socialhub.core.textpostings.MergeableOkapiIndex` overrides
    ``BaseIndex._add_wordinfo``, ``_mass_add_wordinfo`` and
    ``_del_wordinfo`` (sources pinned in :data:`OVERRIDDEN`) and reads the
    word postings ``_wordinfo`` (:func:`word_postings`).
  - ``ZCTextIndex._index_factory``: the class a cleared text index makes
    its Okapi index of (:func:`set_index_factory`).
"""

from Acquisition import aq_base


#: Upstream methods SocialHub's MergeableOkapiIndex overrides, with the
#: SHA-256 of their source when the override was written.
OVERRIDDEN = {
    "Products.ZCTextIndex.BaseIndex:BaseIndex._add_wordinfo": (
        "345aefdab87121156033f94c434df356813eb84f18261d2bbcaa253a841face1"
    ),
    "Products.ZCTextIndex.BaseIndex:BaseIndex._mass_add_wordinfo": (
        "a9eba7962a749e0b3c8e7b141546dcc3e46cbb528894934fb34254ae631ef321"
    ),
    "Products.ZCTextIndex.BaseIndex:BaseIndex._del_wordinfo": (
        "0fa4e8d798461dd400ad03e3f9fc62d682047c42f393a5b4dc8b8108ffd93d29"
    ),
}


def indexes(catalog):
    """The catalog tool's indexes, by name (unwrapped)."""
    return catalog._catalog.indexes


def index(catalog, name):
    """The catalog tool's index ``name``, in the catalog's acquisition context."""
    return catalog._catalog.getIndex(name)


def record(catalog, record_id):
    """The catalog brain of the record ``record_id``."""
    return catalog._catalog[record_id]


def record_id(catalog, path):
    """The record id of the item cataloged at ``path``, or None."""
    return catalog._catalog.uids.get(path)


def records_of(index, name, value):
    """The record ids ``index`` (named ``name``) has for ``value``."""
    record_ids, _ = index._apply_index({name: value})
    return record_ids


def index_keys(index):
    """The BTree of a field, keyword or UUID index's keys, or None."""
    return getattr(aq_base(index), "_index", None)


def date_range_value(index, value):
    """``value`` (a DateTime) as the integer a DateRangeIndex stores."""
    return index._convertDateTime(value)


def word_postings(text_index):
    """The word id to postings mapping of a ZCTextIndex's Okapi index."""
    return text_index.index._wordinfo


def set_index_factory(text_index, klass):
    """Make a ZCTextIndex build its Okapi index of ``klass`` when cleared."""
    if text_index._index_factory is not klass:
        text_index._index_factory = klass
