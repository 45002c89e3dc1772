"""Interfaces of the publications plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IPublicationsLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.publications."""
