"""GET ``@listing``: a batch of listing cards, built without loading any object.

Parameters: those of ``@facets`` but ``facets`` and ``metadata_fields``
(``q``, ``portal_type``, ``language``, a filter per taxonomy, date ranges,
``sort_on``, ``sort_order``, ``b_start``, ``b_size`` up to 100, default 20).

Each item is a card: ``@id``, ``@type``, ``UID``, ``title``,
``description``, ``review_state``, ``language``, ``created``, ``modified``,
``effective``, the columns its type declares (``ICardFields``), the
``taxonomies`` assigned to it with titles in the reader's language (the
searched language, else the request's) and ``image_scales`` (null without
an image).
"""

from plone import api
from plone.restapi.services import Service
from socialhub.core.params import ParsedBatch
from socialhub.search.facets import FacetedSearch
from socialhub.search.listing import ListingCards
from socialhub.search.query import FacetQuery
from socialhub.search.query import LISTING_OPTIONS


class ListingGet(Service):
    """The listing page of a section, a language root or the whole site."""

    def reply(self):
        query = FacetQuery.from_request(self.context, self.request, LISTING_OPTIONS)
        search = FacetedSearch(query, api.portal.get_tool("portal_catalog"))
        batch = ParsedBatch(self.request, search.results(), query.b_start, query.b_size)
        result = {"@id": batch.canonical_url, "items_total": batch.items_total}
        links = batch.links
        if links:
            result["batching"] = links
        cards = ListingCards(query)
        result["items"] = [cards.card(brain) for brain in batch]
        result["language"] = query.language or "all"
        return result
