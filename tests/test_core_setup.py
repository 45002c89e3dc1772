"""socialhub.core installs, hides its uninstall profile and uninstalls cleanly."""

from plone import api
from plone.base.interfaces import INonInstallable
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.testing import SOCIALHUB_CORE_INTEGRATION_TESTING
from zope.component import getUtilitiesFor

import unittest


class TestCoreInstall(unittest.TestCase):
    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.installer = get_installer(self.portal, self.layer["request"])

    def test_installed(self):
        self.assertTrue(self.installer.is_product_installed("socialhub.core"))

    def test_browser_layer_registered(self):
        self.assertIn(ISocialHubCoreLayer, registered_layers())

    def test_contact_details_readable_by_owner_editor_reviewer_only(self):
        roles = {
            role["name"]
            for role in self.portal.rolesOfPermission("socialhub: View contact details")
            if role["selected"]
        }
        self.assertEqual(
            roles, {"Owner", "Editor", "Reviewer", "Site Administrator", "Manager"}
        )

    def test_uninstall_profile_hidden_from_addon_lists(self):
        hidden = {
            profile
            for _name, utility in getUtilitiesFor(INonInstallable)
            for profile in utility.getNonInstallableProfiles()
        }
        self.assertIn("socialhub.core:uninstall", hidden)
        self.assertNotIn("socialhub.core:default", hidden)


class TestCoreUninstall(unittest.TestCase):
    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.installer = get_installer(self.portal, self.layer["request"])
        self.installer.uninstall_product("socialhub.core")

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.core"))

    def test_browser_layer_removed(self):
        self.assertNotIn(ISocialHubCoreLayer, registered_layers())

    def test_translator_role_and_empty_group_removed(self):
        self.assertNotIn("Translator", self.portal.validRoles())
        self.assertIsNone(api.group.get(groupname="translators"))
        self.assertNotIn(
            "Translator", self.portal.acl_users.portal_role_manager.listRoleIds()
        )


class TestCoreUninstallKeepsTranslators(unittest.TestCase):
    """A translators group with members stays, without the role, until reinstalled."""

    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def test_group_with_members(self):
        portal = self.layer["portal"]
        installer = get_installer(portal, self.layer["request"])
        api.user.create(email="t@example.org", username="tina", password="tina-pw-1")
        api.group.add_user(groupname="translators", username="tina")

        installer.uninstall_product("socialhub.core")
        group = api.group.get(groupname="translators")
        self.assertEqual(group.getGroupMemberIds(), ["tina"])
        self.assertNotIn("Translator", group.getRoles())

        installer.install_product("socialhub.core")
        group = api.group.get(groupname="translators")
        self.assertIn("Translator", group.getRoles())
        self.assertIn("Translator", api.user.get_roles(username="tina", obj=portal))
