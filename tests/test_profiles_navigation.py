"""Each language root's sections are in its navigation, and its "Upcoming
Events" portlet lists that language's events, dates in that language."""

from datetime import datetime
from datetime import timedelta
from lxml import html
from plone import api
from plone.app.event.portlets.portlet_events import IEventsPortlet
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.portlets.interfaces import IPortletManager
from plone.portlets.interfaces import IPortletRenderer
from plone.restapi.testing import RelativeSession
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.sections import SECTION_TYPE
from socialhub.profiles.portlets import EventsRenderer
from socialhub.profiles.setuphandlers import EVENTS_PORTLET
from socialhub.profiles.setuphandlers import EVENTS_PORTLET_COLUMN
from socialhub.profiles.setuphandlers import portlet_assignments
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.interface import alsoProvides

import pytz
import transaction
import unittest


LANGUAGES = ("en", "fr", "es")
SECTIONS = ("publications", "actors", "initiatives", "courses", "events")
SITE_PROFILE = "socialhub.profiles:site"
#: The short date of plone.app.locales' ``plonelocales`` catalogue, per
#: language (``date_format_short``).
SHORT_DATES = {"en": "%b %d, %Y", "fr": "%d/%m/%Y", "es": "%d/%m/%Y"}
#: In three days, at 14:00 UTC (plone.app.event's recurrence wants pytz).
START = (datetime.now(pytz.utc) + timedelta(days=3)).replace(
    hour=14, minute=0, second=0, microsecond=0
)


def add_event(portal, language):
    """A published event in the language root's events section, in 3 days."""
    event = api.content.create(
        container=portal[language]["events"],
        type="Event",
        id=f"upcoming-{language}",
        title=f"Upcoming in {language}",
        start=START,
        end=START + timedelta(hours=2),
    )
    api.content.transition(obj=event, transition="publish")
    return event


class PageTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.events = {
            language: add_event(self.portal, language) for language in LANGUAGES
        }
        transaction.commit()
        self.anonymous = RelativeSession(self.portal.absolute_url(), test=self)
        self.anonymous.headers["Accept"] = "text/html"

    def page(self, path):
        response = self.anonymous.get(path)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return html.fromstring(response.content)


class TestSectionsInNavigation(PageTestCase):
    def test_records_are_not_navigation_items(self):
        # Sections list their records; a navigation portlet listing every
        # event of a section made an event's page cost as much as the list.
        self.assertNotIn(
            "Event", api.portal.get_registry_record("plone.displayed_types")
        )

    def test_sections_in_global_navigation_of_their_language(self):
        self.assertIn(
            SECTION_TYPE, api.portal.get_registry_record("plone.displayed_types")
        )
        for language in LANGUAGES:
            with self.subTest(language=language):
                root = self.portal[language]
                tree = self.page(f"{language}/publications")
                links = {
                    link.get("href"): link.text_content().strip()
                    for link in tree.xpath("//ul[@id='portal-globalnav']//a")
                }
                # Home, then the sections in their order, then other pages.
                self.assertEqual(
                    list(links)[1 : len(SECTIONS) + 1],
                    [root[section_id].absolute_url() for section_id in SECTIONS],
                )
                for section_id in SECTIONS:
                    section = root[section_id]
                    self.assertEqual(links[section.absolute_url()], section.Title())
                # One level: the events section's events do not drop down.
                self.assertNotIn(self.events[language].absolute_url(), links)
                other_roots = [
                    self.portal[other].absolute_url() + "/"
                    for other in LANGUAGES
                    if other != language
                ]
                self.assertEqual(
                    [url for url in links if url.startswith(tuple(other_roots))], []
                )


