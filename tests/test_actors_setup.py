"""socialhub.actors installs its type, sections and catalog data, and uninstalls."""

from plone import api
from socialhub.actors.interfaces import IActorsLayer
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_ACTORS_INTEGRATION_TESTING

import unittest


SECTION_TITLES = {"en": "Organisations", "fr": "Organisations", "es": "Organizaciones"}


class TestActorsInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_ACTORS_INTEGRATION_TESTING
    product = "socialhub.actors"
    browser_layer = IActorsLayer
    section_id = "actors"
    section_titles = SECTION_TITLES

    def test_actor_addable_only_in_its_section(self):
        self.assert_addable_only_in_section("Actor")

    def test_fti(self):
        self.assert_behaviors(
            "Actor",
            (
                "plone.translatable",
                "plone.textindexer",
                "socialhub.web",
                "socialhub.contact",
            ),
        )

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


class TestActorsUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_ACTORS_INTEGRATION_TESTING
    product = "socialhub.actors"
    browser_layer = IActorsLayer
    portal_types = ("Actor",)
