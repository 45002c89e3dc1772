"""Catalog data of the taxonomy fields, so listings never need full objects."""

from Acquisition import aq_base
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.indexer import indexer
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy.terms import installed_taxonomies
from socialhub.taxonomy.terms import taxonomy_of_field


@indexer(IDexterityContent)
def taxonomy_terms(obj):
    """``{taxonomy name: [assigned tokens]}`` of every taxonomy field ``obj`` has.

    Only the terms assigned, in their order: not the ancestors that
    collective.taxonomy's ``taxonomy_<name>`` indexes and columns add. A
    field without a value gives an empty list; a type without taxonomy
    fields an empty mapping. Listing cards read it (socialhub.search's
    ``@listing``) and title the terms in the reader's language.
    """
    installed = set(installed_taxonomies())
    content = aq_base(obj)
    assigned = {}
    for schema in iterSchemata(obj):
        for field_name, field in schema.namesAndDescriptions(all=True):
            name = taxonomy_of_field(field)
            if name not in installed or name in assigned:
                continue
            value = getattr(content, field_name, None) or ()
            if isinstance(value, str):
                value = (value,)  # a single-select taxonomy field
            assigned[name] = list(value)
    return {name: assigned[name] for name in TAXONOMIES if name in assigned}
