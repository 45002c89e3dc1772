"""Upgrade to 1001: events are SocialHub's Event class."""

from plone import api
from socialhub.events.content import upgrade_events


def use_socialhub_event_class(context):
    """Existing events become :class:`socialhub.events.content.Event`."""
    upgrade_events(api.portal.get())
