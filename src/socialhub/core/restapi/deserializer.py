"""REST deserialization: wrong JSON shapes and unknown properties are errors.

Stock plone.restapi ignores a property that no field knows, so a client's
typo (``"abstarct"``) is lost without a word. SocialHub answers 400 and names
the property, like any other field error, and stores nothing.

A new item also gets the language of the folder it is created in before it is
added (see :func:`take_container_language`).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.restapi.bbb import ILanguage
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from socialhub.core import _
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.recurrence import recurrence_problems
from socialhub.core.restapi.fieldshapes import shape_problems
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
@adapter(IDexterityContent, ISocialHubCoreLayer)
class DeserializeContent(DeserializeFromJson):
    """plone.restapi's deserializer, refusing values of the wrong JSON shape.

    For every Dexterity item of a SocialHub site, Plone's own types
    included: see :mod:`socialhub.core.restapi.fieldshapes`.
    """

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
        self.check(data)
        return super().__call__(
            validate_all=validate_all, data=data, create=create, **kwargs
        )

    def check(self, data):
        """400 naming each property whose value cannot be read by its field."""
        problems = shape_problems(self.context, data, self.request)
        problems += recurrence_problems(self.context, data, self.request)
        if problems:
            raise BadRequest(problems)


@implementer(IDeserializeFromJson)
@adapter(ISocialHubContent, ISocialHubCoreLayer)
class DeserializeSocialHubContent(DeserializeContent):
    """The deserializer of SocialHub content: also no property without a field."""

    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        result = super().__call__(
            validate_all=validate_all, data=data, create=create, **kwargs
        )
        if create:
            take_container_language(self.context)
        return result

    def check(self, data):
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
        super().check(data)

    def known_properties(self):
        names = set(REQUEST_PROPERTIES)
        for schema in iterSchemata(self.context):
            names.update(getFieldNames(schema))
        return names


def take_container_language(item):
    """Give an item about to be added the language of its folder, unless it has one.

    plone.app.multilingual gives a new item its folder's language when the
    item is added, and then registers the item in its translation group; that
    registration searches the catalog, which first indexes everything queued,
    the half-made item included: every creation over REST was indexed in full
    twice (measured: a fifth of the time of a POST). An item that has its
    folder's language when it is added is left as it is by
    plone.app.multilingual, and is indexed once, when the transaction ends.
    ``item`` is the new item wrapped in its future folder, as plone.restapi
    deserializes it.
    """
    folder = aq_parent(aq_inner(item))
    if folder is None or ILanguage(item).get_language():
        return
    language = ILanguage(folder, None)
    if language is not None and language.get_language():
        ILanguage(item).set_language(language.get_language())
