"""Upgrade steps: a site made before a profile change gets what a new site has."""

from Acquisition import aq_base
from plone import api
from plone.app.contenttypes.content import Event as PloneEvent
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.indexer.interfaces import IIndexer
from plone.registry.interfaces import IRegistry
from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool
from Products.ZCatalog.interfaces import IZCatalog
from socialhub.core.errors import CLIENT_ERROR_TYPES
from socialhub.core.errors import ZOPE_IGNORED_ERRORS
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.textindex import SearchableText
from socialhub.core.transforms import use_stock_html_to_text
from socialhub.core.translations import TranslationManager
from socialhub.core.uidgenerator import RandomUniqueIdGenerator
from socialhub.core.upgrades import v1004
from socialhub.events.content import Event
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from zope.component import getMultiAdapter
from zope.component import getUtility

import unittest


CORE = "socialhub.core:default"
TAXONOMY = "socialhub.taxonomy:default"
EVENTS = "socialhub.events:default"
POLICIES = "socialhub.policies:default"
SITE = "socialhub.profiles:site"


class UpgradeTestCase(unittest.TestCase):
    """A site with an item made before the upgrade, put back to a version."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup_tool = self.portal.portal_setup
        self.catalog = self.portal.portal_catalog

    def older(self, portal_type, section):
        """An item of ``portal_type`` in the English ``section``, with a theme."""
        return api.content.create(
            container=self.portal["en"][section],
            type=portal_type,
            id="older",
            title="Older",
            taxonomy_themes=["conditional-cash-transfers"],
        )

    def put_back(self, *profiles, version="1000"):
        """Record ``profiles`` as installed at ``version``."""
        for profile in profiles:
            self.setup_tool.setLastVersionForProfile(profile, version)


class TestUpgradeTo1001(UpgradeTestCase):
    """core and taxonomy 1000 -> 1001: concurrent writers, listing cards."""

    def setUp(self):
        super().setUp()
        self.item = self.older("Publication", "publications")
        # A site as version 1000 left it.
        self.portal._delObject("portal_uidgenerator")
        self.portal._setObject("portal_uidgenerator", UniqueIdGeneratorTool())
        self.catalog.delColumn("taxonomy_terms")
        self.put_back(CORE, TAXONOMY)

    def test_upgrades_reach_the_metadata_versions(self):
        for profile in (CORE, TAXONOMY):
            self.assertTrue(self.setup_tool.listUpgrades(profile))
            self.setup_tool.upgradeProfile(profile)
            self.assertEqual(
                self.setup_tool.getLastVersionForProfile(profile),
                (self.setup_tool.getVersionForProfile(profile),),
            )
            self.assertEqual(self.setup_tool.listUpgrades(profile), [])

    def test_core_upgrade_installs_the_random_history_ids(self):
        self.assertNotIsInstance(
            self.portal.portal_uidgenerator, RandomUniqueIdGenerator
        )
        self.setup_tool.upgradeProfile(CORE)
        self.assertIsInstance(self.portal.portal_uidgenerator, RandomUniqueIdGenerator)
        self.assertGreaterEqual(self.portal.portal_uidgenerator(), 2**31)

    def test_taxonomy_upgrade_fills_the_card_column(self):
        self.assertNotIn("taxonomy_terms", self.catalog.schema())
        self.setup_tool.upgradeProfile(TAXONOMY)
        self.assertIn("taxonomy_terms", self.catalog.schema())
        (brain,) = self.catalog.unrestrictedSearchResults(UID=self.item.UID())
        self.assertEqual(brain.taxonomy_terms["themes"], ["conditional-cash-transfers"])


class TestCoreUpgradeTo1002(UpgradeTestCase):
    """core 1001 -> 1002: translations found without a catalog search, text
    indexed without display widgets."""

    def setUp(self):
        super().setUp()
        self.item = self.older("Publication", "publications")
        # A site as version 1001 left it: plone.app.multilingual's manager,
        # plone.app.dexterity's text indexer.
        site_manager = self.portal.getSiteManager()
        site_manager.unregisterAdapter(
            factory=TranslationManager,
            required=(ITranslatable,),
            provided=ITranslationManager,
        )
        site_manager.unregisterAdapter(
            factory=SearchableText,
            required=(ISocialHubContent, IZCatalog),
            provided=IIndexer,
            name="SearchableText",
        )
        self.put_back(CORE, version="1001")

    def searchable_text_indexer(self):
        return getMultiAdapter((self.item, self.catalog), IIndexer, "SearchableText")

    def test_upgrade_registers_the_translation_manager_and_text_indexer(self):
        self.assertNotIsInstance(ITranslationManager(self.item), TranslationManager)
        self.assertNotIsInstance(self.searchable_text_indexer(), SearchableText)
        self.setup_tool.upgradeProfile(CORE, "1002")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(CORE), ("1002",))
        self.assertIsInstance(ITranslationManager(self.item), TranslationManager)
        self.assertIsInstance(self.searchable_text_indexer(), SearchableText)


class TestEventsUpgradeTo1001(UpgradeTestCase):
    """events 1000 -> 1001: events are SocialHub's Event class."""

    def setUp(self):
        super().setUp()
        # A site as version 1000 left it: events of Plone's own class.
        self.portal.portal_types.Event.klass = "plone.app.contenttypes.content.Event"
        self.event = self.older("Event", "events")
        self.put_back(EVENTS)

    def test_existing_events_become_socialhub_events(self):
        self.assertIs(type(aq_base(self.event)), PloneEvent)
        self.setup_tool.upgradeProfile(EVENTS, "1001")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(EVENTS), ("1001",))
        self.assertEqual(
            self.portal.portal_types.Event.klass, "socialhub.events.content.Event"
        )
        event = self.portal["en"]["events"]["older"]
        self.assertIs(type(aq_base(event)), Event)
        self.assertEqual(event.taxonomy_themes, ["conditional-cash-transfers"])
        self.assertIsNone(event.location)  # a default, found by SocialHub's class
        (brain,) = api.content.find(UID=event.UID())
        self.assertEqual(brain.getObject(), event)
        new = api.content.create(
            container=self.portal["en"]["events"], type="Event", title="Newer"
        )
        self.assertIs(type(aq_base(new)), Event)


