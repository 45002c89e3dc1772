"""Upgrade the site profile to 1001: the Classic UI themed with Barceloneta,
the sections in the navigation, Upcoming Events in the page's language."""

from plone import api
from plone.app.theming.interfaces import IThemeSettings
from plone.registry.interfaces import IRegistry
from socialhub.core.sections import SECTION_TYPE
from socialhub.profiles.setuphandlers import setup_site
from socialhub.site import CLASSIC_UI_PROFILES
from zope.component import getUtility


BARCELONETA_PROFILE = "plonetheme.barceloneta:default"
#: plone.app.theming leaves this host unthemed by default; `make start`
#: serves the site on it.
LOOPBACK = "127.0.0.1"


def use_classic_ui_theme(setup_tool):
    """Theme a site created before the site profile installed Barceloneta.

    Installs the profiles of plone.classicui's base that the site lacks, so
    that a site with theming turned off gets Barceloneta's theme, and themes
    the pages served on 127.0.0.1: no page of a SocialHub site is unstyled.
    A site with a theme enabled keeps it.
    """
    themed = _theme_settings().enabled
    for profile in CLASSIC_UI_PROFILES:
        if themed and profile == BARCELONETA_PROFILE:
            continue  # its theme.xml would replace the site's theme
        if setup_tool.getLastVersionForProfile(profile) == "unknown":
            setup_tool.runAllImportStepsFromProfile(f"profile-{profile}")
    settings = _theme_settings()
    if not settings.enabled:
        # Barceloneta's profile installed once, its theme turned off since.
        setup_tool.runImportStepFromProfile(
            f"profile-{BARCELONETA_PROFILE}", "plone.app.theming"
        )
    blacklist = settings.hostnameBlacklist or []
    if LOOPBACK in blacklist:
        settings.hostnameBlacklist = [host for host in blacklist if host != LOOPBACK]


def _theme_settings():
    return getUtility(IRegistry).forInterface(IThemeSettings, False)


def navigation_and_events(setup_tool):
    """Sections in the global navigation, one level, in order, events not
    navigation items; each language
    root its own Upcoming Events portlet (the site profile's post handler,
    :func:`socialhub.profiles.setuphandlers.setup_site`)."""
    displayed = api.portal.get_registry_record("plone.displayed_types")
    if SECTION_TYPE not in displayed:
        api.portal.set_registry_record(
            "plone.displayed_types", (*displayed, SECTION_TYPE)
        )
    api.portal.set_registry_record("plone.navigation_depth", 1)
    setup_site(setup_tool)
