"""REST deserialization of SocialHub content: unknown properties are errors.

Stock plone.restapi ignores a property that no field knows, so a client's
typo (``"abstarct"``) is lost without a word. SocialHub answers 400 and names
the property, like any other field error, and stores nothing.
"""

from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from socialhub.core import _
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.interfaces import ISocialHubCoreLayer
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema import getFieldNames


# Properties plone.restapi reads itself, besides the fields of the schemata.
REQUEST_PROPERTIES = frozenset(
    {
        "@type",
        "@id",
        "id",
        "UID",
        "translation_of",
        "language",
        "layout",
        "ordering",
        "sort",
    }
)


@implementer(IDeserializeFromJson)
@adapter(ISocialHubContent, ISocialHubCoreLayer)
class DeserializeSocialHubContent(DeserializeFromJson):
    """plone.restapi's deserializer, refusing properties no field knows."""

    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        if data is None:
            data = json_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest(
                translate(
                    _(
                        "error_json_object",
                        default="The request body must be a JSON object.",
                    ),
                    context=self.request,
                )
            )
        unknown = sorted(set(data) - self.known_properties())
        if unknown:
            raise BadRequest(
                [
                    {
                        "field": name,
                        "error": "ValidationError",
                        "message": translate(
                            _(
                                "error_unknown_field",
                                default="${type} has no field ${field}.",
                                mapping={
                                    "type": self.context.portal_type,
                                    "field": name,
                                },
                            ),
                            context=self.request,
                        ),
                    }
                    for name in unknown
                ]
            )
        return super().__call__(
            validate_all=validate_all, data=data, create=create, **kwargs
        )

    def known_properties(self):
        names = set(REQUEST_PROPERTIES)
        for schema in iterSchemata(self.context):
            names.update(getFieldNames(schema))
        return names
