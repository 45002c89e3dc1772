"""Catalog data of people, so a page finds a person's works in one query."""

from plone.dexterity.utils import iterSchemata
from plone.indexer import indexer
from socialhub.core.fields import IPersonList
from socialhub.core.interfaces import ISocialHubContent
from socialhub.people.content.person import IPerson
from zope.schema import getFields


@indexer(ISocialHubContent)
def person_uids(obj):
    """The Person UIDs the item's people rows point to (authors, speakers...).

    Indexed in the KeywordIndex ``person_uids``: a Person's page lists
    their publications, courses and events with one catalog query.
    """
    uids = []
    for schema in iterSchemata(obj):
        for name, field in getFields(schema).items():
            if not IPersonList.providedBy(field):
                continue
            for row in getattr(obj, name, None) or ():
                uid = row.get("person") if isinstance(row, dict) else None
                if uid and uid not in uids:
                    uids.append(uid)
    if not uids:
        raise AttributeError("person_uids")
    return uids


@indexer(IPerson)
def affiliation_uids(obj):
    """The UIDs of the organisations a person is affiliated with."""
    rows = obj.affiliations or ()
    uids = [row["organisation"] for row in rows if row.get("organisation")]
    if not uids:
        raise AttributeError("affiliation_uids")
    return uids
