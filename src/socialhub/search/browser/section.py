"""The default view of a Section: its items as cards, with filters, counts and pages.

The page is ``@facets`` for people: it takes the same parameters (a filter
per taxonomy such as ``?themes=cash-transfers``, ``q``, date ranges, sort
and ``b_start``), reads them with the same :class:`FacetQuery` and searches
with the same :class:`FacetedSearch`, so its counts are those ``@facets``
gives for the same query. Without ``portal_type`` it shows the section's
records, the types that may be added to it (not, say, the modules inside
the courses): ``@facets`` with ``portal_type`` set to those. A parameter it
cannot read gives the page with the message (status 400), never an error
page.
"""

from AccessControl import getSecurityManager
from dataclasses import replace
from html import escape
from plone import api
from plone.batching import Batch
from plone.batching.browser import PloneBatchView
from plone.memoize import ram
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from socialhub.core import _
from socialhub.core.compat.cmfplone import allowed_roles_and_users
from socialhub.core.compat.cmfplone import catalog_state
from socialhub.core.sections import section_types
from socialhub.search.browser.cards import cards_html
from socialhub.search.browser.cards import PageCards
from socialhub.search.facets import FacetedSearch
from socialhub.search.query import FacetQuery
from socialhub.search.query import OPTIONS
from socialhub.taxonomy import field_name
from socialhub.taxonomy import terms as taxonomy_terms
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.i18n import translate
from zope.i18n.interfaces import IUserPreferredLanguages

import time


#: The parameters of ``@facets`` the page reads: all but ``metadata_fields``
#: (a card's columns are its type's).
PAGE_OPTIONS = tuple(option for option in OPTIONS if option != "metadata_fields")

#: Parameters Plone's Classic UI adds to a page's address (its modals and
#: overlays load pages with ``ajax_load``): not search parameters.
CLASSIC_UI_PARAMETERS = ("ajax_load", "ajax_include_head")

#: The batch parameters, whole numbers written as text.
BATCH_PARAMETERS = ("b_start", "b_size")

#: The attributes of the link of a term filtered on.
SELECTED_TERM = ' class="fw-bold socialhub-term-selected" aria-current="true"'

#: Facet headings: the taxonomies' titles are English in collective.taxonomy.
FACET_TITLES = {
    "themes": _("facet_themes", default="Themes"),
    "geography": _("facet_geography", default="Geography"),
    "audiences": _("facet_audiences", default="Audiences"),
    "formats": _("facet_formats", default="Formats"),
    "actor_types": _("facet_actor_types", default="Types of organisation"),
    "population_groups": _("facet_population_groups", default="Population groups"),
    "community_roles": _("facet_community_roles", default="Community roles"),
}


