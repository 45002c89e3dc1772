"""The ZCatalog internals socialhub.search.catalog relies on, pinned.

Each test names the upstream class and attribute it pins: when a
Products.ZCatalog / Products.PluginIndexes / Products.ExtendedPathIndex
upgrade changes one, the failure says which, and socialhub.search.catalog
(the only module of search that reads them) is where to adapt.
"""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.ZCatalog.Catalog import Catalog
from socialhub.search import catalog as fence
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from ZTUtils.Lazy import LazyMap

import unittest


class TestCatalogFence(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.catalog = api.portal.get_tool("portal_catalog")
        folder = self.portal["en"]["publications"]
        self.report = api.content.create(
            container=folder,
            type="Publication",
            id="fence-report",
            title="Fence report",
            taxonomy_themes=["conditional-cash-transfers"],
        )
        self.brief = api.content.create(
            container=folder,
            type="Publication",
            id="fence-brief",
            title="Fence brief",
            taxonomy_themes=["childcare"],
        )
        self.rids = {
            self.catalog.getrid("/".join(item.getPhysicalPath()))
            for item in (self.report, self.brief)
        }
        self.report_rid = self.catalog.getrid("/".join(self.report.getPhysicalPath()))

    def pin(self, holds, where, what):
        """Fail naming the upstream class.attribute ``where`` when not ``holds``."""
        if not holds:
            self.fail(
                f"ZCatalog internal {where} changed: it no longer {what}. "
                "Adapt socialhub.search.catalog (see its docstring)."
            )

    def test_zcatalog_catalog(self):
        inner = getattr(self.catalog, "_catalog", None)
        self.pin(
            isinstance(inner, Catalog),
            "ZCatalog._catalog",
            "is a Products.ZCatalog.Catalog.Catalog",
        )
        for method in ("getIndex", "sortResults", "__getitem__", "__len__"):
            self.pin(
                callable(getattr(inner, method, None)),
                f"Catalog.{method}",
                "is a method",
            )
        self.pin(
            isinstance(getattr(inner, "indexes", None), dict),
            "Catalog.indexes",
            "is a dict of index objects by name",
        )
        self.assertEqual(fence.record_count(self.catalog), len(self.catalog))
        self.assertEqual(
            fence.brain(self.catalog, self.report_rid).getPath(),
            "/".join(self.report.getPhysicalPath()),
        )

    def test_lazymap_seq_holds_record_ids(self):
        results = self.catalog.searchResults(portal_type="Publication")
        self.pin(isinstance(results, LazyMap), "ZCatalog.searchResults", "is a LazyMap")
        self.pin(
            self.rids <= set(getattr(results, "_seq", ())),
            "LazyMap._seq",
            "holds the record ids of the results",
        )
        found = fence.record_ids(self.catalog, {"portal_type": "Publication"})
        self.assertTrue(self.rids <= set(found))

    def test_lazymap_seq_of_a_full_text_search_holds_score_and_record_id(self):
        results = self.catalog.searchResults(SearchableText="Fence")
        sequence = list(getattr(results, "_seq", ()))
        self.pin(
            sequence and all(isinstance(entry, tuple) for entry in sequence),
            "LazyMap._seq (ranked by ZCTextIndex)",
            "holds (score, record id) pairs",
        )
        self.assertEqual(
            set(fence.record_ids(self.catalog, {"SearchableText": "Fence"})), self.rids
        )

    def test_keyword_index_of_a_taxonomy(self):
        index = fence.index(self.catalog, "taxonomy_themes")
        self.pin(
            index.meta_type == "KeywordIndex",
            "KeywordIndex (taxonomy_themes).meta_type",
            "is KeywordIndex",
        )
        keys = getattr(index, "_unindex", {}).get(self.report_rid, ())
        self.pin(
            "conditional-cash-transfers" in keys and "cash-transfers" in keys,
            "KeywordIndex._unindex",
            "maps a record id to its keys (the term and its ancestors)",
        )
        lone = getattr(index, "_index", {}).get("conditional-cash-transfers")
        self.pin(
            lone == self.report_rid or self.report_rid in lone,
            "KeywordIndex._index",
            "maps a key to its record ids (an int when there is one)",
        )
        self.assertEqual(
            list(fence.postings(index, "childcare")),
            [self.catalog.getrid("/".join(self.brief.getPhysicalPath()))],
        )
        self.assertIsNone(fence.postings(index, "no-such-term"))
        self.assertIn("cash-transfers", fence.entries(index)[self.report_rid])

    def test_date_index_keys(self):
        index = fence.index(self.catalog, "effective")
        self.pin(
            index.meta_type == "DateIndex",
            "DateIndex (effective).meta_type",
            "is DateIndex",
        )
        tree = getattr(index, "_index", None)
        self.pin(
            callable(getattr(tree, "maxKey", None)),
            "DateIndex._index",
            "is a BTree with maxKey()",
        )
        newest = tree.maxKey()
        earlier = tree.maxKey(newest - 1) if len(tree) > 1 else None
        self.pin(
            earlier is None or earlier < newest,
            "DateIndex._index.maxKey(key)",
            "gives the greatest key up to key",
        )
        found = tree[newest]
        self.pin(
            isinstance(found, int) or len(found) > 0,
            "DateIndex._index values",
            "are record ids (an int when there is one)",
        )
        self.assertIs(fence.key_tree(index), tree)

    def test_field_index_values(self):
        index = fence.index(self.catalog, "sortable_title")
        titles = getattr(index, "_unindex", {})
        self.pin(
            str(titles.get(self.report_rid, "")).startswith("fence report"),
            "FieldIndex (sortable_title)._unindex",
            "maps a record id to its sortable title",
        )
        self.assertIs(fence.entries(index), titles)

    def test_path_index_holds_every_record_under_the_site(self):
        index = fence.index(self.catalog, "path")
        everything = getattr(index, "_index", {}).get(self.portal.getId(), {}).get(0)
        self.pin(
            everything is not None and len(everything) == len(self.catalog),
            f"{type(index).__name__}._index[component][level]",
            "maps the site id at level 0 to every record id",
        )
        self.assertEqual(
            len(fence.under_path(self.catalog, self.portal.getId())), len(self.catalog)
        )
        self.assertIsNone(fence.under_path(self.catalog, "no-such-component"))
