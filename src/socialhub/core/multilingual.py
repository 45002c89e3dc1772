"""Translations that share what is the same in every language.

plone.app.multilingual copies language-independent fields (dates, files,
relations, taxonomy terms, contact details) to the translations when an item
is edited, but not when a translation is created through the REST API, and it
reindexes every translation at every edit, changed or not. Here:

- a new translation gets the language-independent fields of its source as
  it is registered (``copy_to_new_translation``);
- a copy that changes nothing neither writes nor reindexes
  (``LanguageIndependentFieldsManager``, registered for the site by the
  core profile's ``componentregistry.xml``), and the translations of an
  edited item are found without a catalog search
  (:class:`socialhub.core.translations.TranslationManager`);
- relations follow language: a relation points to the translation of its
  target in the item's language, also when that translation is made later
  (``point_relations_to_new_translation``).
"""

from plone.app.multilingual.dx.cloner import (
    LanguageIndependentFieldsManager as BaseFieldsManager,
)
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.multilingual.interfaces import ILanguageIndependentFieldsManager
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import iterSchemata
from z3c.relationfield import RelationValue
from z3c.relationfield.event import updateRelations
from z3c.relationfield.interfaces import IRelationList
from z3c.relationfield.interfaces import IRelationValue
from zc.relation.interfaces import ICatalog
from zope.component import getUtility
from zope.component import queryUtility
from zope.intid.interfaces import IIntIds


_marker = object()


class LanguageIndependentFieldsManager(BaseFieldsManager):
    """plone.app.multilingual's manager, which copies only what differs."""

    def copy_fields(self, translation):
        if not self.differs(translation):
            return False
        return super().copy_fields(translation)

    def differs(self, translation):
        """True when a language-independent field of ``translation`` would change."""
        language = ILanguage(translation).get_language()
        for schema in iterSchemata(self.context):
            for name in schema:
                if not ILanguageIndependentField.providedBy(schema[name]):
                    continue
                value = getattr(schema(self.context), name, _marker)
                if value is _marker:
                    continue
                current = getattr(schema(translation), name, _marker)
                if _comparable(self._translated(value, language)) != _comparable(
                    current
                ):
                    return True
        return False

    def _translated(self, value, language):
        if IRelationValue.providedBy(value):
            return self.copy_relation(value, language)
        if isinstance(value, list) and value and IRelationValue.providedBy(value[0]):
            return [self.copy_relation(relation, language) for relation in value]
        return value


def _comparable(value):
    """Relations compare by their target, other values as they are."""
    if IRelationValue.providedBy(value):
        return ("relation", value.to_id)
    if isinstance(value, (list, tuple)) and any(
        IRelationValue.providedBy(item) for item in value
    ):
        return ("relations", [item.to_id for item in value if item is not None])
    if value in (None, [], ()):
        return None
    return value


def copy_to_new_translation(source, event):
    """A new translation starts with its source's language-independent fields."""
    translation = event.target
    if translation is source:
        return
    if ILanguageIndependentFieldsManager(source).copy_fields(translation):
        # Register the copied relations, as an edit would.
        updateRelations(translation, None)
        translation.reindexObject()


def point_relations_to_new_translation(source, event):
    """Items in the new translation's language now relate to it.

    When X gets a French translation, French items that related to another
    version of X relate to the French one from now on.
    """
    catalog = queryUtility(ICatalog)
    if catalog is None:
        return
    translation = event.target
    language = event.language
    intids = getUtility(IIntIds)
    new_id = intids.queryId(translation)
    if new_id is None:
        return
    versions = ITranslationManager(translation).get_translations()
    for version_language, version in versions.items():
        version_id = intids.queryId(version)
        if version_language == language or version_id is None:
            continue
        for relation in list(catalog.findRelations({"to_id": version_id})):
            item = relation.from_object
            if item is None or ILanguage(item).get_language() != language:
                continue
            if _repoint(item, relation.from_attribute, version_id, new_id):
                updateRelations(item, None)
                item.reindexObject()


def _repoint(item, field_name, old_id, new_id):
    """Make ``item.<field_name>`` relate to ``new_id`` instead of ``old_id``."""
    for schema in iterSchemata(item):
        if field_name not in schema:
            continue
        storage = schema(item)
        value = getattr(storage, field_name, None)
        if IRelationList.providedBy(schema[field_name]) and value:
            replaced = [
                RelationValue(new_id) if relation.to_id == old_id else relation
                for relation in value
            ]
            setattr(storage, field_name, replaced)
            return True
        if IRelationValue.providedBy(value) and value.to_id == old_id:
            setattr(storage, field_name, RelationValue(new_id))
            return True
    return False
