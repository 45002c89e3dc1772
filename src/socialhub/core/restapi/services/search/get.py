"""GET ``@search``: plone.restapi's catalog search, whose query is checked.

Stock ``@search`` hands the query string to the catalog as it comes, and a
value an index cannot take (``is_folderish=80``, ``created=2024-13-45``,
``SearchableText=AND``, ``b_size=-1``, ``sort_on=Title``...) answers HTTP
500. Here :class:`socialhub.core.catalogquery.CatalogQuery` checks it first:
bad input answers 400 with a message that names the parameter and what it
takes; a valid query gives what stock ``@search`` gives.
"""

from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.search import get
from socialhub.core.catalogquery import CatalogQuery


class SearchGet(get.SearchGet):
    """plone.restapi's ``@search``, checking its query first."""

    def reply(self):
        # plone.restapi's reply, with the query checked in between. The
        # checked query is the one searched: it mends what the form cannot
        # say (numbers for numeric indexes, no batch hints where ZCatalog's
        # n-best sort fails), so super().reply(), which reads the form
        # again, would not do.
        query = unflatten_dotted_dict(self.request.form.copy())
        query = CatalogQuery(self.context, self.request).search(query)
        return SearchHandler(self.context, self.request).search(query)
