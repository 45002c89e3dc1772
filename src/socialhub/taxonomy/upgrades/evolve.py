"""Let a taxonomy evolve on a live site without losing what content holds.

A taxonomy changes in its data file (``profiles/default/taxonomies/<name>.xml``)
and reaches existing sites through an upgrade step that calls
:func:`update_taxonomy`. Tokens are what content stores and what the catalog
indexes; captions are only shown. So:

- a new term is simply added;
- a renamed caption (same token) shows at once in every language: content
  and catalog need nothing;
- a term moved under another parent keeps its token; the items holding it
  (or a term below it) are reindexed, since the ``taxonomy_<name>`` index
  also stores every ancestor's token;
- a retired term (its token gone from the file) leaves the vocabulary, and
  content holding it is migrated: the token is replaced by its successor,
  ``retire={"old-token": "successor-token"}``, or dropped with
  ``retire={"old-token": None}``. A retired token that ``retire`` does not
  name is replaced by its nearest ancestor that is still in the vocabulary
  (dropped when there is none), so items stay findable under the broader
  theme. Only the affected items, found through the ``taxonomy_<name>``
  index, are touched and reindexed; their modification date is kept.

Why not re-apply the profile? collective.taxonomy's import step merges
(``Taxonomy.update(..., clear=False)``): renamed captions would keep their
old wording beside the new one and retired terms would stay selectable.
:func:`update_taxonomy` imports with ``clear=True`` instead, so the vocabulary
is exactly the file.
"""

from Acquisition import aq_base
from collective.taxonomy import PATH_SEPARATOR
from collective.taxonomy.exportimport import TaxonomyImportExportAdapter
from collective.taxonomy.interfaces import ITaxonomy
from plone import api
from plone.memoize.ram import global_cache
from socialhub.taxonomy import data_file
from socialhub.taxonomy import field_name
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy import utility_name
from socialhub.taxonomy import vdex
from zope.component import getUtility
from zope.component import queryUtility
from zope.ramcache.interfaces.ram import IRAMCache

import logging


logger = logging.getLogger("socialhub.taxonomy")

# collective.taxonomy caches a taxonomy's token -> path mapping keyed by the
# data's _p_mtime, which only changes at commit: within the transaction that
# imports new data the cache would still answer with the old captions.
INVERTED_DATA_CACHE = "collective.taxonomy.utility.inverted_data"


def invalidate_caches():
    """Forget the cached captions of every taxonomy in this process."""
    for cache in (queryUtility(IRAMCache), global_cache):
        if cache is not None:
            cache.invalidate(INVERTED_DATA_CACHE)


def stored_ancestry(taxonomy):
    """Each token of an installed taxonomy to its ancestors' tokens, nearest first.

    Read from the default language's paths (every language has the same
    tree).
    """
    language = taxonomy.default_language
    if language not in taxonomy.data:
        language = next(iter(taxonomy.data), None)
    if language is None:
        return {}
    paths = dict(taxonomy.data[language].items())
    result = {}
    for path, token in paths.items():
        parts = path.split(PATH_SEPARATOR)
        prefixes = (
            PATH_SEPARATOR.join(parts[:end]) for end in range(len(parts) - 1, 1, -1)
        )
        result[token] = [paths[prefix] for prefix in prefixes if prefix in paths]
    return result


def successors(old_ancestry, new_tokens, retire):
    """Map every retired token to its successor token or None (dropped)."""
    result = {}
    for token, ancestors in old_ancestry.items():
        if token in new_tokens:
            continue
        if token in retire:
            result[token] = retire[token]
        else:
            result[token] = next(
                (parent for parent in ancestors if parent in new_tokens), None
            )
    # Tokens named in ``retire`` that are already gone from the vocabulary
    # (a re-run, content imported later) are migrated too.
    for token, successor in retire.items():
        result.setdefault(token, successor)
    return result