class TestVersioningUpgradeTo1001(UpgradeTestCase):
    """publications, actors, initiatives, courses 1000 -> 1001: types versioned."""

    PROFILES = {
        "socialhub.publications:default": ("Publication",),
        "socialhub.actors:default": ("Actor",),
        "socialhub.initiatives:default": ("Initiative",),
        "socialhub.courses:default": ("Course", "CourseModule"),
    }

    def setUp(self):
        super().setUp()
        self.repository = self.portal.portal_repository
        # A site as version 1000 left it: the types not versionable, as each
        # plugin's uninstall profile leaves them.
        for profile in self.PROFILES:
            self.setup_tool.runImportStepFromProfile(
                "profile-" + profile.replace(":default", ":uninstall"),
                "repositorytool",
                run_dependencies=False,
            )
        self.put_back(*self.PROFILES)

    def test_types_become_versionable(self):
        for profile, types in self.PROFILES.items():
            with self.subTest(profile=profile):
                for portal_type in types:
                    self.assertNotIn(
                        portal_type, self.repository.getVersionableContentTypes()
                    )
                self.setup_tool.upgradeProfile(profile, "1001")
                self.assertEqual(
                    self.setup_tool.getLastVersionForProfile(profile), ("1001",)
                )
                for portal_type in types:
                    self.assertIn(
                        portal_type, self.repository.getVersionableContentTypes()
                    )
                    self.assertEqual(
                        self.repository.getPolicyMap()[portal_type],
                        ["at_edit_autoversion", "version_on_revert"],
                    )
        publication = self.older("Publication", "publications")
        self.assertEqual(len(self.repository.getHistory(publication)), 1)


