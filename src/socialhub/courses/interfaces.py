"""Interfaces of the courses plugin."""

from socialhub.core.interfaces import ISocialHubCoreLayer


class ICoursesLayer(ISocialHubCoreLayer):
    """Browser layer of socialhub.courses."""
