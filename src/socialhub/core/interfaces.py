"""Interfaces shared by every SocialHub plugin."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISocialHubCoreLayer(IDefaultBrowserLayer):
    """Browser layer of socialhub.core, active once its profile is installed.

    Every plugin's own layer extends this one, so a view or service registered
    for the core layer is available wherever any SocialHub plugin is installed.
    """
