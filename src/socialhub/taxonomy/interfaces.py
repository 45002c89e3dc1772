"""Interfaces of the taxonomy plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class ITaxonomyLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.taxonomy."""
