"""Interfaces of the actors plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class IActorsLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.actors."""
