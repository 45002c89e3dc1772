"""Relation fields never show the requester an item they may not View.

plone.restapi 10 serializes the targets of relation fields without a
permission check, so a published item leaks the title and UID of a private
related item to Anonymous. These serializers, registered for the SocialHub
browser layer, drop such targets for every Dexterity type of the site,
stock ``relatedItems`` included.

They also make relations cheap to show: stock plone.restapi clones the
request and summarizes each target object (its workflow state asked of the
workflow tool), about 0.7 ms per relation. Here a target's summary comes
from its catalog record, read by path without a query: the same summary
(``@id``, ``@type``, ``title``, ``description``, ``review_state``,
``type_title``, ``UID``), in the field's order. When the summary serializer
of catalog records is plone.restapi's default one, the records are
summarized by :class:`RecordSummaries`, which does what that serializer
does with what it computes once per request (the summary fields, the
translated type titles) computed once.
"""

from AccessControl import getSecurityManager
from plone.app.contentlisting.interfaces import IContentListingObject
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from plone.restapi.serializer.relationfield import RelationChoiceFieldSerializer
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
from plone.restapi.serializer.utils import get_portal_type_title
from plone.uuid.interfaces import IUUID
from Products.CMFCore.permissions import View
from Products.CMFCore.utils import getToolByName
from Products.CMFCore.WorkflowCore import WorkflowException
from socialhub.core.interfaces import ISocialHubCoreLayer
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import getSiteManager
from zope.interface import implementer
from zope.interface import providedBy


_SUMMARIES_KEY = "socialhub.core.relations.summaries"


def viewable_summaries(relations, request, context=None):
    """Summaries of the relations' targets the requester may View, in order.

    Broken relations and targets the requester may not View are left out.
    ``context`` (any item of the site) finds the catalog; without it the
    first target does.
    """
    security = getSecurityManager()
    catalog = None
    summaries = []
    for relation in relations:
        target = relation.to_object if relation is not None else None
        if target is None or not security.checkPermission(View, target):
            continue
        if catalog is None:
            catalog = getToolByName(
                context if context is not None else target, "portal_catalog"
            )
        record = catalog_record(catalog, target)
        if record is None:
            summary = getMultiAdapter((target, request), ISerializeToJsonSummary)()
            summary["UID"] = IUUID(target)
            summaries.append(json_compatible(summary))
            continue
        summaries.append(record_summaries(request).summary(record, target))
    return summaries


def catalog_record(catalog, item):
    """The catalog brain of ``item``, read by its path; None if not cataloged."""
    record_id = catalog.getrid("/".join(item.getPhysicalPath()))
    return None if record_id is None else catalog._catalog[record_id]


def record_summaries(request):
    """The :class:`RecordSummaries` of ``request``, made at its first use."""
    annotations = IAnnotations(request, None)
    if annotations is None:
        return RecordSummaries(request)
    summaries = annotations.get(_SUMMARIES_KEY)
    if summaries is None:
        summaries = annotations[_SUMMARIES_KEY] = RecordSummaries(request)
    return summaries


class RecordSummaries:
    """The JSON summaries of catalog records for one request.

    plone.restapi's DefaultJSONSummarySerializer, for every record, merges
    the summary metadata utilities, reads the requested ``metadata_fields``
    and translates the title of the record's type. When it is the summary
    serializer of catalog records, and the request does not bring its own
    ``summary_serializer_metadata``, the same summary is made here with
    those computed once per request. Otherwise each record goes through the
    registered serializer, as before.
    """

    def __init__(self, request):
        self.request = request
        self.fields = None
        self.fields_asked = None
        self.type_titles = {}

    def summary(self, record, target):
        """The summary of ``record``, the catalog record of ``target``, with its UID."""
        factory = getSiteManager().adapters.lookup(
            (providedBy(record), providedBy(self.request)), ISerializeToJsonSummary
        )
        if factory is not DefaultJSONSummarySerializer or self.request.form.get(
            "summary_serializer_metadata"
        ):
            summary = getMultiAdapter((record, self.request), ISerializeToJsonSummary)()
            summary["UID"] = IUUID(target)
            return json_compatible(summary)
        # The fields follow the request's form (its body when the form is
        # empty, which does not change), read again if code changes the form.
        asked = (
            bool(self.request.form),
            repr(self.request.form.get("metadata_fields")),
        )
        if self.fields is None or asked != self.fields_asked:
            self.fields_asked = asked
            serializer = DefaultJSONSummarySerializer(record, self.request)
            self.fields = [
                (field, serializer.field_accessors.get(field, field))
                for field in serializer.metadata_fields()
                if not field.startswith("_")
                and field not in serializer.blocklisted_attributes
            ]
        return self._default_summary(record, target)

    def _default_summary(self, record, target):
        listed = IContentListingObject(record)
        summary = {}
        for field, accessor in self.fields:
            if field == "type_title":
                value = self.type_title(record.portal_type)
            else:
                value = getattr(listed, accessor, None)
            try:
                if callable(value):
                    value = value()
            except WorkflowException:
                summary[field] = None
                continue
            summary[field] = json_compatible(value)
        uid = getattr(record, "UID", None)
        summary["UID"] = uid if uid is not None else IUUID(target)
        return summary

    def type_title(self, portal_type):
        """The title of a type, translated for the request."""
        if portal_type not in self.type_titles:
            self.type_titles[portal_type] = get_portal_type_title(portal_type)
        return self.type_titles[portal_type]


@adapter(IRelationChoice, IDexterityContent, ISocialHubCoreLayer)
@implementer(IFieldSerializer)
class ViewableRelationChoiceSerializer(RelationChoiceFieldSerializer):
    """A single relation's summary, or None when its target is not viewable."""

    def __call__(self):
        found = viewable_summaries([self.get_value()], self.request, self.context)
        return found[0] if found else None


@adapter(IRelationList, IDexterityContent, ISocialHubCoreLayer)
@implementer(IFieldSerializer)
class ViewableRelationListSerializer(RelationListFieldSerializer):
    """The summaries of the targets the requester may View, in their order."""

    def __call__(self):
        # The stored relations: viewable_summaries leaves out the broken
        # ones, so they are not resolved twice as the stock get_value would.
        relations = DefaultFieldSerializer.get_value(self) or ()
        return viewable_summaries(relations, self.request, self.context)
