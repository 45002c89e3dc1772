"""Taxonomy fields over REST: titles in the reader's language, clear errors.

Stock plone.restapi serializes a taxonomy field as ``{"token", "title"}``
with the title as a path (``World » Africa » Senegal``) in the content's
language, and a token the taxonomy does not know fails deep in
collective.taxonomy (a KeyError, answered 503). Here a term serializes as
``{"token", "title", "path"}`` in the request's language, and an unknown
token is a 400 naming the field and the token.

An item has several taxonomy fields, and a listing many items: the
language to show titles in (for the item's language) and the terms of a
taxonomy in a language are looked up once per request.
"""

from Acquisition import aq_inner
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import CollectionFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import CollectionFieldSerializer
from socialhub.core.languages import display_language
from socialhub.taxonomy.interfaces import ITaxonomyLayer
from socialhub.taxonomy.terms import taxonomy_of_field
from socialhub.taxonomy.terms import terms
from socialhub.taxonomy.terms import unknown_term
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import ValidationError


_MEMO_KEY = "socialhub.taxonomy.restapi.terms"


def request_terms(name, context, request):
    """``terms(name, display_language(context, request))``, once per request.

    The display language follows the request and the language of
    ``context``; the memo is kept on the request's annotations, so another
    request (another Accept-Language) looks them up anew.
    """
    annotations = IAnnotations(request, None)
    if annotations is None:
        return terms(name, display_language(context, request))
    memo = annotations.get(_MEMO_KEY)
    if memo is None:
        memo = annotations[_MEMO_KEY] = {"languages": {}, "terms": {}}
    item_language = getattr(aq_inner(context), "Language", lambda: None)()
    if item_language not in memo["languages"]:
        memo["languages"][item_language] = display_language(context, request)
    language = memo["languages"][item_language]
    if (name, language) not in memo["terms"]:
        memo["terms"][name, language] = terms(name, language)
    return memo["terms"][name, language]


class UnknownTerm(ValidationError):
    """A token the taxonomy does not have; the message says which."""

    def doc(self):
        return self.args[0]


@adapter(ICollection, IDexterityContent, ITaxonomyLayer)
@implementer(IFieldSerializer)
class TaxonomyFieldSerializer(CollectionFieldSerializer):
    """A taxonomy field as ``[{"token", "title", "path": [...]}, ...]``."""

    def __call__(self):
        name = taxonomy_of_field(self.field)
        if name is None:
            return super().__call__()
        vocabulary = request_terms(name, self.context, self.request)
        return [
            vocabulary.term(token)
            for token in self.get_value() or ()
            if vocabulary is not None and token in vocabulary
        ]


@adapter(ICollection, IDexterityContent, ITaxonomyLayer)
@implementer(IFieldDeserializer)
class TaxonomyFieldDeserializer(CollectionFieldDeserializer):
    """Tokens (or ``{"token": ...}`` objects) checked against the taxonomy."""

    def __call__(self, value):
        name = taxonomy_of_field(self.field)
        if name is not None:
            vocabulary = terms(name, None)
            values = value if isinstance(value, list) else [value]
            for item in values:
                token = item.get("token") if isinstance(item, dict) else item
                if not isinstance(token, str) or token not in (vocabulary or ()):
                    raise UnknownTerm(unknown_term(token, name))
        return super().__call__(value)
