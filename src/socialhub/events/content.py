"""SocialHub's Event: Plone's own, whose missing attributes are found at once."""

from Acquisition import aq_base
from plone.app.contenttypes.content import Event as PloneEvent
from socialhub.core.content import change_class
from socialhub.core.content import SchemaDefaults


class Event(SchemaDefaults, PloneEvent):
    """Plone's Event (plone.app.contenttypes), its schema, views and iCalendar.

    An event has Plone's event behaviours, SocialHub's and three taxonomies,
    and most of their fields unset: each was Dexterity's search through
    every behaviour schema at every GET and catalog column (see
    :mod:`socialhub.core.content`).
    """


def upgrade_events(portal):
    """Give every event of the site that is Plone's Event SocialHub's class."""
    catalog = portal.portal_catalog
    for brain in catalog.unrestrictedSearchResults(portal_type="Event"):
        event = brain._unrestrictedGetObject()
        if type(aq_base(event)) is PloneEvent:
            change_class(event, Event)
