"""Interfaces of the people plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IPeopleLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.people."""
