"""socialhub.actors installs its type, sections and catalog data, and uninstalls."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.actors.interfaces import IActorsLayer
from socialhub.testing import assert_sections
from socialhub.testing import SOCIALHUB_ACTORS_INTEGRATION_TESTING
from zope.component import getUtility
from zope.component import queryUtility

import unittest


SECTION_TITLES = {"en": "Organisations", "fr": "Organisations", "es": "Organizaciones"}


class TestActorsInstall(unittest.TestCase):
    layer = SOCIALHUB_ACTORS_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed("socialhub.actors"))
        self.assertIn(IActorsLayer, registered_layers())

    def test_section_in_every_language_with_translated_title(self):
        assert_sections(self, "actors", SECTION_TITLES)

    def test_actor_addable_only_in_its_section(self):
        section = self.portal["en"]["actors"]
        self.assertEqual(
            [fti.getId() for fti in section.allowedContentTypes()], ["Actor"]
        )
        self.assertNotIn(
            "Actor", [fti.getId() for fti in self.portal["en"].allowedContentTypes()]
        )
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertNotIn("Actor", [fti.getId() for fti in folder.allowedContentTypes()])

    def test_fti(self):
        fti = getUtility(IDexterityFTI, name="Actor")
        for behavior in (
            "plone.translatable",
            "plone.textindexer",
            "socialhub.web",
            "socialhub.contact",
        ):
            self.assertIn(behavior, fti.behaviors)

    def test_catalog_indexes_and_columns(self):
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(catalog.Indexes["is_funder"].meta_type, "BooleanIndex")
        self.assertEqual(catalog.Indexes["founded_year"].meta_type, "FieldIndex")
        self.assertEqual(
            catalog.Indexes["headquarters_country"].meta_type, "FieldIndex"
        )
        self.assertEqual(catalog.Indexes["membership_uids"].meta_type, "KeywordIndex")
        for column in ("acronym", "is_funder", "founded_year", "headquarters_country"):
            self.assertIn(column, catalog.schema())
        for column in ("contact_person", "contact_email", "contact_phone"):
            self.assertNotIn(column, catalog.schema())
            self.assertNotIn(column, catalog.indexes())

    def test_catalog_data_of_an_actor(self):
        section = self.portal["en"]["actors"]
        network = api.content.create(container=section, type="Actor", title="Network")
        actor = api.content.create(
            container=section,
            type="Actor",
            title="International Labour Organization",
            acronym="ILO",
            headquarters_country="CH",
            founded_year=1919,
            is_funder=True,
        )
        api.relation.create(source=actor, target=network, relationship="memberships")
        actor.reindexObject()
        [brain] = api.content.find(portal_type="Actor", is_funder=True)
        self.assertEqual(
            (
                brain.acronym,
                brain.is_funder,
                brain.founded_year,
                brain.headquarters_country,
            ),
            ("ILO", True, 1919, "CH"),
        )
        self.assertEqual(
            [b.getObject() for b in api.content.find(membership_uids=network.UID())],
            [actor],
        )
        self.assertEqual(len(api.content.find(SearchableText="ILO")), 1)


class TestActorsUninstall(unittest.TestCase):
    layer = SOCIALHUB_ACTORS_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        installer = get_installer(self.portal, self.layer["request"])
        installer.uninstall_product("socialhub.actors")
        self.installer = installer

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.actors"))
        self.assertNotIn(IActorsLayer, registered_layers())
        self.assertIsNone(queryUtility(IDexterityFTI, name="Actor"))
        section_fti = getUtility(IDexterityFTI, name="Section")
        self.assertNotIn("Actor", section_fti.allowed_content_types)
        versionable = api.portal.get_tool(
            "portal_repository"
        ).getVersionableContentTypes()
        self.assertNotIn("Actor", versionable)
