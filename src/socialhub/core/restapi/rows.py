"""Rows that point to records show the UID only to those who may View it.

A person row's ``person`` and an affiliation's ``organisation`` hold the
UID of a record that may be private: for a reader who may not View it the
key is left out of the row, as the relation serializers leave out such
targets (:mod:`socialhub.core.restapi.relations`).
"""

from plone import api
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from socialhub.core.fields import IRowList
from socialhub.core.interfaces import ISocialHubCoreLayer
from zope.component import adapter
from zope.interface import implementer


def viewable_uids(uids):
    """The subset of ``uids`` whose items the current user may View."""
    uids = sorted({uid for uid in uids if isinstance(uid, str) and uid})
    if not uids:
        return set()
    catalog = api.portal.get_tool("portal_catalog")
    return {brain.UID for brain in catalog.searchResults(UID=uids)}


def record_urls(uids, language=None):
    """``{uid: address}`` of the items of ``uids`` the current user may View.

    With ``language``, the address is that of the item's translation in
    ``language`` when the user may View one: a row of a language-independent
    field may hold the UID of the record in another language.
    """
    uids = sorted({uid for uid in uids if isinstance(uid, str) and uid})
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(UID=uids)
    urls = {brain.UID: brain.getURL() for brain in brains}
    groups = {
        brain.UID: brain.TranslationGroup
        for brain in brains
        if language and brain.Language != language and brain.TranslationGroup
    }
    if groups:
        translated = {
            brain.TranslationGroup: brain.getURL()
            for brain in catalog.searchResults(
                TranslationGroup=sorted(set(groups.values())), Language=language
            )
        }
        for uid, group in groups.items():
            urls[uid] = translated.get(group, urls[uid])
    return urls


def viewable_rows(rows, record_keys):
    """Copies of ``rows`` without the record UIDs the user may not View."""
    rows = [dict(row) for row in rows or () if isinstance(row, dict)]
    if not record_keys:
        return rows
    visible = viewable_uids(row.get(key) for row in rows for key in record_keys)
    for row in rows:
        for key in record_keys:
            if key in row and row[key] not in visible:
                del row[key]
    return rows


@adapter(IRowList, IDexterityContent, ISocialHubCoreLayer)
@implementer(IFieldSerializer)
class ViewableRowsSerializer(DefaultFieldSerializer):
    """The rows, without the record UIDs the requester may not View."""

    def __call__(self):
        return json_compatible(viewable_rows(self.get_value(), self.field.record_keys))
