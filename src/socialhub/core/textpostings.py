"""Full-text indexes whose word postings concurrent writers can both update.

A ZCTextIndex (the catalog's ``SearchableText``, ``Title`` and
``Description``) maps every word to its postings, the documents that contain
it, in an IOBTree (``_wordinfo``). The postings of a word found in fewer than
ten documents are a dict stored in the BTree's bucket, and indexing a
document stores the postings of each of its words in their bucket again,
changed or not. Two transactions that index documents whose words share a
bucket both write it, and the ZODB merges such writes only when BTrees can
compare the bucket's values: BTrees' C code compares values with ``<``,
which dicts do not support under Python 3, so the merge fails as soon as the
bucket holds one dict, as nearly every bucket does. Concurrent creations and
edits then conflict on the text indexes, whatever folders they are in.

:class:`MergeableOkapiIndex` keeps the postings of every word in an IIBTree
of their own (as ZCTextIndex already does for words of ten documents or more)
and writes a bucket only when a word enters or leaves the index. Concurrent
indexing then writes the words' IIBTrees, whose merges add different
documents, and the buckets' values are references, which compare. Search and
ranking are unchanged: ZCTextIndex reads both kinds of postings.

The core profile converts the site's Okapi text indexes
(:func:`use_mergeable_postings`) and the uninstall profile gives them back
their class (:func:`use_stock_postings`). Stock sites are not changed.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IIBTree
from plone import api
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from socialhub.core.compat import zcatalog


class MergeableOkapiIndex(OkapiIndex):
    """Okapi BM25 ranking over postings that are always IIBTrees (see module).

    It overrides private methods of ZCTextIndex's ``BaseIndex``, fenced in
    :mod:`socialhub.core.compat.zcatalog`.
    """

    def _add_wordinfo(self, wid, f, docid):
        self._postings(wid)[docid] = f

    def _mass_add_wordinfo(self, wid2weight, docid):
        for wid, weight in wid2weight.items():
            self._postings(wid)[docid] = weight

    def _del_wordinfo(self, wid, docid):
        postings = self._wordinfo[wid]
        del postings[docid]
        if not postings:
            del self._wordinfo[wid]
            self.length.change(-1)

    def _postings(self, wid):
        """The IIBTree of ``wid``'s postings, created or converted if need be."""
        postings = self._wordinfo.get(wid)
        if postings is None:
            postings = self._wordinfo[wid] = IIBTree()
            self.length.change(1)
        elif not isinstance(postings, IIBTree):  # a dict from a stock index
            postings = self._wordinfo[wid] = IIBTree(postings)
        return postings


def _okapi_text_indexes(catalog):
    for index in zcatalog.indexes(catalog).values():
        index = aq_base(index)
        if getattr(index, "meta_type", None) == "ZCTextIndex" and isinstance(
            getattr(index, "index", None), OkapiIndex
        ):
            yield index


def _set_class(text_index, klass):
    okapi = text_index.index
    if type(okapi) is not klass:
        okapi.__class__ = klass
        okapi._p_changed = True
        # The text index's reference to its Okapi index carries the class.
        text_index._p_changed = True
    # Clearing the index (e.g. "Clear and Rebuild") makes a new one of this.
    zcatalog.set_index_factory(text_index, klass)


def use_mergeable_postings():
    """Make the site's Okapi text indexes :class:`MergeableOkapiIndex`.

    Converts the dict postings to IIBTrees. Idempotent.
    """
    for text_index in _okapi_text_indexes(api.portal.get_tool("portal_catalog")):
        _set_class(text_index, MergeableOkapiIndex)
        wordinfo = zcatalog.word_postings(text_index)
        for wid, postings in list(wordinfo.items()):
            if not isinstance(postings, IIBTree):
                wordinfo[wid] = IIBTree(postings)


def use_stock_postings():
    """Give the site's text indexes ZCTextIndex's own Okapi index back.

    It reads IIBTree postings as they are.
    """
    for text_index in _okapi_text_indexes(api.portal.get_tool("portal_catalog")):
        _set_class(text_index, OkapiIndex)
