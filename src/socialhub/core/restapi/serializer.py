"""REST serialization of SocialHub content, with fewer component lookups.

plone.restapi's SerializeToJson looks up, for every schema of an item, a
schema serializer, and that one a field serializer for every field; each
lookup asks the item which interfaces it provides, which a Dexterity item
computes anew from its type's FTI and behaviours (about 400 times for a
SocialHub item). The answer is the same for the whole serialization, so
here it is computed once per item and request, and the field serializers
are found from it. Read permissions are checked once per permission for
the item, as plone.restapi does for each schema.

The JSON is plone.restapi's: the same serializers make the same values,
in the same order, with the same read-permission checks. A schema that
has a schema serializer other than plone.restapi's
:class:`~plone.restapi.serializer.schema.SerializeSchemaToJson` is
serialized by that one.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.interfaces import IDexterityContainer
from plone.dexterity.primary import PrimaryFieldInfo
from plone.dexterity.utils import iterSchemata
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import IObjectPrimaryFieldTarget
from plone.restapi.interfaces import IPrimaryFieldTarget
from plone.restapi.interfaces import ISchemaSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxcontent import DexterityObjectPrimaryFieldTarget
from plone.restapi.serializer.dxcontent import get_allow_discussion_value
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.dxcontent import update_with_working_copy_info
from plone.restapi.serializer.dxcontent import WorkingCopyInfo
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from plone.restapi.serializer.expansion import expandable_elements
from plone.restapi.serializer.nextprev import NextPrevious
from plone.restapi.serializer.schema import SerializeSchemaToJson
from plone.restapi.serializer.utils import get_portal_type_title
from plone.restapi.services.locking import lock_info
from plone.rfc822.interfaces import IPrimaryField
from plone.rfc822.interfaces import IPrimaryFieldInfo
from plone.supermodel.utils import mergedTaggedValueDict
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.interfaces import ISocialHubCoreLayer
from zc.relation.interfaces import ICatalog
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import getSiteManager
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.interface import implementer
from zope.interface import providedBy
from zope.interface.interfaces import ComponentLookupError
from zope.intid.interfaces import IIntIds
from zope.schema import getFields
from zope.security.interfaces import IPermission

import logging


try:
    from plone.app.iterate.dexterity import ITERATE_RELATION_NAME
    from plone.app.iterate.dexterity.policy import CheckinCheckoutPolicyAdapter
    from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
except ImportError:  # plone.app.iterate is optional for plone.restapi
    CheckinCheckoutPolicyAdapter = None


logger = logging.getLogger(__name__)


class SchemaFields:
    """Serializes the fields of an item's schemata for one request.

    What plone.restapi's SerializeToJson and SerializeSchemaToJson do, with
    the interfaces of the item, the request and each schema read once.
    """

    def __init__(self, context, obj, request):
        self.context = context
        self.obj = obj
        self.request = request
        self.adapters = getSiteManager().adapters
        self.obj_spec = providedBy(obj)
        self.request_spec = providedBy(request)
        self.permissions = {}
        self.adapted = {}
        # (schema, fields, read permissions) of each schema serialized.
        self.schemata = []

    def __call__(self):
        result = {}
        for schema in iterSchemata(self.context):
            fields = getFields(schema)
            read_permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
            self.schemata.append((schema, fields, read_permissions))
            factory = self.adapters.lookup(
                (providedBy(schema), self.obj_spec, self.request_spec),
                ISchemaSerializer,
            )
            if factory is SerializeSchemaToJson:
                result.update(self.schema_fields(fields, read_permissions))
            else:
                serializer = self.make(factory, schema, ISchemaSerializer)
                result.update(serializer())
        return result

    def schema_fields(self, fields, read_permissions):
        """What SerializeSchemaToJson gives for a schema."""
        result = {}
        for name, field in fields.items():
            if not self.may_read(read_permissions.get(name)):
                continue
            factory = self.adapters.lookup(
                (providedBy(field), self.obj_spec, self.request_spec),
                IFieldSerializer,
            )
            if factory is DefaultFieldSerializer:
                # Its value, the item adapted to the field's schema once
                # for all the fields of that schema.
                value = json_compatible(
                    getattr(self.adapt(field.interface), name, None)
                )
            else:
                value = self.make(factory, field, IFieldSerializer)()
            result[json_compatible(name)] = value
        return result

    def adapt(self, schema):
        """The item adapted to ``schema``, as DefaultFieldSerializer adapts it."""
        if schema not in self.adapted:
            self.adapted[schema] = schema(self.obj)
        return self.adapted[schema]

    def make(self, factory, first, provided):
        """The adapter ``factory`` makes, as ``getMultiAdapter`` would."""
        adapted = None
        if factory is not None:
            adapted = factory(first, self.obj, self.request)
        if adapted is None:
            raise ComponentLookupError((first, self.obj, self.request), provided, "")
        return adapted

    def primary_field_target(self):
        """What plone.restapi's IObjectPrimaryFieldTarget gives for the item.

        DexterityObjectPrimaryFieldTarget looks for the primary field in
        every schema again; here it is found among the fields serialized.
        """
        context_spec = providedBy(self.context)
        if (
            self.adapters.lookup(
                (context_spec, self.request_spec), IObjectPrimaryFieldTarget
            )
            is not DexterityObjectPrimaryFieldTarget
            or self.adapters.lookup((context_spec,), IPrimaryFieldInfo)
            is not PrimaryFieldInfo
            or context_spec.isOrExtends(IPrimaryFieldInfo)
        ):
            return getMultiAdapter(
                (self.context, self.request), IObjectPrimaryFieldTarget
            )()
        # PrimaryFieldInfo: the first primary field in field order of the
        # last schema that has one.
        primary_name = None
        for _schema, fields, _permissions in self.schemata:
            primaries = [
                (name, field)
                for name, field in fields.items()
                if IPrimaryField.providedBy(field)
            ]
            if primaries:
                primary_name = min(primaries, key=lambda item: item[1].order)[0]
        if not primary_name:
            return None
        for _schema, fields, read_permissions in self.schemata:
            field = fields.get(primary_name)
            if field is None:
                continue
            if not self.may_read(read_permissions.get(primary_name), self.context):
                return None
            target = queryMultiAdapter(
                (field, self.context, self.request), IPrimaryFieldTarget
            )
            if not target:
                return None
            return target()
        return None

    def may_read(self, permission_name, obj=None):
        """plone.restapi's read-permission check, once per permission and item."""
        if permission_name is None:
            return True
        obj = self.obj if obj is None else obj
        key = (permission_name, obj is self.obj)
        if key not in self.permissions:
            permission = queryUtility(IPermission, name=permission_name)
            if permission is None:
                logger.warning(
                    "The permission %r was not found, forbidding access. "
                    "Be sure to specify a properly registered permission id, "
                    "e.g. zope2.View",
                    permission_name,
                )
                self.permissions[key] = False
            else:
                self.permissions[key] = bool(
                    getSecurityManager().checkPermission(permission.title, obj)
                )
        return self.permissions[key]


