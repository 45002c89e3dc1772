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


class TestHubUpgradeTo1003(unittest.TestCase):
    """hub 1002 -> 1003: verification partners and reports."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_upgrade_adds_permissions_settings_and_the_queue_link(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal.manage_permission("socialhub: Manage reports", [], acquire=1)
        registry = portal.portal_registry
        del registry.records["socialhub.hub.reports_threshold"]
        portal.portal_actions.user.manage_delObjects(["reports-queue"])
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile("socialhub.hub:default", "1002")
        setup_tool.upgradeProfile("socialhub.hub:default", "1003")
        self.assertIn(
            "Reviewer",
            [
                r["name"]
                for r in portal.rolesOfPermission("socialhub: Manage reports")
                if r["selected"]
            ],
        )
        self.assertIn("Verifier", portal.valid_roles())
        self.assertEqual(
            api.portal.get_registry_record("socialhub.hub.reports_threshold"), 3
        )
        self.assertIn("reports-queue", portal.portal_actions.user.objectIds())


class TestHubUpgradeTo1004(unittest.TestCase):
    """hub 1003 -> 1004: the verification partners page in the toolbar."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_upgrade_adds_the_partners_link(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal.portal_actions.user.manage_delObjects(["verification-partners"])
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile("socialhub.hub:default", "1003")
        setup_tool.upgradeProfile("socialhub.hub:default", "1004")
        action = portal.portal_actions.user["verification-partners"]
        self.assertEqual(
            action.getProperty("permissions"),
            ("socialhub: Manage verification partners",),
        )
        self.assertEqual(
            setup_tool.getLastVersionForProfile("socialhub.hub:default"), ("1004",)
        )


class TestPoliciesUpgradeTo1003(unittest.TestCase):
    """policies 1002 -> 1003: verifiers see organisations waiting for verification."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_upgrade_maps_the_new_permissions_on_existing_organisations(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        actor = api.content.create(
            container=portal["en"]["actors"], type="Actor", title="Waiting"
        )
        api.content.transition(obj=actor, transition="submit_for_verification")
        actor.manage_permission("View", ["Owner", "Reviewer"], acquire=0)
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile("socialhub.policies:default", "1002")
        setup_tool.upgradeProfile("socialhub.policies:default", "1003")
        roles = [r["name"] for r in actor.rolesOfPermission("View") if r["selected"]]
        self.assertIn("Verifier", roles)
        self.assertIn("Editor", roles)
