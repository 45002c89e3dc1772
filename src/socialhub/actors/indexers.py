"""Catalog data of actors, so listings never need full objects."""

from plone.indexer import indexer
from plone.uuid.interfaces import IUUID
from socialhub.actors.content.actor import IActor


@indexer(IActor)
def membership_uids(obj):
    """The UIDs of the organisations this one is a member of.

    Lets a network's page list its members with one catalog query.
    """
    targets = (relation.to_object for relation in obj.memberships or ())
    return [IUUID(target) for target in targets if target is not None]
