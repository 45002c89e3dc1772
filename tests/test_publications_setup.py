"""socialhub.publications installs its type and sections, and uninstalls."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.publications.interfaces import IPublicationsLayer
from socialhub.testing import assert_sections
from socialhub.testing import SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING
from zope.component import getUtility
from zope.component import queryUtility

import unittest


SECTION_TITLES = {"en": "Publications", "fr": "Publications", "es": "Publicaciones"}


class TestPublicationsInstall(unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed("socialhub.publications"))
        self.assertIn(IPublicationsLayer, registered_layers())

    def test_section_in_every_language_with_translated_title(self):
        assert_sections(self, "publications", SECTION_TITLES)

    def test_publication_addable_only_in_its_section(self):
        section = self.portal["en"]["publications"]
        self.assertEqual(
            [fti.getId() for fti in section.allowedContentTypes()], ["Publication"]
        )
        self.assertNotIn(
            "Publication",
            [fti.getId() for fti in self.portal["en"].allowedContentTypes()],
        )
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertNotIn(
            "Publication", [fti.getId() for fti in folder.allowedContentTypes()]
        )

    def test_fti(self):
        fti = getUtility(IDexterityFTI, name="Publication")
        self.assertIn("plone.translatable", fti.behaviors)
        self.assertIn("socialhub.languages", fti.behaviors)


class TestPublicationsUninstall(unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        installer = get_installer(self.portal, self.layer["request"])
        installer.uninstall_product("socialhub.publications")
        self.installer = installer

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.publications"))
        self.assertNotIn(IPublicationsLayer, registered_layers())
        self.assertIsNone(queryUtility(IDexterityFTI, name="Publication"))
        section_fti = getUtility(IDexterityFTI, name="Section")
        self.assertNotIn("Publication", section_fti.allowed_content_types)
        versionable = api.portal.get_tool(
            "portal_repository"
        ).getVersionableContentTypes()
        self.assertNotIn("Publication", versionable)
