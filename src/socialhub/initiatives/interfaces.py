"""Interfaces of the initiatives plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IInitiativesLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.initiatives."""
