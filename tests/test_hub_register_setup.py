"""Self-registration's settings, index and link: installed, upgraded, removed;
what duplicates compare."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.registry.interfaces import IRegistry
from socialhub.hub import duplicates
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from zope.component import getUtility

import unittest


HUB = "socialhub.hub:default"
PREFIX = "socialhub.hub.registration"


class TestRegistrationSetup(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.catalog = api.portal.get_tool("portal_catalog")

    def user_actions(self):
        return api.portal.get_tool("portal_actions").user.objectIds()

    def test_installed(self):
        self.assertEqual(
            api.portal.get_registry_record(f"{PREFIX}.registration_limit"), 5
        )
        self.assertEqual(
            api.portal.get_registry_record(f"{PREFIX}.terms_page"), "terms"
        )
        self.assertIn(duplicates.DOMAIN_INDEX, self.catalog.indexes())
        self.assertIn("register-organisation", self.user_actions())

    def test_upgrade_to_1001(self):
        actor = api.content.create(
            container=self.portal.en.actors,
            type="Actor",
            title="Before the upgrade",
            website="https://www.before.example.org/x",
        )
        registry = getUtility(IRegistry)
        for name in [key for key in registry.records.keys() if key.startswith(PREFIX)]:
            del registry.records[name]
        self.catalog.delIndex(duplicates.DOMAIN_INDEX)
        api.portal.get_tool("portal_actions").user.manage_delObjects(
            ["register-organisation"]
        )
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(HUB, "1000")
        setup_tool.upgradeProfile(HUB, "1001")
        self.assertEqual(setup_tool.getLastVersionForProfile(HUB), ("1001",))
        self.assertEqual(api.portal.get_registry_record(f"{PREFIX}.claim_limit"), 3)
        self.assertIn("register-organisation", self.user_actions())
        found = self.catalog.unrestrictedSearchResults(
            website_domain="before.example.org"
        )
        self.assertEqual([brain.UID for brain in found], [actor.UID()])

    def test_uninstall_removes_them(self):
        get_installer(self.portal, self.layer["request"]).uninstall_product(
            "socialhub.hub"
        )
        registry = getUtility(IRegistry)
        self.assertFalse(
            [key for key in registry.records.keys() if key.startswith(PREFIX)]
        )
        self.assertNotIn(duplicates.DOMAIN_INDEX, self.catalog.indexes())
        self.assertNotIn("register-organisation", self.user_actions())


class TestDuplicateRules(unittest.TestCase):
    def test_website_domain(self):
        for url, domain in (
            ("https://WWW.Ilo.org:443/fr", "ilo.org"),
            ("http://ilo.org", "ilo.org"),
            ("ilo.org/path", "ilo.org"),
            ("https://www2.ilo.org", "www2.ilo.org"),
            ("", ""),
            (None, ""),
            ("http://[bad", ""),
        ):
            with self.subTest(url=url):
                self.assertEqual(duplicates.website_domain(url), domain)

    def test_normalized_name(self):
        self.assertEqual(
            duplicates.normalized_name("L'Organisation Économique, S.A."),
            "economique organisation",
        )
        self.assertEqual(
            duplicates.normalized_name("The Horizon Foundation Ltd."),
            duplicates.normalized_name("horizon foundation"),
        )
        self.assertEqual(duplicates.normalized_name(None), "")

    def test_similar_names(self):
        similar = duplicates.similar_names
        name = duplicates.normalized_name
        self.assertTrue(
            similar(name("Fundación Horizonte"), name("Fundacion Horizonte"))
        )
        self.assertTrue(
            similar(
                name("Horizon Social Foundation"), name("Horizon Socail Foundation")
            )
        )
        self.assertFalse(similar(name("Region 1 Network"), name("Region 2 Network")))
        self.assertFalse(similar(name("ILO"), name("IOM")))
        self.assertFalse(similar(name("Oxfam"), name("Oxfam Intermón Spain")))