class TestCoreUpgradeTo1003(UpgradeTestCase):
    """core 1002 -> 1003: Zope's error log ignores client errors."""

    def setUp(self):
        super().setUp()
        error_log = self.portal.error_log
        properties = error_log.getProperties()
        error_log.setProperties(
            properties["keep_entries"],
            properties["copy_to_zlog"],
            ZOPE_IGNORED_ERRORS,
        )
        self.put_back(CORE, version="1002")

    def test_upgrade_ignores_client_errors(self):
        self.assertNotIn(
            "BadRequest", self.portal.error_log.getProperties()["ignored_exceptions"]
        )
        self.setup_tool.upgradeProfile(CORE)
        self.assertEqual(
            self.portal.error_log.getProperties()["ignored_exceptions"],
            ZOPE_IGNORED_ERRORS
            + tuple(
                name for name in CLIENT_ERROR_TYPES if name not in ZOPE_IGNORED_ERRORS
            ),
        )


class TestCoreUpgradeTo1004(UpgradeTestCase):
    """core 1003 -> 1004: stored URLs that URL fields now refuse are listed and
    cleared, in SocialHub's types and in Plone's Link and Event."""

    def setUp(self):
        super().setUp()
        en = self.portal["en"]
        # Stored before the rule, as a script or an older version could.
        self.publication = self.create(en["publications"], "Publication")
        self.publication.external_url = "javascript:alert(1)"
        self.publication.authors = [
            {"name": "Ana", "url": "vbscript:msgbox(1)"},
            {"name": "Kofi", "url": "https://example.org/kofi"},
        ]
        self.actor = self.create(en["actors"], "Actor")
        self.actor.website = "data:text/html,x"
        self.actor.social_links = ["https://social.example.org/@acn", "javascript:x"]
        self.event = self.create(en["events"], "Event")
        self.event.event_url = "javascript:alert(1)"
        self.event.stream_url = "//evil.example.com/live"
        self.event.registration_url = "mailto:events@example.org"
        self.course = self.create(en["courses"], "Course")
        self.course.enrollment_url = "https://bücher.de/kurs"
        self.bad_link = self.create(en, "Link", remoteUrl="javascript:alert(1)")
        self.site_link = self.create(en, "Link", remoteUrl="${portal_url}/en")
        self.mail_link = self.create(
            en, "Link", remoteUrl="mailto:a@example.org?subject=Hello there"
        )
        self.put_back(CORE, version="1003")

    def create(self, container, portal_type, **fields):
        return api.content.create(
            container=container,
            type=portal_type,
            id=f"unsafe-{portal_type.lower()}-{len(container.objectIds())}",
            title="Unsafe",
            **fields,
        )

    def path(self, item):
        return "/".join(item.getPhysicalPath())

    def refused(self):
        """What the upgrade clears, in the order it finds it."""
        return [
            (self.actor, "website", "data:text/html,x"),
            (self.actor, "social_links", "javascript:x"),
            (self.event, "event_url", "javascript:alert(1)"),
            (self.event, "stream_url", "//evil.example.com/live"),
            (self.bad_link, "remoteUrl", "javascript:alert(1)"),
            (self.publication, "authors/url", "vbscript:msgbox(1)"),
            (self.publication, "external_url", "javascript:alert(1)"),
        ]

    def test_upgrade_lists_and_clears_refused_urls(self):
        with self.assertLogs("socialhub.core", "WARNING") as logs:
            self.setup_tool.upgradeProfile(CORE, "1004")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(CORE), ("1004",))
        self.assertEqual(
            logs.output,
            [
                f"WARNING:socialhub.core:Cleared an unsafe URL of {self.path(item)}, "
                f"field {field}: {value!r}"
                for item, field, value in self.refused()
            ],
        )
        self.assertIsNone(self.publication.external_url)
        self.assertEqual(
            self.publication.authors,
            [{"name": "Ana"}, {"name": "Kofi", "url": "https://example.org/kofi"}],
        )
        self.assertIsNone(self.actor.website)
        self.assertEqual(self.actor.social_links, ["https://social.example.org/@acn"])
        self.assertIsNone(self.event.event_url)
        self.assertIsNone(self.event.stream_url)
        # A required field gets an empty text: Plone's Link view strips it.
        self.assertEqual(self.bad_link.remoteUrl, "")
        (brain,) = self.catalog.unrestrictedSearchResults(UID=self.bad_link.UID())
        self.assertEqual(brain.getRemoteUrl, "")
        self.assertIn("Unsafe", self.bad_link.restrictedTraverse("@@view")())
        # What the rule takes stays as it was.
        self.assertEqual(self.event.registration_url, "mailto:events@example.org")
        self.assertEqual(self.course.enrollment_url, "https://bücher.de/kurs")
        self.assertEqual(self.site_link.remoteUrl, "${portal_url}/en")
        self.assertEqual(
            self.mail_link.remoteUrl, "mailto:a@example.org?subject=Hello there"
        )

    def test_upgrade_returns_what_it_cleared_and_runs_twice_safely(self):
        self.assertEqual(
            v1004.clear_unsafe_urls(self.setup_tool),
            [
                {"path": self.path(item), "field": field, "value": value}
                for item, field, value in self.refused()
            ],
        )
        with self.assertNoLogs("socialhub.core", "WARNING"):
            self.assertEqual(v1004.clear_unsafe_urls(self.setup_tool), [])


