"""socialhub.publications installs its type and sections, and uninstalls."""

from socialhub.publications.interfaces import IPublicationsLayer
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING

import unittest


SECTION_TITLES = {"en": "Publications", "fr": "Publications", "es": "Publicaciones"}


class TestPublicationsInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING
    product = "socialhub.publications"
    browser_layer = IPublicationsLayer
    section_id = "publications"
    section_titles = SECTION_TITLES

    def test_publication_addable_only_in_its_section(self):
        self.assert_addable_only_in_section("Publication")

    def test_fti(self):
        self.assert_behaviors(
            "Publication", ("plone.translatable", "socialhub.languages")
        )


class TestPublicationsUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING
    product = "socialhub.publications"
    browser_layer = IPublicationsLayer
    portal_types = ("Publication",)
