"""GET ``@facets``: results, batch and counts per taxonomy term in one request.

Parameters (all optional; repeat a parameter for several values):

- ``q``: full text;
- ``portal_type``: restrict to types;
- ``language``: ``en``, ``fr``, ``es`` or ``all`` (default: the language root
  the request is made in, else the request's language);
- ``<taxonomy>``: terms of a taxonomy, e.g. ``themes=cash-transfers``; several
  terms of one taxonomy match any of them, several taxonomies all of them; a
  parent term matches its descendants;
- ``<date index>.min`` / ``.max``: a date range, e.g. ``publication_date.min``;
- ``facets``: the taxonomies to count (default: all);
- ``sort_on`` (``relevance`` or an index), ``sort_order``;
- ``b_start``, ``b_size`` (at most 100), ``metadata_fields`` as for ``@search``.
"""

from plone import api
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.core.params import ParsedBatch
from socialhub.search.facets import FacetedSearch
from socialhub.search.query import FacetQuery
from zope.component import getMultiAdapter


class FacetsGet(Service):
    """The faceted search of a section, a language root or the whole site."""

    def reply(self):
        query = FacetQuery.from_request(self.context, self.request)
        search = FacetedSearch(query, api.portal.get_tool("portal_catalog"))
        # plone.restapi's catalog result serializer, at the parsed batch.
        batch = ParsedBatch(self.request, search.results(), query.b_start, query.b_size)
        result = {"@id": batch.canonical_url, "items_total": batch.items_total}
        links = batch.links
        if links:
            result["batching"] = links
        result["items"] = [
            getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
            for brain in batch
        ]
        result["language"] = query.language or "all"
        result["facets"] = search.facet_counts()
        return result