class TestCoreUpgradeTo1005(UpgradeTestCase):
    """core 1004 -> 1005: text limits and embeds in the registry, HTML turned
    into text in linear time, the rich text already stored filtered."""

    def setUp(self):
        super().setUp()

        def html(text):
            return RichTextValue(text, "text/html", "text/x-html-safe")

        folder = self.portal["en"]
        self.page = api.content.create(
            container=folder,
            type="Document",
            id="page",
            title="Page",
            text=html(
                '<p onclick="x()">Hi</p><iframe src="https://evil.example/">'
                '</iframe><iframe src="https://player.vimeo.com/video/1"></iframe>'
            ),
        )
        self.clean = api.content.create(
            container=folder,
            type="Document",
            id="clean",
            title="Clean",
            text=html("<p>Nothing to filter.</p>"),
        )
        self.deep = api.content.create(
            container=folder,
            type="Document",
            id="deep",
            title="Deep",
            text=html("<div>" * 300 + "<script>x()</script>"),
        )
        self.publication = self.older("Publication", "publications")
        self.publication.text = html("<p>Body</p><script>alert(1)</script>")
        self.publication.reindexObject()
        # A site as version 1004 left it: Plone's html_to_text, no records.
        use_stock_html_to_text()
        registry = getUtility(IRegistry)
        for name in list(registry.records.keys()):
            if name.startswith("socialhub.text."):
                del registry.records[name]
        self.put_back(CORE, version="1004")

    def test_upgrade(self):
        transforms = self.portal.portal_transforms
        self.assertIn("html_to_text", transforms.objectIds())
        self.assertIsNone(
            api.portal.get_registry_record(
                "socialhub.text.richtext_max_length", default=None
            )
        )
        with self.assertLogs("socialhub.core.upgrades.v1005", "INFO") as logs:
            self.setup_tool.upgradeProfile(CORE, "1005")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(CORE), ("1005",))
        self.assertEqual(
            api.portal.get_registry_record("socialhub.text.richtext_max_length"),
            200000,
        )
        self.assertEqual(
            api.portal.get_registry_record("socialhub.text.richtext_embed_urls")[-1],
            "https://player.vimeo.com/video/",
        )
        (transform,) = transforms._findPath("text/html", "text/plain")
        self.assertEqual(transform.name(), "socialhub_html_to_text")
        self.assertEqual(
            self.page.text.raw,
            '<p>Hi</p><iframe src="https://player.vimeo.com/video/1"></iframe>',
        )
        self.assertEqual(self.publication.text.raw, "<p>Body</p>")
        self.assertEqual(self.clean.text.raw, "<p>Nothing to filter.</p>")
        self.assertEqual(self.deep.text.raw, "<div>" * 300 + "<script>x()</script>")
        (brain,) = self.catalog(UID=self.publication.UID())
        self.assertNotIn(
            "alert", self.catalog.getIndexDataForRID(brain.getRID())["SearchableText"]
        )
        page = "/".join(self.page.getPhysicalPath())
        publication = "/".join(self.publication.getPhysicalPath())
        deep = "/".join(self.deep.getPhysicalPath())
        self.assertEqual(
            logs.output,
            [
                f"WARNING:socialhub.core.upgrades.v1005:{deep} (text): rich text "
                "not filtered, left as it is: The HTML nests its elements deeper "
                "than libxml2 reads (256 levels).",
                f"INFO:socialhub.core.upgrades.v1005:{page} (text): filtered rich "
                'text, removed onclick= on <p>, <iframe "https://evil.example/">',
                f"INFO:socialhub.core.upgrades.v1005:{publication} (text): "
                "filtered rich text, removed <script>",
                "INFO:socialhub.core.upgrades.v1005:Filtered the rich text of 2 "
                "fields; 1 could not be filtered",
            ],
        )


