"""socialhub.people installs its type, section and catalog data, and uninstalls."""

from plone import api
from socialhub.people.interfaces import IPeopleLayer
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_PEOPLE_INTEGRATION_TESTING

import unittest


SECTION_TITLES = {"en": "People", "fr": "Personnes", "es": "Personas"}
ORCID = "0000-0002-1825-0097"


class TestPeopleInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_PEOPLE_INTEGRATION_TESTING
    product = "socialhub.people"
    browser_layer = IPeopleLayer
    section_id = "people"
    section_titles = SECTION_TITLES

    def test_person_addable_only_in_its_section(self):
        self.assert_addable_only_in_section("Person")

    def test_fti(self):
        self.assert_behaviors(
            "Person",
            (
                "plone.translatable",
                "plone.textindexer",
                "socialhub.web",
                "socialhub.contact",
                "socialhub.people.account",
                "collective.taxonomy.generated.themes",
                "collective.taxonomy.generated.geography",
                "collective.taxonomy.generated.community_roles",
            ),
        )

    def test_catalog_indexes_and_columns(self):
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(catalog.Indexes["person_uids"].meta_type, "KeywordIndex")
        self.assertEqual(catalog.Indexes["affiliation_uids"].meta_type, "KeywordIndex")
        self.assertEqual(
            catalog.Indexes["available_to_media"].meta_type, "BooleanIndex"
        )
        for column in ("orcid", "available_to_media"):
            self.assertIn(column, catalog.schema())
        for column in ("contact_person", "contact_email", "contact_phone", "member_id"):
            self.assertNotIn(column, catalog.schema())
            self.assertNotIn(column, catalog.indexes())

    def test_catalog_data_of_a_person(self):
        person = api.content.create(
            container=self.portal["en"]["people"],
            type="Person",
            title="Amina Diallo",
            orcid=ORCID,
            available_to_media=True,
            taxonomy_community_roles=["advisory-board"],
        )
        [brain] = api.content.find(portal_type="Person", available_to_media=True)
        self.assertEqual((brain.getObject(), brain.orcid), (person, ORCID))
        self.assertEqual(
            len(api.content.find(taxonomy_community_roles="advisory-board")), 1
        )
        self.assertEqual(len(api.content.find(SearchableText="Diallo")), 1)


class TestPeopleUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_PEOPLE_INTEGRATION_TESTING
    product = "socialhub.people"
    browser_layer = IPeopleLayer
    portal_types = ("Person",)
