"""socialhub.events extends Plone's Event, adds sections and indexes, uninstalls."""

from Missing import MV
from plone import api
from plone.app.contenttypes.content import Event as PloneEvent
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.core.interfaces import ISocialHubContent
from socialhub.events.behaviors.event import ISocialHubEvent
from socialhub.events.behaviors.event import ISocialHubEventMarker
from socialhub.events.interfaces import IEventsLayer
from socialhub.testing import allowed_types
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_EVENTS_INTEGRATION_TESTING
from zope.component import getUtility
from zope.dottedname.resolve import resolve

import datetime
import unittest


SECTION_TITLES = {"en": "Events", "fr": "Événements", "es": "Eventos"}
BEHAVIORS = ("socialhub.event", "socialhub.languages")


def create_event(container, event_id="e", **fields):
    """An Event in ``container`` with dates in 2026."""
    fields.setdefault("start", datetime.datetime(2026, 3, 10, 14, tzinfo=datetime.UTC))
    fields.setdefault("end", datetime.datetime(2026, 3, 10, 16, tzinfo=datetime.UTC))
    return api.content.create(
        container=container, type="Event", id=event_id, title="E", **fields
    )


class TestEventsInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_EVENTS_INTEGRATION_TESTING
    product = "socialhub.events"
    browser_layer = IEventsLayer
    section_id = "events"
    section_titles = SECTION_TITLES

    def test_section_accepts_events_only(self):
        self.assertEqual(allowed_types(self.portal["en"]["events"]), ["Event"])

    def test_events_stay_addable_where_plone_allows_them(self):
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertIn("Event", allowed_types(self.portal["en"]))
        self.assertIn("Event", allowed_types(folder))
        self.assertTrue(getUtility(IDexterityFTI, name="Event").global_allow)

    def test_event_fti_extended(self):
        fti = self.assert_behaviors(
            "Event",
            (
                *BEHAVIORS,
                "plone.translatable",
                "plone.eventbasic",
                "plone.eventrecurrence",
                "plone.textindexer",
            ),
        )
        # Plone's Event class, with SocialHub's field defaults.
        self.assertEqual(fti.klass, "socialhub.events.content.Event")
        self.assertTrue(issubclass(resolve(fti.klass), PloneEvent))
        # SocialHub's view page by default; Plone's event_view stays selectable.
        self.assertEqual(fti.default_view, "socialhub_event_view")
        self.assertEqual(fti.view_methods, ("event_view", "socialhub_event_view"))

    def test_marker_makes_events_socialhub_content(self):
        event = create_event(self.portal["en"]["events"])
        self.assertTrue(ISocialHubEventMarker.providedBy(event))
        self.assertTrue(ISocialHubContent.providedBy(event))
        adapted = ISocialHubEvent(event)
        adapted.event_kind = "webinar"
        self.assertEqual(event.event_kind, "webinar")

    def test_catalog_indexes_and_columns(self):
        self.assert_indexes({"event_kind": "FieldIndex", "event_mode": "FieldIndex"})
        catalog = api.portal.get_tool("portal_catalog")
        for name in ("start", "end"):
            with self.subTest(column=name):
                self.assertIn(name, catalog.schema())

    def test_catalog_data_and_searchable_speakers(self):
        section = self.portal["en"]["events"]
        create_event(
            section,
            event_kind="live_chat",
            event_mode="online",
            speakers=[{"name": "Amara Diallo", "affiliation": "Cash Learning Forum"}],
        )
        api.content.create(
            container=self.portal["en"], type="Document", id="d", title="D"
        )
        brains = api.content.find(event_kind="live_chat")
        self.assertEqual([brain.getId for brain in brains], ["e"])
        brain = brains[0]
        self.assertEqual((brain.event_kind, brain.event_mode), ("live_chat", "online"))
        self.assertEqual(
            (brain.start.year, brain.start.month, brain.start.day), (2026, 3, 10)
        )
        self.assertEqual(
            [b.getId for b in api.content.find(event_mode="online")], ["e"]
        )
        for text in ("Diallo", "Cash Learning Forum"):
            with self.subTest(text=text):
                self.assertEqual(
                    [b.getId for b in api.content.find(SearchableText=text)], ["e"]
                )
        document = api.content.find(portal_type="Document", getId="d")[0]
        self.assertEqual((document.event_kind, document.event_mode), (MV, MV))


class TestEventsUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_EVENTS_INTEGRATION_TESTING
    product = "socialhub.events"
    browser_layer = IEventsLayer

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.event = create_event(portal["en"]["events"], event_kind="webinar")
        super().setUp()

    def test_uninstalled(self):
        # Plone's Event stays: the FTI keeps all but SocialHub's behaviours.
        self.assert_product_uninstalled()
        event_fti = getUtility(IDexterityFTI, name="Event")
        for behavior in BEHAVIORS:
            with self.subTest(behavior=behavior):
                self.assertNotIn(behavior, event_fti.behaviors)
        # Plone's Event itself is untouched.
        for behavior in ("plone.eventbasic", "plone.translatable"):
            self.assertIn(behavior, event_fti.behaviors)
        self.assertTrue(event_fti.global_allow)
        # Plone's view again.
        self.assertEqual(event_fti.default_view, "event_view")
        self.assertEqual(event_fti.view_methods, ("event_view",))
        section_fti = getUtility(IDexterityFTI, name="Section")
        self.assertNotIn("Event", section_fti.allowed_content_types)
        self.assertFalse(ISocialHubEventMarker.providedBy(self.event))
        catalog = api.portal.get_tool("portal_catalog")
        self.assertNotIn("event_kind", catalog.indexes())
        self.assertNotIn("event_kind", catalog.schema())
