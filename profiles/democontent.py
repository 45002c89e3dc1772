"""Load the demo content of ``profiles/demo/content/*.json`` into a site.

Each file lists items as a REST client would POST them::

    {"path": "/en/actors/ilo", "@type": "Actor", "state": "published",
     "fields": {"title": "...", ...},
     "relations": {"memberships": ["/en/actors/..."]},
     "translations": {"fr": {"id": "oit", "fields": {"title": "..."}}}}

Fields go through plone.restapi's deserializer, so demo data is validated
like any client's. Rows that point to a record (``{"name": ..., "person":
"/en/people/..."}``, ``{"organisation": "/en/actors/..."}``) give its path:
the loader stores the UID of its translation in the item's language. Items
come first, relations second (they may point to items of files read later);
a translation relates to the translations of the targets where they exist,
else to the targets themselves.
"""

from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.browserlayer.layer import mark_layer
from plone.dexterity.utils import iterSchemata
from plone.restapi.interfaces import IDeserializeFromJson
from z3c.relationfield.interfaces import IRelationChoice
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest
from zope.schema import getFields
from zope.traversing.interfaces import BeforeTraverseEvent

import json


CONTENT = Path(__file__).parent / "demo" / "content"
# Targets before the items that point to them.
FILES = ("actors", "people", "publications", "initiatives", "courses", "events")
#: The keys of rows that point to a record (people rows, affiliations): the
#: demo files give its path, the field takes its UID.
RECORD_KEYS = ("person", "organisation")


def demo_entries():
    """Every demo item, in the order of FILES; files not present are skipped."""
    entries = []
    for name in FILES:
        path = CONTENT / f"{name}.json"
        if path.exists():
            entries.extend(json.loads(path.read_text(encoding="utf-8")))
    return entries


def load_demo_content(portal):
    """Create the demo items, their translations and relations. Idempotent."""
    # The browser layers of the installed add-ons, as a REST request has
    # them: SocialHub's strict deserializer then checks the demo data.
    request = portal.REQUEST
    mark_layer(portal, BeforeTraverseEvent(portal, request))
    # Vocabularies (collective.taxonomy's among them) read the global
    # request, which scripts and test layers may not have set.
    previous = getRequest()
    setRequest(request)
    try:
        entries = demo_entries()
        created = [entry for entry in entries if _create(portal, entry)]
        for entry in created:
            _relate(portal, entry)
    finally:
        setRequest(previous)


def _create(portal, entry):
    """Create an item and its translations; False when it existed already."""
    parent_path, item_id = entry["path"].rsplit("/", 1)
    parent = portal.unrestrictedTraverse(parent_path.lstrip("/"))
    if item_id in parent.objectIds():
        return False
    state = entry.get("state")
    item = add_item(parent, entry["@type"], item_id, entry["fields"], state)
    manager = ITranslationManager(item)
    for language, translation in entry.get("translations", {}).items():
        target = ITranslationManager(parent).get_translation(language)
        fields = {**entry["fields"], **translation["fields"]}
        copy = add_item(target, entry["@type"], translation["id"], fields, state)
        manager.register_translation(language, copy)
    return True


def add_item(container, portal_type, item_id, fields, state=None):
    """Create an item from REST-style ``fields`` (validated), in workflow ``state``."""
    item = api.content.create(
        container=container,
        type=portal_type,
        id=item_id,
        title=fields["title"],
        language=container.Language(),
    )
    deserialize(item, record_uids(fields, container.Language()), create=True)
    if state and api.content.get_state(item) != state:
        api.content.transition(obj=item, to_state=state)
    item.reindexObject()
    return item


def record_uids(fields, language):
    """``fields`` with the record paths of their rows replaced by UIDs.

    The UID is the record's translation in ``language`` where it has one.
    """
    portal = api.portal.get()
    result = {}
    for name, value in fields.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [_row_uids(portal, row, language) for row in value]
        result[name] = value
    return result


def _row_uids(portal, row, language):
    row = dict(row)
    for key in RECORD_KEYS:
        path = row.get(key)
        if isinstance(path, str) and path.startswith("/"):
            target = portal.unrestrictedTraverse(path.lstrip("/"))
            translated = ITranslationManager(target).get_translation(language)
            row[key] = (translated or target).UID()
    return row


def _relate(portal, entry):
    relations = entry.get("relations")
    if not relations:
        return
    item = portal.unrestrictedTraverse(entry["path"].lstrip("/"))
    translations = ITranslationManager(item).get_translations()
    # The original first: a translation changed before it would look outdated.
    for language in sorted(translations, key=lambda lang: lang != item.Language()):
        translation = translations[language]
        data = {
            name: _translated_paths(portal, paths, language)
            for name, paths in relations.items()
        }
        deserialize(translation, relation_values(translation, data))
        translation.reindexObject()


def _translated_paths(portal, paths, language):
    result = []
    for path in paths:
        target = portal.unrestrictedTraverse(path.lstrip("/"))
        translated = ITranslationManager(target).get_translation(language) or target
        result.append("/" + "/".join(translated.getPhysicalPath()[2:]))
    return result


def relation_values(item, data):
    """A RelationChoice takes one path, a RelationList a list of them."""
    fields = {}
    for schema in iterSchemata(item):
        fields.update(getFields(schema))
    return {
        name: value[0] if IRelationChoice.providedBy(fields.get(name)) else value
        for name, value in data.items()
    }


def deserialize(item, data, create=False):
    """Apply REST-style ``data`` to ``item`` with plone.restapi's deserializer."""
    # The item's own request: scripts and test layers may set no global one,
    # and without a browser request plone.restapi skips every field.
    deserializer = getMultiAdapter((item, item.REQUEST), IDeserializeFromJson)
    deserializer(validate_all=create, data=dict(data), create=create)
