"""Cross-links: what else belongs with a record.

For any SocialHub record: the organisations behind it (its relations to
Actors), and the initiatives and the resources (publications, courses,
events) of the same domain, ranked by how much of the shared taxonomy they
have in common with it. A shared term counts by its depth: two items about
*conditional cash transfers* have more in common than two items about
*social protection*. Only what the requester may View is considered, in the
record's language.
"""

from AccessControl import getSecurityManager
from BTrees.IIBTree import intersection
from collections import Counter
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.dexterity.utils import iterSchemata
from Products.CMFCore.permissions import View
from socialhub.core.interfaces import IRelatedKind
from socialhub.search.catalog import brain
from socialhub.search.catalog import entries
from socialhub.search.catalog import indexes
from socialhub.search.catalog import postings
from socialhub.search.catalog import record_ids
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms
from z3c.relationfield.interfaces import IRelationValue
from zope.component import getUtilitiesFor
from zope.schema import getFields


# The taxonomies that say what a record is about.
DOMAIN_TAXONOMIES = ("themes", "geography", "population_groups")


def portal_types(kind):
    """The portal_types whose plugin registered them as ``kind`` (IRelatedKind)."""
    return tuple(
        sorted(
            name
            for name, related in getUtilitiesFor(IRelatedKind)
            if related.kind == kind
        )
    )


def organisations(item):
    """The Actors the item relates to, in field order, each once."""
    found = []
    organisation_types = portal_types("organisations")
    for schema in iterSchemata(item):
        for name in getFields(schema):
            value = getattr(item, name, None)
            relations = value if isinstance(value, list) else [value]
            for relation in relations:
                if not IRelationValue.providedBy(relation):
                    continue
                target = relation.to_object
                if (
                    target is not None
                    and target.portal_type in organisation_types
                    and target not in found
                    and getSecurityManager().checkPermission(View, target)
                ):
                    found.append(target)
    return found


def domain_weights(item):
    """``{(index, token): weight}`` of the terms the item is indexed under.

    The weight of a term is its depth in its taxonomy (a root term 1, its
    children 2, ...): the catalog indexes the ancestors of every assigned
    term, and a shared ancestor says less than a shared leaf.
    """
    catalog = api.portal.get_tool("portal_catalog")
    record_id = catalog.getrid("/".join(item.getPhysicalPath()))
    weights = {}
    for name in DOMAIN_TAXONOMIES:
        index = indexes(catalog).get(field_name(name))
        vocabulary = taxonomy_terms.terms(name, None)
        if index is None or vocabulary is None or record_id is None:
            continue
        for token in entries(index).get(record_id, ()):
            if token in vocabulary:
                weights[(field_name(name), token)] = len(vocabulary.lineage(token))
    return weights


def ranked(item, types, limit):
    """``[(brain, score)]`` of viewable items of ``types`` sharing terms with ``item``.

    Best first: by the summed weight of the shared terms, then by title.
    The item and its translations are left out; only the returned brains
    are made, whatever the size of the catalog.
    """
    catalog = api.portal.get_tool("portal_catalog")
    weights = domain_weights(item)
    if not weights:
        return []
    candidates = record_ids(
        catalog, {"portal_type": list(types), "Language": item.Language()}
    )
    excluded = {
        catalog.getrid("/".join(translation.getPhysicalPath()))
        for translation in ITranslationManager(item).get_translations().values()
    }
    scores = Counter()
    for (index_name, token), weight in weights.items():
        indexed = postings(indexes(catalog)[index_name], token)
        if indexed is None:
            continue
        for found in intersection(indexed, candidates):
            if found not in excluded:
                scores[found] += weight
    titles = entries(indexes(catalog)["sortable_title"])
    best = sorted(scores.items(), key=lambda pair: (-pair[1], titles.get(pair[0], "")))
    return [(brain(catalog, found), score) for found, score in best[:limit]]
