"""Catalog data of publications, so listings never need full objects."""

from plone.indexer import indexer
from socialhub.publications.content.publication import IPublication


@indexer(IPublication)
def author_names(obj):
    """The authors' names, in order, for listing cards."""
    return [person["name"] for person in obj.authors or ()]
