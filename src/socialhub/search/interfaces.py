"""Interfaces of the search plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class ISearchLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.search."""