class TestViewPagesUpgradeTo1002(UpgradeTestCase):
    """publications, actors, initiatives, courses, events 1001 -> 1002: each
    type's view page is its default view."""

    VIEWS = {
        "socialhub.publications:default": {"Publication": "publication_view"},
        "socialhub.actors:default": {"Actor": "actor_view"},
        "socialhub.initiatives:default": {"Initiative": "initiative_view"},
        "socialhub.courses:default": {
            "Course": "course_view",
            "CourseModule": "coursemodule_view",
        },
        "socialhub.events:default": {"Event": "socialhub_event_view"},
    }

    def setUp(self):
        super().setUp()
        # A site as version 1001 left it: the field dump ("view") of Dexterity,
        # Plone's event_view for events.
        types = self.portal.portal_types
        for views in self.VIEWS.values():
            for portal_type in views:
                stock = "event_view" if portal_type == "Event" else "view"
                types[portal_type].manage_changeProperties(
                    default_view=stock, view_methods=(stock,)
                )
        self.publication = self.older("Publication", "publications")
        self.put_back(*self.VIEWS, version="1001")

    def test_view_pages_become_the_default_views(self):
        self.assertEqual(self.publication.getLayout(), "view")
        types = self.portal.portal_types
        for profile, views in self.VIEWS.items():
            with self.subTest(profile=profile):
                self.setup_tool.upgradeProfile(profile, "1002")
                self.assertEqual(
                    self.setup_tool.getLastVersionForProfile(profile), ("1002",)
                )
                for portal_type, view in views.items():
                    fti = types[portal_type]
                    self.assertEqual(fti.default_view, view)
                    self.assertIn(view, fti.view_methods)
        self.assertEqual(self.publication.getLayout(), "publication_view")
        self.assertEqual(
            types["Event"].view_methods, ("event_view", "socialhub_event_view")
        )


class TestCoreUpgradeTo1008(UpgradeTestCase):
    """core 1007 -> 1008: used or expired links and rate limits are client errors."""

    def test_upgrade_ignores_gone_and_too_many_requests(self):
        error_log = self.portal.error_log
        properties = error_log.getProperties()
        error_log.setProperties(
            properties["keep_entries"],
            properties["copy_to_zlog"],
            tuple(
                name
                for name in properties["ignored_exceptions"]
                if name not in ("HTTPGone", "HTTPTooManyRequests", "RateLimited")
            ),
        )
        self.put_back(CORE, version="1007")
        self.setup_tool.upgradeProfile(CORE, "1008")
        ignored = error_log.getProperties()["ignored_exceptions"]
        for name in ("HTTPGone", "HTTPTooManyRequests", "RateLimited"):
            with self.subTest(name=name):
                self.assertIn(name, ignored)
        self.assertEqual(self.setup_tool.getLastVersionForProfile(CORE), ("1008",))


