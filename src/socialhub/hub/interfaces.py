"""Interfaces of the project hub plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IHubLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.hub."""