class SectionView(BrowserView):
    """A section's items as cards, filtered by its taxonomies, one page at a time."""

    content_template = ViewPageTemplateFile("templates/section_content.pt")
    error = None
    query = None
    _search = None
    _batch = None
    _facet_counts = None
    _facets = None

    def __init__(self, context, request):
        super().__init__(context, request)
        self._kept_queries = {}

    def __call__(self):
        redirect = self.canonical_url()
        if redirect:
            return self.request.response.redirect(redirect)
        try:
            query = FacetQuery.from_request(
                self.context, self.request, PAGE_OPTIONS, CLASSIC_UI_PARAMETERS
            )
        except BadRequest as error:
            # The message is translated already (socialhub.core.params.fail).
            self.error = str(error)
            self.request.response.setStatus(400)
        else:
            if not query.portal_types:
                query = replace(query, portal_types=section_types(self.context))
            self.query = query
        return self.index()

    def content(self):
        """The page's own HTML: the form, facets, chosen filters, cards and pages.

        Kept in a RAM cache (:func:`content_cache_key`): a section's page is
        asked for far more often than the catalog changes. The error message
        of a bad parameter is not kept.
        """
        if self.query is None:
            return self.content_template()
        return self.cached_content()

    @ram.cache(lambda method, view: content_cache_key(view))
    def cached_content(self):
        """The page's own HTML, made once per :func:`content_cache_key`."""
        return self.content_template()

    def search(self):
        """The :class:`FacetedSearch` of the query, made once."""
        if self._search is None:
            self._search = FacetedSearch(
                self.query, api.portal.get_tool("portal_catalog")
            )
        return self._search

    @property
    def batch(self):
        """The page of results shown, or None with a bad parameter."""
        if self.query is None:
            return None
        if self._batch is None:
            self._batch = Batch(
                self.search().results(), self.query.b_size, self.query.b_start
            )
        return self._batch

    def canonical_url(self):
        """The URL naming the parameters as ``@facets`` does, or None.

        A filter named after the taxonomy's field (``taxonomy_themes=...``)
        is read as the taxonomy's name (``themes=...``), and a batch number
        Zope converted (``b_start:int=20``, as Plone's own batch links write
        it) as plain text: a redirect, so that every filtered listing has
        one address.
        """
        form = self.request.form
        renamed = {
            field_name(name): name
            for name in taxonomy_terms.installed_taxonomies()
            if field_name(name) in form
        }
        converted = [
            name for name in BATCH_PARAMETERS if isinstance(form.get(name), int)
        ]
        if not renamed and not converted:
            return None
        parameters = [
            (renamed.get(key, key), str(value) if key in converted else value)
            for key, value in form_pairs(form)
        ]
        return f"{self.context.absolute_url()}?{urlencode(parameters)}"

    def batch_navigation(self):
        """Plone's page links for the batch, keeping the filters."""
        return BatchNavigation(self.context, self.request)(self.batch)

    @property
    @memoize
    def section_url(self):
        return self.context.absolute_url()

    def cards(self):
        """The cards of the current page."""
        if self.batch is None:
            return []
        return PageCards(self.query, self.context, self.request)(
            self.batch, self.section_url
        )

    def cards_html(self):
        """The HTML of the cards of the current page."""
        return cards_html(self.cards())

    def items_total(self):
        """How many items the query finds, on every page."""
        return self.batch.sequence_length if self.batch is not None else 0

    def facet_counts(self):
        """The counts of :meth:`FacetedSearch.facet_counts`, computed once."""
        if self._facet_counts is None:
            self._facet_counts = self.search().facet_counts()
        return self._facet_counts

    def facets(self):
        """The facets with terms to show: ``[{"name", "title", "terms"}]``.

        ``terms`` is the term tree flattened in order, each term with its
        ``depth``, ``count``, whether it is ``selected`` and the ``url``
        that adds it to the filters, or takes it out when it is selected.
        """
        if self.query is None:
            return []
        if self._facets is None:
            self._facets = self._shown_facets()
        return self._facets

    def _shown_facets(self):
        shown = []
        for name, facet in self.facet_counts().items():
            if not facet["terms"]:
                continue
            selected = facet["selected"]
            terms = []
            for term, depth in _flattened(facet["terms"]):
                chosen = term["token"] in selected
                tokens = (
                    [token for token in selected if token != term["token"]]
                    if chosen
                    else [*selected, term["token"]]
                )
                terms.append(
                    {
                        "token": term["token"],
                        "title": term["title"],
                        "count": term["count"],
                        "depth": depth,
                        "selected": chosen,
                        "url": self.url_with(name, tokens),
                    }
                )
            shown.append(
                {"name": name, "title": self.facet_title(name), "terms": terms}
            )
        return shown

    def facets_html(self):
        """The facets' headings and term links, as HTML.

        Written in Python rather than in the template: a page links every
        term of every facet (some 140), and each TAL expression per term
        costs more than the whole string here.
        """
        heading = translate(
            _("section_filters", default="Filters"), context=self.request
        )
        parts = [f'<h2 class="visually-hidden">{escape(heading)}</h2>']
        for facet in self.facets():
            parts.append(
                f'<section class="mb-3 socialhub-facet" '
                f'data-facet="{escape(facet["name"])}">'
                f'<h3 class="h6">{escape(facet["title"])}</h3>'
                '<ul class="list-unstyled mb-0">'
            )
            parts.extend(
                f'<li style="padding-inline-start: {term["depth"]}em;" '
                f'data-token="{escape(term["token"])}">'
                f'<a href="{escape(term["url"])}"'
                f"{SELECTED_TERM if term['selected'] else ''}>"
                f"{escape(term['title'])} "
                '<span class="badge text-bg-secondary socialhub-term-count">'
                f"{term['count']}</span></a></li>"
                for term in facet["terms"]
            )
            parts.append("</ul></section>")
        return "".join(parts)

    def selected(self):
        """The terms filtered on: ``[{"title", "facet", "url"}]``.

        ``url`` is this page without the term.
        """
        if self.query is None:
            return []
        chosen = []
        for name, tokens in self.query.filters.items():
            terms = taxonomy_terms.terms(name, self.query.title_language)
            for token in tokens:
                others = [other for other in tokens if other != token]
                chosen.append(
                    {
                        "title": terms.title(token),
                        "facet": self.facet_title(name),
                        "url": self.url_with(name, others),
                    }
                )
        return chosen

    def facet_title(self, name):
        """The heading of the facet of taxonomy ``name``, translated."""
        title = FACET_TITLES.get(name)
        if title is None:
            return taxonomy_terms.get_taxonomy(name).title
        return translate(title, context=self.request)

    def url_with(self, name, tokens):
        """This page's URL with the filter ``name`` set to ``tokens``, on page one."""
        kept = self.kept_query(name)
        added = urlencode([(name, token) for token in tokens])
        query = "&".join(part for part in (kept, added) if part)
        return f"{self.section_url}?{query}" if query else self.section_url

    def kept_query(self, name):
        """The query string of the other parameters than ``name`` and ``b_start``.

        Made once per filter: a page links every term of every facet.
        """
        if name not in self._kept_queries:
            self._kept_queries[name] = urlencode(
                form_pairs(self.request.form, leave_out=(name, "b_start"))
            )
        return self._kept_queries[name]

    def hidden_parameters(self):
        """The parameters the full-text form keeps: all but ``q`` and ``b_start``."""
        return [
            {"name": key, "value": value}
            for key, value in form_pairs(self.request.form, leave_out=("q", "b_start"))
        ]

    def text(self):
        value = self.request.form.get("q", "")
        return value if isinstance(value, str) else ""