class TestCoreUpgradeTo1007(UpgradeTestCase):
    """core 1006 -> 1007: the review queue in the toolbar's user menu."""

    def setUp(self):
        super().setUp()
        self.portal.portal_actions.user.manage_delObjects(["review-queue"])
        self.put_back(CORE, version="1006")

    def test_upgrade(self):
        self.setup_tool.upgradeProfile(CORE, "1007")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(CORE), ("1007",))
        action = self.portal.portal_actions.user["review-queue"]
        self.assertEqual(
            action.getProperty("url_expr"),
            "string:${globals_view/navigationRootUrl}/@@review-queue",
        )
        self.assertEqual(action.getProperty("permissions"), ("Review portal content",))


class TestPoliciesUpgradeTo1001(UpgradeTestCase):
    """policies 1000 -> 1001: "Send back" and "Reject" open the comment form;
    content keeps its state."""

    def setUp(self):
        super().setUp()
        self.workflows = self.portal.portal_workflow
        for workflow_id in (
            "socialhub_review_workflow",
            "socialhub_verification_workflow",
        ):
            self.workflows[workflow_id].transitions[
                "reject"
            ].actbox_url = (
                "%(content_url)s/content_status_modify?workflow_action=reject"
            )
        self.publication = self.older("Publication", "publications")
        api.content.transition(obj=self.publication, transition="submit")
        self.put_back(POLICIES, version="1000")

    def test_upgrade(self):
        self.setup_tool.upgradeProfile(POLICIES, "1001")
        self.assertEqual(self.setup_tool.getLastVersionForProfile(POLICIES), ("1001",))
        for workflow_id in (
            "socialhub_review_workflow",
            "socialhub_verification_workflow",
        ):
            with self.subTest(workflow=workflow_id):
                self.assertEqual(
                    self.workflows[workflow_id].transitions["reject"].actbox_url,
                    "%(content_url)s/@@transition-with-comment?workflow_action=reject",
                )
        self.assertEqual(api.content.get_state(self.publication), "pending")


class TestSiteUpgradeTo1002(UpgradeTestCase):
    """site 1001 -> 1002 (with taxonomy 1002, policies 1002): people."""

    def setUp(self):
        super().setUp()
        from plone.base.utils import get_installer
        from socialhub.taxonomy.setuphandlers import remove_taxonomy

        self.installer = get_installer(self.portal, self.layer["request"])
        self.installer.uninstall_product("socialhub.people")
        remove_taxonomy(self.portal, "community_roles")
        self.portal.portal_workflow.setChainForPortalTypes(["Person"], "(Default)")
        self.put_back(TAXONOMY, POLICIES, version="1001")
        self.put_back(SITE, version="1001")

    def test_upgrade_installs_people(self):
        self.assertNotIn("Person", self.portal.portal_types.objectIds())
        for run in (1, 2):
            with self.subTest(run=run):
                self.setup_tool.upgradeProfile(SITE)
                self.assertTrue(self.installer.is_product_installed("socialhub.people"))
                for profile in (SITE, TAXONOMY, POLICIES):
                    self.assertEqual(
                        self.setup_tool.getLastVersionForProfile(profile),
                        (self.setup_tool.getVersionForProfile(profile),),
                    )
                for language in ("en", "fr", "es"):
                    self.assertEqual(
                        self.portal[language]["people"].portal_type, "Section"
                    )
                self.assertEqual(
                    self.portal.portal_workflow.getChainForPortalType("Person"),
                    ("socialhub_review_workflow",),
                )
        person = api.content.create(
            container=self.portal["en"]["people"],
            type="Person",
            title="Amina Diallo",
            taxonomy_community_roles=["reviewer"],
        )
        found = api.content.find(taxonomy_community_roles="reviewer")
        self.assertEqual([brain.getObject() for brain in found], [person])
