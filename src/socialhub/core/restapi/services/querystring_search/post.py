"""POST ``@querystring-search``: plone.restapi's, whose query is checked first.

Stock ``@querystring-search`` runs plone.app.querystring's operations on the
criteria as they come, and an unknown index, a value an operation or index
cannot take, a path depth of a billion or a sort index that cannot sort
answers HTTP 500 (or holds the request). Here
:class:`socialhub.core.catalogquery.CatalogQuery` checks the body first: bad
input answers 400 with a message that names what is wrong; a valid query
gives what stock ``@querystring-search`` gives.
"""

from plone.restapi.services.querystringsearch import get
from socialhub.core.catalogquery import CatalogQuery


class QuerystringSearchPost(get.QuerystringSearchPost):
    """plone.restapi's ``@querystring-search`` POST, checking its body first."""

    def reply(self):
        CatalogQuery(self.context, self.request).querystring_body()
        return super().reply()
