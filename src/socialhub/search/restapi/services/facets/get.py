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

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services import Service
from socialhub.search.facets import FacetedSearch
from zope.component import getMultiAdapter


class FacetsGet(Service):
    """The faceted search of a section, a language root or the whole site."""

    def reply(self):
        search = FacetedSearch(self.context, self.request)
        # plone.restapi's batching reads the (validated) batch from the form.
        self.request.form["b_start"] = str(search.b_start)
        self.request.form["b_size"] = str(search.b_size)
        result = getMultiAdapter((search.results(), self.request), ISerializeToJson)(
            fullobjects=False
        )
        result["language"] = search.language or "all"
        result["facets"] = search.facet_counts()
        return result
