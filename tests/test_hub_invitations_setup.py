"""Installing invitations: the secretariat's permission, menu entry and
settings, and the hub profile's upgrade to 1002 that brings them (#19)."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING

import unittest


PROFILE = "socialhub.hub:default"
PERMISSION = "socialhub: Invite organisations"
SECRETARIAT = ["Manager", "Reviewer", "Site Administrator"]
RECORDS = {
    "socialhub.hub.invitation_expiry_days": 30,
    "socialhub.hub.invitation_reminder_days": 7,
}


def roles_of(portal, permission):
    return sorted(
        role["name"]
        for role in portal.rolesOfPermission(permission)
        if role["selected"]
    )


class TestInvitationsInstalled(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def assert_installed(self):
        self.assertEqual(roles_of(self.portal, PERMISSION), SECRETARIAT)
        for name, value in RECORDS.items():
            with self.subTest(record=name):
                self.assertEqual(api.portal.get_registry_record(name), value)
        action = api.portal.get_tool("portal_actions").user["invitations"]
        self.assertEqual(action.permissions, (PERMISSION,))
        self.assertIn("@@invitations", action.url_expr)

    def test_installed(self):
        self.assert_installed()
        setup_tool = api.portal.get_tool("portal_setup")
        self.assertEqual(
            setup_tool.getLastVersionForProfile(PROFILE),
            (setup_tool.getVersionForProfile(PROFILE),),
        )

    def test_upgrade_to_1002(self):
        self.portal.manage_permission(PERMISSION, [], acquire=True)
        del api.portal.get_tool("portal_actions").user["invitations"]
        registry = self.portal.portal_registry
        for name in RECORDS:
            del registry.records[name]
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "1001")
        setup_tool.upgradeProfile(PROFILE, "1002")
        self.assert_installed()
        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), ("1002",))

    def test_uninstall_removes_the_menu_entry_and_settings(self):
        get_installer(self.portal, self.layer["request"]).uninstall_product(
            "socialhub.hub"
        )
        self.assertNotIn("invitations", api.portal.get_tool("portal_actions").user)
        for name in RECORDS:
            self.assertIsNone(api.portal.get_registry_record(name, default=None))
