"""Installing and upgrading socialhub.hub, the project hub."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from socialhub.hub.interfaces import IHubLayer
from socialhub.testing import SOCIALHUB_HUB_INTEGRATION_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING

import unittest


SITE = "socialhub.profiles:site"


class TestHubInstalled(unittest.TestCase):
    layer = SOCIALHUB_HUB_INTEGRATION_TESTING

    def test_installed_with_what_it_needs(self):
        installer = get_installer(self.layer["portal"], self.layer["request"])
        for product in ("socialhub.hub", "socialhub.actors", "socialhub.initiatives"):
            with self.subTest(product=product):
                self.assertTrue(installer.is_product_installed(product))
        self.assertIn(IHubLayer, registered_layers())


class TestSiteUpgradeTo1002(unittest.TestCase):
    """site 1001 -> 1002: the project hub is installed."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_upgrade_installs_the_hub(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        installer = get_installer(portal, self.layer["request"])
        installer.uninstall_product("socialhub.hub")
        self.assertNotIn(IHubLayer, registered_layers())
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(SITE, "1001")
        setup_tool.upgradeProfile(SITE, "1002")
        self.assertTrue(installer.is_product_installed("socialhub.hub"))
        self.assertIn(IHubLayer, registered_layers())
        self.assertEqual(setup_tool.getLastVersionForProfile(SITE), ("1002",))
