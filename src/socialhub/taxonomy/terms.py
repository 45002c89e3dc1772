"""Read the shared collective.taxonomy vocabularies in any language.

collective.taxonomy keeps, per language, a mapping of caption paths
(``␟Africa␟Senegal``) to tokens (``SN``). These helpers turn it into what
frontends need: a term's title and its ancestors in a given language, the
whole tree.
"""

from collective.taxonomy import PATH_SEPARATOR
from collective.taxonomy.interfaces import ITaxonomy
from plone import api
from socialhub.core import _
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy import utility_name


def installed_taxonomies():
    """The short names of the suite's taxonomies installed on this site."""
    return [name for name in TAXONOMIES if get_taxonomy(name) is not None]


def get_taxonomy(name):
    """The ITaxonomy utility of a short name, or None."""
    site_manager = api.portal.get().getSiteManager()
    return site_manager.queryUtility(ITaxonomy, name=utility_name(name))


def unknown_term(token, name):
    """The message for a token the taxonomy ``name`` does not have."""
    return _(
        "error_unknown_taxonomy_term",
        default="Unknown term ${token} in the taxonomy ${taxonomy}.",
        mapping={"token": str(token), "taxonomy": name},
    )


def taxonomy_of_field(field):
    """The short taxonomy name behind a schema field, or None.

    collective.taxonomy's generated fields are lists of Choices (or single
    Choices) whose vocabulary is named ``collective.taxonomy.<name>``.
    """
    value_type = getattr(field, "value_type", None) or field
    vocabulary = getattr(value_type, "vocabularyName", None) or ""
    prefix = utility_name("")
    if vocabulary.startswith(prefix):
        return vocabulary[len(prefix) :]
    return None


class TaxonomyTerms:
    """The terms of one taxonomy in one language.

    ``language`` falls back to the taxonomy's default language when the
    taxonomy has no captions in it.
    """

    def __init__(self, taxonomy, language):
        self.taxonomy = taxonomy
        if language not in taxonomy.data:
            language = taxonomy.default_language
        self.language = language
        self.paths = taxonomy.data.get(language, {})
        self.tokens = taxonomy.inverted_data.get(language, {})

    def __contains__(self, token):
        return token in self.tokens

    def title(self, token):
        """The caption of a term, without its ancestors."""
        return self.tokens[token].rsplit(PATH_SEPARATOR, 1)[-1]

    def lineage(self, token):
        """The tokens from the root term down to ``token`` itself."""
        parts = self.tokens[token].split(PATH_SEPARATOR)[1:]
        return [
            self.paths[PATH_SEPARATOR + PATH_SEPARATOR.join(parts[: depth + 1])]
            for depth in range(len(parts))
        ]

    def parent(self, token):
        """The token of a term's parent, or None for a root term."""
        lineage = self.lineage(token)
        return lineage[-2] if len(lineage) > 1 else None

    def term(self, token):
        """``{"token", "title", "path"}``; ``path`` lists the ancestors and the term."""
        return {
            "token": token,
            "title": self.title(token),
            "path": [
                {"token": ancestor, "title": self.title(ancestor)}
                for ancestor in self.lineage(token)
            ],
        }

    def ordered_tokens(self):
        """Every token, in the taxonomy's order (parents before children)."""
        vocabulary = self.taxonomy.makeVocabulary(self.language)
        return [token for _path, token in vocabulary.iterEntries()]

    def tree(self, include=None):
        """The nested terms: ``[{"token", "title", "children": [...]}, ...]``.

        ``include`` (a callable taking a token) leaves out the terms it
        refuses, with their descendants.
        """
        roots = []
        nodes = {}
        for token in self.ordered_tokens():
            if include is not None and not include(token):
                continue
            node = {"token": token, "title": self.title(token), "children": []}
            nodes[token] = node
            parent = self.parent(token)
            if parent is None:
                roots.append(node)
            elif parent in nodes:
                nodes[parent]["children"].append(node)
        return roots


def terms(name, language):
    """TaxonomyTerms of the taxonomy ``name`` in ``language``, or None."""
    taxonomy = get_taxonomy(name)
    if taxonomy is None:
        return None
    return TaxonomyTerms(taxonomy, language)
