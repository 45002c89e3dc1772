"""Relation fields never show the requester an item they may not View.

plone.restapi 10 serializes the targets of relation fields without a
permission check, so a published item leaks the title and UID of a private
related item to Anonymous. These serializers, registered for the SocialHub
browser layer, drop such targets for every Dexterity type of the site,
stock ``relatedItems`` included.

They also make relations cheap to show: stock plone.restapi clones the
request and summarizes each target object (its workflow state asked of the
workflow tool), about 0.7 ms per relation. Here no target is loaded: its
catalog record is read by the path its intid's key reference keeps, the
record's ``allowedRolesAndUsers`` tells whether the requester may View it,
and its summary comes from the record: the same summary
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
from plone.memoize.request import memoize_diy_request
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
from socialhub.core.compat import zcatalog
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.restricted import RestrictedFilter
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import getSiteManager
from zope.component import queryUtility
from zope.component.hooks import getSite
from zope.interface import implementer
from zope.interface import providedBy
from zope.intid.interfaces import IIntIds


def viewable_summaries(relations, request, context=None):
    """Summaries of the relations' targets the requester may View, in order.

    Broken relations and targets the requester may not View are left out.
    ``context`` (any item of the site) finds the catalog; without it the
    site does.
    """
    targets = relation_targets(request)
    summaries = []
    for relation in relations:
        summary = targets.summary(relation, context)
        if summary is not None:
            summaries.append(summary)
    return summaries


@memoize_diy_request(arg=0)
def relation_targets(request):
    """The :class:`RelationTargets` of ``request``, made at its first use."""
    return RelationTargets(request)


class RelationTargets:
    """Finds the targets of relations, and whether they may be seen, for one request.

    A relation holds its target's intid, whose key reference knows the
    target's path (five.intid keeps it when the target moves): its catalog
    record is read by that path, and the requester may View the target when
    the record's ``allowedRolesAndUsers`` has one of the requester's roles
    or groups, as a restricted search would have it. No target is loaded.
    A target without a catalog record is loaded and asked for View.
    """

    def __init__(self, request):
        self.request = request
        self.catalog = None
        self.intids = queryUtility(IIntIds)
        self.viewable = None
        self.user = None
        self.summaries = RecordSummaries(request)

    def summary(self, relation, context=None):
        """The summary of the target of ``relation``; None if not to be shown."""
        if relation is None:
            return None
        if self.catalog is None:
            self.catalog = getToolByName(
                context if context is not None else getSite(), "portal_catalog"
            )
        user = getSecurityManager().getUser()
        if self.viewable is None or user is not self.user:
            # Code may act as another user during the request.
            self.viewable = RestrictedFilter(self.catalog, effective_now=False)
            self.user = user
        record_id = self.record_id(relation)
        if record_id is not None:
            if not self.viewable.allows(record_id):
                return None
            return self.summaries.summary(
                zcatalog.record(self.catalog, record_id), lambda: relation.to_object
            )
        target = relation.to_object
        if target is None or not getSecurityManager().checkPermission(View, target):
            return None
        record = catalog_record(self.catalog, target)
        if record is not None:
            return self.summaries.summary(record, lambda: target)
        summary = getMultiAdapter((target, self.request), ISerializeToJsonSummary)()
        summary["UID"] = IUUID(target)
        return json_compatible(summary)

    def record_id(self, relation):
        """The catalog record id of the target of ``relation``, by its intid."""
        if self.intids is None or relation.to_id is None:
            return None
        path = getattr(self.intids.refs.get(relation.to_id), "path", None)
        return self.catalog.getrid(path) if path else None


def catalog_record(catalog, item):
    """The catalog brain of ``item``, read by its path; None if not cataloged."""
    record_id = catalog.getrid("/".join(item.getPhysicalPath()))
    return None if record_id is None else zcatalog.record(catalog, record_id)


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
        """The summary of ``record``, with its UID.

        ``target`` gives the object of the record, asked only if the summary
        needs it.
        """
        factory = getSiteManager().adapters.lookup(
            (providedBy(record), providedBy(self.request)), ISerializeToJsonSummary
        )
        if factory is not DefaultJSONSummarySerializer or self.request.form.get(
            "summary_serializer_metadata"
        ):
            summary = getMultiAdapter((record, self.request), ISerializeToJsonSummary)()
            summary["UID"] = IUUID(target())
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
        summary["UID"] = uid if uid is not None else IUUID(target())
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
