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

from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from socialhub.search.listing import ListingSearch


class ListingGet(Service):
    """The listing page of a section, a language root or the whole site."""

    def reply(self):
        search = ListingSearch(self.context, self.request)
        # plone.restapi's batching reads the (validated) batch from the form.
        self.request.form["b_start"] = str(search.b_start)
        self.request.form["b_size"] = str(search.b_size)
        batch = HypermediaBatch(self.request, search.results())
        result = {"@id": batch.canonical_url, "items_total": batch.items_total}
        links = batch.links
        if links:
            result["batching"] = links
        result["items"] = [search.card(brain) for brain in batch]
        result["language"] = search.language or "all"
        return result
