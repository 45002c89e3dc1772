"""socialhub.initiatives installs its type, sections and catalog data; uninstalls."""

from plone import api
from socialhub.initiatives.interfaces import IInitiativesLayer
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_INITIATIVES_INTEGRATION_TESTING

import datetime
import unittest


SECTION_TITLES = {"en": "Initiatives", "fr": "Initiatives", "es": "Iniciativas"}
INDEXES = {
    "initiative_status": "FieldIndex",
    "initiative_start": "DateIndex",
    "initiative_end": "DateIndex",
    "taxonomy_geography": "KeywordIndex",
}


class TestInitiativesInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_INITIATIVES_INTEGRATION_TESTING
    product = "socialhub.initiatives"
    browser_layer = IInitiativesLayer
    section_id = "initiatives"
    section_titles = SECTION_TITLES

    def test_initiative_addable_only_in_its_section(self):
        self.assert_addable_only_in_section("Initiative")

    def test_fti(self):
        fti = self.assert_behaviors(
            "Initiative",
            (
                "plone.translatable",
                "plone.richtext",
                "socialhub.web",
                "socialhub.contact",
            ),
        )
        self.assertEqual(fti.add_permission, "socialhub.initiatives.AddInitiative")

    def test_catalog_indexes_and_columns(self):
        self.assert_indexes(INDEXES)

    def test_indexed_for_listings(self):
        initiative = api.content.create(
            container=self.portal["en"]["initiatives"],
            type="Initiative",
            id="child-grant",
            title="Child grant",
            status="ongoing",
            start=datetime.date(2021, 3, 1),
            end=datetime.date(2026, 2, 28),
            taxonomy_geography=["ZM", "MW"],
        )
        catalog = api.portal.get_tool("portal_catalog")
        # A country's continent finds it too: the index stores the ancestors.
        brains = catalog(initiative_status="ongoing", taxonomy_geography="002")
        self.assertEqual([brain.getObject() for brain in brains], [initiative])
        brain = brains[0]
        self.assertEqual(brain.initiative_status, "ongoing")
        self.assertEqual(brain.initiative_start, datetime.date(2021, 3, 1))
        self.assertEqual(brain.initiative_end, datetime.date(2026, 2, 28))
        # collective.taxonomy's column holds what its index holds: the terms
        # and their ancestors (World, Africa).
        self.assertEqual(brain.taxonomy_geography, ["001", "002", "ZM", "MW"])
        started = catalog(
            portal_type="Initiative",
            initiative_start={"query": datetime.date(2021, 1, 1), "range": "min"},
            initiative_end={"query": datetime.date(2027, 1, 1), "range": "max"},
        )
        self.assertEqual(len(started), 1)
        self.assertEqual(len(catalog(initiative_status="completed")), 0)


class TestInitiativesUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_INITIATIVES_INTEGRATION_TESTING
    product = "socialhub.initiatives"
    browser_layer = IInitiativesLayer
    portal_types = ("Initiative",)
