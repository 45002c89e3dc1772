"""GET ``@querystring-search?query=<JSON>``: plone.restapi's, checked first.

The ``query`` parameter holds what a POST sends as its body. See
:mod:`socialhub.core.restapi.services.querystring_search.post`.
"""

from plone.restapi.services.querystringsearch import get
from socialhub.core.catalogquery import CatalogQuery


class QuerystringSearchGet(get.QuerystringSearchGet):
    """plone.restapi's ``@querystring-search`` GET, checking its query first."""

    def reply(self):
        CatalogQuery(self.context, self.request).querystring_form(self.request.form)
        return super().reply()