def content_cache_key(view):
    """What a section page's own HTML depends on: a new key when any of it changes.

    - the catalog's state (:func:`~socialhub.core.compat.cmfplone.catalog_state`,
      read once the pending indexing is done): an item added, edited,
      moved, published or retracted, or its permissions changed, changes
      the counts and the cards;
    - the roles, groups and user id a restricted search looks for (the
      catalog's ``allowedRolesAndUsers``): nobody gets a page made for
      someone who may see more;
    - the minute: the catalog hides items before their publishing date and
      after their expiry date to the minute (``effectiveRange``), and no
      page is kept longer than that after a change the catalog does not
      see (a type's title or fields);
    - the page's address and every parameter, as asked (the links keep
      them) and as read (the types, languages and facets searched);
    - the languages the page is translated into, and the taxonomies'
      terms (their titles, edited in their control panel).
    """
    catalog = api.portal.get_tool("portal_catalog")
    return repr(
        (
            catalog_state(catalog),
            allowed_roles_and_users(catalog, getSecurityManager().getUser()),
            minute(),
            view.section_url,
            view.request.get("ACTUAL_URL"),
            form_pairs(view.request.form),
            view.query,
            IUserPreferredLanguages(view.request).getPreferredLanguages(),
            [
                serial(taxonomy_terms.get_taxonomy(name).data)
                for name in view.query.taxonomies
            ],
        )
    )


def serial(persistent):
    """The transaction that last committed ``persistent`` (a ghost is loaded first)."""
    persistent._p_activate()
    return persistent._p_serial


def minute():
    """The minutes since the epoch, the precision of ``effectiveRange``."""
    return int(time.time() // 60)


class BatchNavigation(PloneBatchView):
    """Plone's batch navigation (``@@batchnavigation``), ``b_start`` as text.

    Plone writes the page's start as ``b_start:int=20`` (ZTUtils'
    ``make_query`` marks an int so); ``@facets`` parameters are plain
    ``b_start=20``, as a frontend and the REST API write them.
    """

    def make_link(self, pagenumber=None, omit_params=("ajax_load",)):
        start = max(pagenumber - 1, 0) * self.batch.pagesize
        leave_out = (*omit_params, self.batch.b_start_str)
        parameters = form_pairs(self.request.form, leave_out=leave_out)
        parameters.append((self.batch.b_start_str, str(start)))
        return f"{self.request.ACTUAL_URL}?{urlencode(parameters)}"


def form_pairs(form, leave_out=()):
    """``[(key, value)]`` of a request's form, a repeated key once per value."""
    return [
        (key, item)
        for key, value in form.items()
        if key not in leave_out
        for item in (value if isinstance(value, list) else [value])
    ]


def _flattened(tree, depth=0):
    """``(term, depth)`` of a term tree, parents first."""
    for term in tree:
        yield term, depth
        yield from _flattened(term["children"], depth + 1)
