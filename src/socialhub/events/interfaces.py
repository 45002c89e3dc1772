"""Interfaces of the events plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IEventsLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.events."""
