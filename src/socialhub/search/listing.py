"""Listing cards: what a listing page shows of each result, from the catalog.

A card is built from the result's catalog brain only: the common fields,
the columns its type's plugin declares (an ``ICardFields`` utility named
after the portal_type), the taxonomy terms assigned to it (the
``taxonomy_terms`` column of socialhub.taxonomy) titled in the reader's
language, and Plone's ``image_scales``. No object is loaded, which is what
makes a listing page cheap where ``@search?fullobjects=1`` wakes and
serializes every item.
"""

from plone.dexterity.content import FLOOR_DATE
from plone.restapi.serializer.converters import json_compatible
from socialhub.core.interfaces import ICardFields
from socialhub.taxonomy import terms as taxonomy_terms
from zope.component import queryUtility

import Missing


#: Card keys and the catalog metadata columns they come from, besides
#: ``@id`` (the brain's URL).
COMMON_FIELDS = (
    ("@type", "portal_type"),
    ("UID", "UID"),
    ("title", "Title"),
    ("description", "Description"),
    ("review_state", "review_state"),
    ("language", "Language"),
    ("created", "created"),
    ("modified", "modified"),
    ("effective", "effective"),
)


class ListingCards:
    """The cards of the results of a :class:`~socialhub.search.query.FacetQuery`.

    ``@listing`` takes the filters, sort and batch parameters of
    ``@facets`` (``LISTING_OPTIONS``: ``facets`` and ``metadata_fields``
    have no meaning for a card and are refused); term titles are in the
    query's ``title_language``.
    """

    def __init__(self, query):
        self.query = query
        self._card_fields = {}  # ICardFields columns by portal_type
        self._terms = {}  # TaxonomyTerms by taxonomy name, in title_language

    def card(self, brain):
        """The card of a catalog brain, from its metadata only."""
        card = {"@id": brain.getURL()}
        for key, column in COMMON_FIELDS:
            card[key] = _json(getattr(brain, column, None))
        if brain.effective == FLOOR_DATE:
            card["effective"] = None  # never published, as the object says
        for column in self.card_fields(brain.portal_type):
            card[column] = _json(getattr(brain, column, None))
        card["taxonomies"] = self.taxonomies_of(brain)
        card["image_scales"] = _json(getattr(brain, "image_scales", None))
        return card

    def card_fields(self, portal_type):
        """The columns the plugin of ``portal_type`` adds to its cards."""
        if portal_type not in self._card_fields:
            declared = queryUtility(ICardFields, name=portal_type)
            self._card_fields[portal_type] = tuple(
                declared.fields if declared is not None else ()
            )
        return self._card_fields[portal_type]

    def taxonomies_of(self, brain):
        """``{name: [{"token", "title"}, ...]}`` of the terms assigned to ``brain``.

        Terms a taxonomy no longer has, and taxonomies no longer installed,
        are left out; an item indexed before the ``taxonomy_terms`` column
        existed shows none until it is reindexed.
        """
        assigned = getattr(brain, "taxonomy_terms", None)
        if not assigned:  # none, or Missing.Value (indexed before the column)
            return {}
        taxonomies = {}
        for name, tokens in assigned.items():
            terms = self.terms(name)
            if terms is None:
                continue
            taxonomies[name] = [
                {"token": token, "title": terms.title(token)}
                for token in tokens
                if token in terms
            ]
        return taxonomies

    def terms(self, name):
        """The TaxonomyTerms of ``name`` in the title language, or None."""
        if name not in self._terms:
            self._terms[name] = (
                taxonomy_terms.terms(name, self.query.title_language)
                if name in self.query.taxonomies
                else None
            )
        return self._terms[name]


def _json(value):
    """A metadata value as plone.restapi gives it (None for a missing one).

    Strings, numbers and booleans are what they are: only the others go
    through plone.restapi's converters (an adapter lookup each).
    """
    if value is None or value is Missing.Value:
        return None
    if isinstance(value, (str, int, float)):
        return value
    return json_compatible(value)
