"""Relation fields never show the requester an item they may not View.

plone.restapi 10 serializes the targets of relation fields without a
permission check, so a published item leaks the title and UID of a private
related item to Anonymous. These serializers, registered for the SocialHub
browser layer, drop such targets for every Dexterity type of the site,
stock ``relatedItems`` included.
"""

from AccessControl import getSecurityManager
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.relationfield import RelationChoiceFieldSerializer
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from Products.CMFCore.permissions import View
from socialhub.core.interfaces import ISocialHubCoreLayer
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.interface import implementer


def viewable(relation):
    """True when the relation resolves to an item the current user may View."""
    target = relation.to_object if relation is not None else None
    return target is not None and bool(
        getSecurityManager().checkPermission(View, target)
    )


@adapter(IRelationChoice, IDexterityContent, ISocialHubCoreLayer)
@implementer(IFieldSerializer)
class ViewableRelationChoiceSerializer(RelationChoiceFieldSerializer):
    """A single relation, or None when its target is not viewable."""

    def get_value(self, default=None):
        value = super().get_value(default)
        return value if viewable(value) else None


@adapter(IRelationList, IDexterityContent, ISocialHubCoreLayer)
@implementer(IFieldSerializer)
class ViewableRelationListSerializer(RelationListFieldSerializer):
    """The relations whose targets the requester may View, in their order."""

    def get_value(self, default=None):
        return [
            relation for relation in super().get_value(default) if viewable(relation)
        ]
