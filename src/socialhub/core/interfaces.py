"""Interfaces shared by every SocialHub plugin."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISocialHubCoreLayer(IDefaultBrowserLayer):
    """Browser layer of socialhub.core, active once its profile is installed.

    Every plugin's own layer extends this one, so a view or service registered
    for the core layer is available wherever any SocialHub plugin is installed.
    """


class ISocialHubContent(Interface):
    """Marker of every SocialHub content type (and of Events with the
    SocialHub event behaviour).

    Its REST deserializer refuses properties that no field of the type knows,
    where stock plone.restapi ignores them silently.
    """