def working_copy_info(context, result):
    """plone.restapi's ``working_copy`` and ``working_copy_of`` of ``context``.

    plone.app.iterate's Dexterity policy asks the relation catalog for the
    item's checkout relations twice, once for the baseline and once for the
    working copy, each time reading every relation from and to the item. An
    item without any has neither: asked once here, of the relation
    catalog's ``from_attribute`` index.
    """
    if (
        CheckinCheckoutPolicyAdapter is not None
        and WorkingCopyInfo is not None
        and type(ICheckinCheckoutPolicy(context, None)) is CheckinCheckoutPolicyAdapter
        and not has_checkout_relations(context)
    ):
        result.update({"working_copy": None, "working_copy_of": None})
        return
    update_with_working_copy_info(context, result)


def has_checkout_relations(context):
    """Whether plone.app.iterate relates ``context`` to a working copy or baseline."""
    intid = queryUtility(IIntIds).queryId(aq_base(context))
    if not intid:
        return False
    relations = getUtility(ICatalog)
    return any(
        next(iter(relations.findRelationTokens(query)), None) is not None
        for query in (
            {"to_id": intid, "from_attribute": ITERATE_RELATION_NAME},
            {"from_id": intid, "from_attribute": ITERATE_RELATION_NAME},
        )
    )


class SocialHubSerializeToJson(SerializeToJson):
    """plone.restapi's SerializeToJson, the fields serialized by SchemaFields."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        version = "current" if version is None else version

        obj = self.getVersion(version)
        parent = aq_parent(aq_inner(obj))
        parent_summary = getMultiAdapter(
            (parent, self.request), ISerializeToJsonSummary
        )()

        result = {
            "@id": obj.absolute_url(),
            "id": obj.id,
            "@type": obj.portal_type,
            "type_title": get_portal_type_title(obj.portal_type),
            "parent": parent_summary,
            "created": json_compatible(obj.created()),
            "modified": json_compatible(obj.modified()),
            "review_state": self._get_workflow_state(obj),
            "UID": obj.UID(),
            "version": version,
            "layout": self.context.getLayout(),
            "is_folderish": False,
        }

        try:
            nextprevious = NextPrevious(obj)
            result.update(
                {"previous_item": nextprevious.previous, "next_item": nextprevious.next}
            )
        except ValueError:
            result.update({"previous_item": {}, "next_item": {}})

        working_copy_info(self.context, result)
        result.update({"lock": lock_info(obj)})
        if include_expansion:
            result.update(expandable_elements(self.context, self.request))

        fields = SchemaFields(self.context, obj, self.request)
        result.update(fields())

        target_url = fields.primary_field_target()
        if target_url:
            result["targetUrl"] = target_url

        get_allow_discussion_value(self.context, self.request, result)
        return result


class SocialHubSerializeFolderToJson(SerializeFolderToJson, SocialHubSerializeToJson):
    """plone.restapi's SerializeFolderToJson over SocialHubSerializeToJson."""


@implementer(ISerializeToJson)
@adapter(ISocialHubContent, ISocialHubCoreLayer)
def serialize_socialhub_content(context, request):
    """The serializer of a SocialHub item or folder."""
    if IDexterityContainer.providedBy(context):
        return SocialHubSerializeFolderToJson(context, request)
    return SocialHubSerializeToJson(context, request)
