"""The landing page of a language root: its sections and their latest items.

A language root (``/en``, ``/fr``, ``/es``) is where a visitor arrives; this
view, the default view of plone.app.multilingual's language root folders
once socialhub.search is installed, lists the root's sections (title,
description, how many records the visitor may see) and the newest items of
each as cards, from the catalog alone, with the engine of ``@facets``.
"""

from plone import api
from Products.Five.browser import BrowserView
from socialhub.core.languages import search_language
from socialhub.core.sections import SECTION_TYPE
from socialhub.core.sections import section_types
from socialhub.search.browser.cards import cards_html
from socialhub.search.browser.cards import PageCards
from socialhub.search.facets import FacetedSearch
from socialhub.search.query import FacetQuery
from socialhub.taxonomy.terms import installed_taxonomies


#: How many of its newest items each section shows.
LATEST_ITEMS = 3


class LandingView(BrowserView):
    """The sections of a language root, each with its count and newest items."""

    def title(self):
        """The site's title: the page is the site's home in one language."""
        return api.portal.get().Title()

    def sections(self):
        """The root's sections, in its order.

        ``[{"url", "title", "description", "count", "cards"}]``, ``cards``
        the HTML of the newest items' cards.
        """
        catalog = api.portal.get_tool("portal_catalog")
        language = search_language(self.context, self.request)
        root_path = "/".join(self.context.getPhysicalPath())
        found = catalog.searchResults(
            portal_type=SECTION_TYPE,
            path={"query": root_path, "depth": 1},
            sort_on="getObjPositionInParent",
        )
        sections = []
        for brain in found:
            section = brain.getObject()
            query = latest_items_query(section, language)
            results = FacetedSearch(query, catalog).results()
            url = brain.getURL()
            sections.append(
                {
                    "url": url,
                    "title": brain.Title,
                    "description": brain.Description,
                    "count": results.actual_result_count,
                    "cards": cards_html(
                        PageCards(query, self.context, self.request)(
                            list(results)[:LATEST_ITEMS], url
                        )
                    ),
                }
            )
        return sections


def latest_items_query(section, language):
    """The query of the newest records of ``section`` in ``language``.

    What the section's page asks without parameters (``@facets`` at the
    section with ``portal_type`` set to its records' types), but for the
    batch size: newest first.
    """
    return FacetQuery(
        path="/".join(section.getPhysicalPath()),
        language=language,
        text=None,
        portal_types=section_types(section),
        searched_types=api.portal.get_tool("plone_utils").getUserFriendlyTypes(),
        filters={},
        dates={},
        facets=[],
        sort_on="effective",
        sort_order="descending",
        b_start=0,
        b_size=LATEST_ITEMS,
        taxonomies=tuple(installed_taxonomies()),
        title_language=language,
    )
