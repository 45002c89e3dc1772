"""socialhub.initiatives installs its type, sections and catalog data; uninstalls."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.initiatives.interfaces import IInitiativesLayer
from socialhub.testing import assert_sections
from socialhub.testing import SOCIALHUB_INITIATIVES_INTEGRATION_TESTING
from zope.component import getUtility
from zope.component import queryUtility

import datetime
import unittest


SECTION_TITLES = {"en": "Initiatives", "fr": "Initiatives", "es": "Iniciativas"}
INDEXES = {
    "initiative_status": "FieldIndex",
    "initiative_start": "DateIndex",
    "initiative_end": "DateIndex",
    "taxonomy_geography": "KeywordIndex",
}


class TestInitiativesInstall(unittest.TestCase):
    layer = SOCIALHUB_INITIATIVES_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed("socialhub.initiatives"))
        self.assertIn(IInitiativesLayer, registered_layers())

    def test_section_in_every_language_with_translated_title(self):
        assert_sections(self, "initiatives", SECTION_TITLES)

    def test_initiative_addable_only_in_its_section(self):
        section = self.portal["en"]["initiatives"]
        self.assertEqual(
            [fti.getId() for fti in section.allowedContentTypes()], ["Initiative"]
        )
        self.assertNotIn(
            "Initiative",
            [fti.getId() for fti in self.portal["en"].allowedContentTypes()],
        )
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertNotIn(
            "Initiative", [fti.getId() for fti in folder.allowedContentTypes()]
        )

    def test_fti(self):
        fti = getUtility(IDexterityFTI, name="Initiative")
        for behavior in (
            "plone.translatable",
            "plone.richtext",
            "socialhub.web",
            "socialhub.contact",
        ):
            self.assertIn(behavior, fti.behaviors)
        self.assertEqual(fti.add_permission, "socialhub.initiatives.AddInitiative")

    def test_catalog_indexes_and_columns(self):
        catalog = api.portal.get_tool("portal_catalog")
        for name, meta_type in INDEXES.items():
            with self.subTest(index=name):
                self.assertEqual(catalog._catalog.getIndex(name).meta_type, meta_type)
                self.assertIn(name, catalog.schema())

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


class TestInitiativesUninstall(unittest.TestCase):
    layer = SOCIALHUB_INITIATIVES_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        installer = get_installer(self.portal, self.layer["request"])
        installer.uninstall_product("socialhub.initiatives")
        self.installer = installer

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.initiatives"))
        self.assertNotIn(IInitiativesLayer, registered_layers())
        self.assertIsNone(queryUtility(IDexterityFTI, name="Initiative"))
        section_fti = getUtility(IDexterityFTI, name="Section")
        self.assertNotIn("Initiative", section_fti.allowed_content_types)
        versionable = api.portal.get_tool(
            "portal_repository"
        ).getVersionableContentTypes()
        self.assertNotIn("Initiative", versionable)
