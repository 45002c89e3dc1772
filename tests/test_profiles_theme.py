"""The Classic UI is themed with Barceloneta, as plone.classicui sets it up.

The suite's site and a site created before the theme, once upgraded, serve
every page with Barceloneta's CSS: to Anonymous and to an editor, in English,
French and Spanish, on the login form and in a control panel. The site that
``make start`` creates is checked by tests/test_e2e_start.py.
"""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.theming.interfaces import IThemeSettings
from plone.app.theming.utils import applyTheme
from plone.registry.interfaces import IRegistry
from plone.restapi.testing import RelativeSession
from socialhub.site import CLASSIC_UI_PROFILES
from socialhub.site import EXTENSION_PROFILES
from socialhub.site import SITE_PROFILE
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from zope.component import getUtility

import transaction
import unittest


EDITOR = ("theme-editor", "theme-editor-password")
#: What Barceloneta's theme puts in every page's <head>: its compiled CSS,
#: as the "diazo" bundle of Plone's resource registry.
BARCELONETA_CSS = "++theme++barceloneta/css/barceloneta.min.css"
#: Pages an editor sees: the language roots, the login form, a control panel.
PAGES = ("en", "fr", "es", "login", "@@language-controlpanel")


def loopback_url(portal):
    """The site's URL on 127.0.0.1, where `make start` serves it."""
    return portal.absolute_url().replace("//localhost:", "//127.0.0.1:", 1)


def stylesheets(response):
    """The ``href`` of every stylesheet linked in an HTML page's <head>."""
    tree = html.fromstring(response.content)
    return tree.xpath("/html/head/link[@rel='stylesheet']/@href")


class ThemedPagesMixin:
    """Assertions on the HTML pages of a site served by a functional layer."""

    def html_session(self, site_url, auth=None):
        session = RelativeSession(site_url, test=self)
        session.headers["Accept"] = "text/html"
        session.auth = auth
        return session

    def add_editor(self):
        """An editor of the current site, who may use its control panels."""
        api.user.create(
            email="theme-editor@example.org",
            username=EDITOR[0],
            password=EDITOR[1],
            roles=("Member", "Editor", "Site Administrator"),
        )

    def assert_themed(self, session, path):
        response = session.get(path)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("text/html", response.headers["Content-Type"])
        themed = [href for href in stylesheets(response) if BARCELONETA_CSS in href]
        self.assertEqual(len(themed), 1, stylesheets(response))
        # Diazo's rules put the content into Barceloneta's page: its navbar.
        tree = html.fromstring(response.content)
        self.assertTrue(tree.xpath("//nav[contains(@class, 'navbar-barceloneta')]"))
        return response

    def assert_site_themed(self, site_url):
        settings = getUtility(IRegistry).forInterface(IThemeSettings, False)
        self.assertTrue(settings.enabled)
        self.assertEqual(settings.currentTheme, "barceloneta")
        self.assertEqual(settings.hostnameBlacklist, [])
        anonymous = self.html_session(site_url)
        editor = self.html_session(site_url, auth=EDITOR)
        for path in PAGES:
            with self.subTest(user="Anonymous", path=path):
                response = self.assert_themed(anonymous, path)
                if path.startswith("@@"):
                    # A control panel sends Anonymous to the login form.
                    self.assertIn("/login?came_from=", response.url)
            with self.subTest(user="editor", path=path):
                response = self.assert_themed(editor, path)
                self.assertEqual(response.url, f"{site_url}/{path}")
                if path.startswith("@@"):
                    self.assertIn('id="content"', response.text)


class TestSiteIsThemed(ThemedPagesMixin, unittest.TestCase):
    """The site profile makes a Classic UI site themed with Barceloneta."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def test_extension_profiles_are_plone_classicui_base_then_the_site(self):
        # plone.classicui 2.0.0's distributions/classic/profiles.json "base".
        self.assertEqual(
            CLASSIC_UI_PROFILES,
            (
                "plone.app.contenttypes:default",
                "plone.app.layout:default",
                "plonetheme.barceloneta:default",
            ),
        )
        self.assertEqual(EXTENSION_PROFILES, (*CLASSIC_UI_PROFILES, SITE_PROFILE))

    def test_site_profile_depends_on_the_theme(self):
        """Applying the site profile alone themes a site (the layers do)."""
        setup_tool = self.layer["portal"].portal_setup
        dependencies = setup_tool.getDependenciesForProfile(f"profile-{SITE_PROFILE}")
        for profile in CLASSIC_UI_PROFILES[1:]:
            self.assertIn(f"profile-{profile}", dependencies)

    def test_site_serves_themed_pages(self):
        self.add_editor()
        transaction.commit()
        portal = self.layer["portal"]
        self.assert_site_themed(loopback_url(portal))


class TestUpgradedSiteIsThemed(ThemedPagesMixin, unittest.TestCase):
    """site 1000 -> 1001: a site made without a theme gets Barceloneta."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.setup_tool = self.portal.portal_setup
        # A site as version 1000 of the site profile left it: created with
        # plone.app.contenttypes' profile only, so no Barceloneta, no theme.
        applyTheme(None)
        settings = getUtility(IRegistry).forInterface(IThemeSettings, False)
        settings.enabled = False
        settings.hostnameBlacklist = ["127.0.0.1"]  # plone.app.theming's default
        for profile in CLASSIC_UI_PROFILES[1:]:
            self.setup_tool.unsetLastVersionForProfile(profile)
        self.setup_tool.setLastVersionForProfile(SITE_PROFILE, "1000")
        self.add_editor()
        transaction.commit()

    def test_unthemed_site_serves_unstyled_pages(self):
        """What the upgrade repairs: no Barceloneta CSS, no navbar."""
        response = self.html_session(loopback_url(self.portal)).get("fr")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(
            [href for href in stylesheets(response) if BARCELONETA_CSS in href]
        )
        self.assertNotIn("navbar-barceloneta", response.text)

    def test_upgrade_themes_the_site(self):
        self.setup_tool.upgradeProfile(SITE_PROFILE)
        self.assertEqual(
            self.setup_tool.getLastVersionForProfile(SITE_PROFILE), ("1002",)
        )
        self.assertEqual(self.setup_tool.listUpgrades(SITE_PROFILE), [])
        for profile in CLASSIC_UI_PROFILES:
            with self.subTest(profile=profile):
                self.assertNotEqual(
                    self.setup_tool.getLastVersionForProfile(profile), "unknown"
                )
        transaction.commit()
        self.assert_site_themed(loopback_url(self.portal))

    def test_upgrade_keeps_another_enabled_theme(self):
        settings = getUtility(IRegistry).forInterface(IThemeSettings, False)
        settings.enabled = True
        settings.currentTheme = "another-theme"
        self.setup_tool.upgradeProfile(SITE_PROFILE)
        self.assertTrue(settings.enabled)
        self.assertEqual(settings.currentTheme, "another-theme")


class TestAdminStaysThemed(ThemedPagesMixin, unittest.TestCase):
    """The site owner (a Zope Manager) gets the themed control panels too."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def test_manager_control_panel(self):
        session = self.html_session(
            loopback_url(self.layer["portal"]),
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        )
        self.assert_themed(session, "@@overview-controlpanel")


if __name__ == "__main__":
    unittest.main()