def migrate_value(value, successors):
    """A field value with retired tokens replaced, duplicates and None dropped."""
    if isinstance(value, str):
        return successors[value] if value in successors else value
    result = []
    for token in value:
        token = successors[token] if token in successors else token
        if token is not None and token not in result:
            result.append(token)
    return result


def update_taxonomy(context, name, retire=None, document=None):
    """Re-import taxonomy ``name`` from its VDEX file and migrate content.

    ``context`` is the setup tool (as upgrade steps get it) or anything in
    the site. ``retire`` maps tokens removed from the file to their successor
    token, or to None to drop them; removed tokens it does not name go to
    their nearest remaining ancestor. ``document`` (bytes) replaces the
    profile's file, for tests and one-off imports.

    Returns a dict: ``retired`` (token -> successor), ``moved`` (tokens whose
    ancestors changed), ``migrated`` and ``reindexed`` (paths of the items
    changed and of all items reindexed).
    """
    retire = dict(retire or {})
    taxonomy = getUtility(ITaxonomy, name=utility_name(name))
    if document is None:
        document = data_file(name).read_bytes()
    terms = vdex.read(document)
    new_ancestry = vdex.ancestry(terms)
    new_tokens = set(new_ancestry)
    kept = sorted(token for token in retire if token in new_tokens)
    if kept:
        raise ValueError(f"{name}: retired tokens still in the file: {kept}")
    unknown = sorted(
        successor
        for successor in retire.values()
        if successor is not None and successor not in new_tokens
    )
    if unknown:
        raise ValueError(f"{name}: successor tokens not in the file: {unknown}")

    old_ancestry = stored_ancestry(taxonomy)
    retired = successors(old_ancestry, new_tokens, retire)
    moved = {
        token
        for token, ancestors in old_ancestry.items()
        if token in new_tokens and set(ancestors) != set(new_ancestry[token])
    }

    # Find the affected items before the import, while the index still
    # reflects the old tree (it holds ancestors, so a retired parent's token
    # finds the items below it too).
    index = field_name(name)
    catalog = api.portal.get_tool("portal_catalog")
    affected = sorted(set(retired) | moved)
    brains = []
    if affected and index in catalog.indexes():
        brains = catalog.unrestrictedSearchResults(**{index: affected})

    import_document(context, taxonomy, document)

    migrated, reindexed = [], []
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        value = getattr(aq_base(obj), index, None)
        if value:
            new_value = migrate_value(value, retired)
            if new_value != value:
                setattr(obj, index, new_value)
                migrated.append(brain.getPath())
        obj.reindexObject(idxs=[index])
        reindexed.append(brain.getPath())
    logger.info(
        "Taxonomy %s updated: %d retired, %d moved, %d items migrated, %d reindexed.",
        name,
        len(retired),
        len(moved),
        len(migrated),
        len(reindexed),
    )
    return {
        "retired": retired,
        "moved": sorted(moved),
        "migrated": migrated,
        "reindexed": reindexed,
    }


def import_document(context, taxonomy, document):
    """Replace a taxonomy's terms, in every language, by a VDEX document's."""
    TaxonomyImportExportAdapter(context).importDocument(taxonomy, document, clear=True)
    # A language the document no longer has must not keep its old terms.
    languages = {
        language
        for term, ancestors in vdex.walk(vdex.read(document))
        for language in term.captions
    }
    for language in set(taxonomy.data) - languages:
        for mapping in (taxonomy.data, taxonomy.order, taxonomy.count):
            mapping.pop(language, None)
    invalidate_caches()


def update_taxonomies(context):
    """Upgrade handler: re-import all SocialHub taxonomies from the profile.

    Retired terms' content goes to their nearest remaining ancestor; write a
    handler calling :func:`update_taxonomy` with ``retire`` to choose.
    """
    for name in TAXONOMIES:
        if queryUtility(ITaxonomy, name=utility_name(name)) is not None:
            update_taxonomy(context, name)