class TestUpcomingEvents(PageTestCase):
    def portlet_events(self, path):
        """(link, title, date text) of each item of the Upcoming Events portlet."""
        tree = self.page(path)
        (portlet,) = tree.xpath("//div[contains(@class, 'portletEvents')]")
        return [
            (
                item.xpath(".//a")[0].get("href"),
                item.xpath(".//a")[0].text_content().strip(),
                " ".join(
                    item.xpath(".//span[@class='portletItemDetails']")[0]
                    .text_content()
                    .split()
                ),
            )
            for item in portlet.xpath(".//li[contains(@class, 'portletItem')]")
        ]

    def test_each_page_lists_its_language_events_with_its_dates(self):
        # English first: the portlet's cache once served its list to all.
        for language in LANGUAGES:
            with self.subTest(language=language):
                items = self.portlet_events(language)
                root_url = self.portal[language].absolute_url() + "/"
                self.assertTrue(items)
                for url, _title, _when in items:
                    self.assertTrue(url.startswith(root_url), url)
                event = self.events[language]
                (mine,) = [item for item in items if item[0] == event.absolute_url()]
                self.assertEqual(mine[1], f"Upcoming in {language}")
                self.assertTrue(
                    mine[2].startswith(START.strftime(SHORT_DATES[language])), mine[2]
                )

    def test_renderer_finds_the_events_of_each_page(self):
        """Upstream's renderer served the events it cached for one page to the
        pages of every language (its cache key ignores the language)."""
        request = self.layer["request"]
        alsoProvides(request, ISocialHubCoreLayer)
        found = {}
        for language in LANGUAGES:
            root = self.portal[language]
            manager = getUtility(
                IPortletManager, name=EVENTS_PORTLET_COLUMN, context=root
            )
            assignment = portlet_assignments(root, EVENTS_PORTLET_COLUMN)[
                EVENTS_PORTLET
            ]
            view = root.restrictedTraverse("@@view")
            renderer = getMultiAdapter(
                (root, request, view, manager, assignment), IPortletRenderer
            )
            self.assertIsInstance(renderer, EventsRenderer)
            renderer.update()
            found[language] = [event.url for event in renderer.events]
        self.assertEqual(
            found,
            {
                language: [self.events[language].absolute_url()]
                for language in LANGUAGES
            },
        )

    def test_portlet_assigned_to_each_language_root_not_the_site(self):
        site_portlets = portlet_assignments(self.portal, EVENTS_PORTLET_COLUMN)
        self.assertFalse(
            [a for a in site_portlets.values() if IEventsPortlet.providedBy(a)]
        )
        for language in LANGUAGES:
            with self.subTest(language=language):
                root = self.portal[language]
                assignment = portlet_assignments(root, EVENTS_PORTLET_COLUMN)[
                    EVENTS_PORTLET
                ]
                self.assertEqual(assignment.search_base_uid, root.UID())
                self.assertEqual(assignment.state, ("published",))


class TestUpgrade(unittest.TestCase):
    """site 1000 -> 1001: sections in the navigation, events per language."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        from plone.app.event.portlets.portlet_events import Assignment

        self.portal = self.layer["portal"]
        self.setup_tool = self.portal.portal_setup
        # A site as version 1000 left it: Section not displayed, the events
        # portlet of plone.app.event at the site root only.
        api.portal.set_registry_record(
            "plone.displayed_types",
            tuple(
                name
                for name in api.portal.get_registry_record("plone.displayed_types")
                if name != SECTION_TYPE
            )
            + ("Event",),
        )
        for language in LANGUAGES:
            del portlet_assignments(self.portal[language], EVENTS_PORTLET_COLUMN)[
                EVENTS_PORTLET
            ]
        portlet_assignments(self.portal, EVENTS_PORTLET_COLUMN)[EVENTS_PORTLET] = (
            Assignment()
        )
        self.setup_tool.setLastVersionForProfile(SITE_PROFILE, "1000")

    def test_upgrade(self):
        api.portal.set_registry_record("plone.navigation_depth", 3)
        self.portal["en"].moveObjectToPosition("events", 0)
        self.setup_tool.upgradeProfile(SITE_PROFILE, "1001")
        self.assertEqual(
            self.setup_tool.getLastVersionForProfile(SITE_PROFILE), ("1001",)
        )
        self.assertIn(
            SECTION_TYPE, api.portal.get_registry_record("plone.displayed_types")
        )
        self.assertNotIn(
            "Event", api.portal.get_registry_record("plone.displayed_types")
        )
        self.assertEqual(api.portal.get_registry_record("plone.navigation_depth"), 1)
        self.assertEqual(self.portal["en"].objectIds()[: len(SECTIONS)], list(SECTIONS))
        self.assertNotIn(
            EVENTS_PORTLET, portlet_assignments(self.portal, EVENTS_PORTLET_COLUMN)
        )
        for language in LANGUAGES:
            root = self.portal[language]
            assignment = portlet_assignments(root, EVENTS_PORTLET_COLUMN)[
                EVENTS_PORTLET
            ]
            self.assertEqual(assignment.search_base_uid, root.UID())


if __name__ == "__main__":
    unittest.main()
