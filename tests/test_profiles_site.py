"""The site profile installs the suite with English, French and Spanish roots."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from xml.etree import ElementTree

import unittest


LANGUAGE_ROOTS = {"en": "English", "fr": "Français", "es": "Español"}


class TestSiteProfile(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.setup_tool = self.portal.portal_setup

    def test_languages(self):
        self.assertEqual(
            api.portal.get_registry_record("plone.available_languages"),
            ["en", "fr", "es"],
        )
        self.assertEqual(api.portal.get_registry_record("plone.default_language"), "en")

    def test_language_roots_are_published_translations_of_each_other(self):
        for code, title in LANGUAGE_ROOTS.items():
            root = self.portal[code]
            self.assertEqual(root.portal_type, "LRF")
            self.assertEqual(root.Title(), title)
            self.assertEqual(root.Language(), code)
            self.assertEqual(api.content.get_state(root), "published")
        self.assertEqual(
            set(ITranslationManager(self.portal["en"]).get_translations()),
            set(LANGUAGE_ROOTS),
        )

    def test_dependencies_installed(self):
        for profile in (
            "plone.restapi:default",
            "plone.app.multilingual:default",
            "collective.taxonomy:default",
            "socialhub.core:default",
            "socialhub.profiles:site",
        ):
            with self.subTest(profile=profile):
                self.assertNotEqual(
                    self.setup_tool.getLastVersionForProfile(profile), "unknown"
                )

    def test_every_socialhub_profile_is_at_its_metadata_version(self):
        """An installed profile never lags behind its metadata.xml.

        When a profile's version is raised without an upgrade step reaching it,
        existing sites would be left behind: this test catches it.
        """
        profiles = [
            info
            for info in self.setup_tool.listProfileInfo()
            if info["id"].startswith("socialhub.")
            and self.setup_tool.getLastVersionForProfile(info["id"]) != "unknown"
        ]
        self.assertGreaterEqual(len(profiles), 2)
        for info in profiles:
            with self.subTest(profile=info["id"]):
                metadata = ElementTree.parse(f"{info['path']}/metadata.xml")
                self.assertEqual(
                    self.setup_tool.getLastVersionForProfile(info["id"]),
                    (metadata.findtext("version"),),
                )
                self.assertEqual(self.setup_tool.listUpgrades(info["id"]), [])


class TestSiteOverREST(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def test_anonymous_reads_each_language_root(self):
        anonymous = api_session(self.layer, self, auth=None)
        for code, title in LANGUAGE_ROOTS.items():
            with self.subTest(language=code):
                response = anonymous.get(code)
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["title"], title)
                self.assertEqual(response.json()["language"]["token"], code)

    def test_addons_lists_socialhub_installed(self):
        manager = api_session(self.layer, self, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        response = manager.get("@addons")
        self.assertEqual(response.status_code, 200, response.text)
        addons = {item["id"]: item for item in response.json()["items"]}
        self.assertTrue(addons["socialhub.core"]["is_installed"])
