"""plone.app.querystring internals SocialHub reaches.

Checked against plone.app.querystring 3.0.0.

- ``QueryBuilder._makequery``:
  :meth:`socialhub.core.catalogquery.CatalogQuery.parse_rows` makes the
  catalog query of ``@querystring-search``'s criteria with the steps of
  this private method up to its catalog call (query modifiers,
  ``parseFormquery``, index modifiers, ``SearchableText`` munging), so
  that each criterion can be checked against the catalog's indexes before
  the search; the source it follows is pinned in :data:`COPIED`.
"""

#: Upstream functions SocialHub copies (a part of), with the SHA-256 of
#: their source when the copy was made.
COPIED = {
    "plone.app.querystring.querybuilder:QueryBuilder._makequery": (
        "f0413ed11b0cb2af335155ea58f3b5c32b0e33d5f31395f7aff59303a07f4a2d"
    ),
}
