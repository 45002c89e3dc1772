"""Catalog data of initiatives, so listings never need full objects."""

from plone.indexer import indexer
from socialhub.initiatives.content.initiative import IInitiative


def _value(value):
    """``value``, or AttributeError so the catalog skips an empty one."""
    if value is None:
        raise AttributeError
    return value


@indexer(IInitiative)
def initiative_status(obj):
    """The status token: planned, ongoing, completed or discontinued."""
    return _value(obj.status)


@indexer(IInitiative)
def initiative_start(obj):
    """The date the initiative starts."""
    return _value(obj.start)


@indexer(IInitiative)
def initiative_end(obj):
    """The date the initiative ends."""
    return _value(obj.end)
