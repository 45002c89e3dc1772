"""Interfaces shared by every SocialHub plugin."""

from zope.interface import Attribute
from zope.interface import implementer
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


class ICardFields(Interface):
    """What a listing card of one content type shows besides the common fields.

    A plugin registers one (a :class:`CardFields`) as a utility named after
    the portal_type; the
    ``@listing`` endpoint of socialhub.search looks it up by the brain's
    ``portal_type`` and copies these catalog metadata columns into the card,
    so a listing never wakes an object.
    """

    fields = Attribute("The names of the catalog metadata columns, in order.")


@implementer(ICardFields)
class CardFields:
    """The card columns of one content type: ``CardFields("acronym", ...)``."""

    def __init__(self, *fields):
        self.fields = fields
