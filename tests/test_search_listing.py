"""@listing: the cards of a listing page, from catalog metadata alone."""

from DateTime import DateTime
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import FunctionalTesting
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.layer import mark_layer
from plone.namedfile.file import NamedBlobImage
from socialhub.core.interfaces import ICardFields
from socialhub.search import facets
from socialhub.testing import api_session
from socialhub.testing import public_transition
from socialhub.testing import SOCIALHUB_FIXTURE
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from socialhub.testing import SOCIALHUB_TAXONOMY_INTEGRATION_TESTING
from socialhub.testing import SOCIALHUB_WSGI_SERVER_FIXTURE
from socialhub.testing import SocialHubLayer
from tests.test_search_facets import SEARCH_REFUSALS
from tests.test_taxonomy_setup import forget_generated_schemas
from urllib.parse import urlencode
from zope.component import getUtility
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent

import base64
import datetime
import transaction
import unittest


# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6k"
    "gAAAABJRU5ErkJggg=="
)
UTC = datetime.UTC
AUTHOR = ("author", "author-secret-123")
PUBLISHED = "2024-06-01T09:00:00+00:00"
TAXONOMY_NAMES = (
    "themes, geography, audiences, formats, actor_types, population_groups, "
    "community_roles"
)

# One record of each type: where, what, and what its card adds.
RECORDS = {
    "Publication": (
        "publications",
        {
            "publication_date": datetime.date(2024, 5, 2),
            "authors": [{"name": "Ana Pérez"}, {"name": "Kofi Mensah"}],
            "taxonomy_themes": ["conditional-cash-transfers"],
            "taxonomy_geography": ["SN", "KE"],
            "taxonomy_formats": ["report"],
        },
        {
            "publication_date": "2024-05-02",
            "author_names": ["Ana Pérez", "Kofi Mensah"],
        },
    ),
    "Actor": (
        "actors",
        {
            "acronym": "ACN",
            "is_funder": True,
            "founded_year": 2015,
            "headquarters_country": "KE",
            "taxonomy_actor_types": ["civil-society-network"],
            "taxonomy_geography": ["002"],
        },
        {
            "acronym": "ACN",
            "is_funder": True,
            "founded_year": 2015,
            "headquarters_country": "KE",
        },
    ),
    "Initiative": (
        "initiatives",
        {
            "status": "ongoing",
            "start": datetime.date(2021, 3, 1),
            "end": datetime.date(2026, 2, 28),
            "taxonomy_themes": ["social-pensions"],
            "taxonomy_population_groups": ["older-persons"],
        },
        {
            "initiative_status": "ongoing",
            "initiative_start": "2021-03-01",
            "initiative_end": "2026-02-28",
        },
    ),
    "Course": (
        "courses",
        {
            "course_format": "self_paced",
            "level": "advanced",
            "course_start": datetime.date(2025, 3, 3),
            "course_end": datetime.date(2025, 4, 28),
            "certificate": True,
            "taxonomy_audiences": ["policymakers"],
        },
        {
            "course_format": "self_paced",
            "course_level": "advanced",
            "course_start": "2025-03-03",
            "course_end": "2025-04-28",
            "course_certificate": True,
        },
    ),
    "Event": (
        "events",
        {
            "start": datetime.datetime(2026, 3, 10, 14, 0, tzinfo=UTC),
            "end": datetime.datetime(2026, 3, 10, 15, 30, tzinfo=UTC),
            "location": "Dakar",
            "event_kind": "webinar",
            "event_mode": "hybrid",
            "taxonomy_themes": ["health-insurance"],
            "taxonomy_geography": ["SN"],
        },
        {
            "start": "2026-03-10T14:00:00+00:00",
            "end": "2026-03-10T15:30:00+00:00",
            "event_kind": "webinar",
            "event_mode": "hybrid",
            "location": "Dakar",
        },
    ),
}

# The terms of the records above, titled in English and French.
TITLES = {
    "en": {
        "conditional-cash-transfers": "Conditional cash transfers",
        "SN": "Senegal",
        "KE": "Kenya",
        "report": "Report",
        "civil-society-network": "Civil society network",
        "002": "Africa",
        "social-pensions": "Social pensions",
        "older-persons": "Older persons",
        "policymakers": "Policymakers",
        "health-insurance": "Health insurance",
    },
    "fr": {
        "conditional-cash-transfers": "Transferts monétaires conditionnels",
        "SN": "Sénégal",
        "KE": "Kenya",
        "report": "Rapport",
        "002": "Afrique",
    },
}

# The taxonomy fields of each type (empty lists in its card when unset).
TAXONOMY_FIELDS = {
    "Publication": ["themes", "geography", "audiences", "formats", "population_groups"],
    "Actor": ["themes", "geography", "actor_types"],
    "Initiative": ["themes", "geography", "audiences", "population_groups"],
    "Course": ["themes", "audiences"],
    "Event": ["themes", "geography", "audiences"],
}


def add(portal, path, portal_type, id_, publish=True, **fields):
    """An item at ``path``, published on ``PUBLISHED`` unless told not to."""
    container = portal.unrestrictedTraverse(path)
    item = api.content.create(
        container=container,
        type=portal_type,
        id=id_,
        title=fields.pop("title", id_.replace("-", " ").capitalize()),
        description=fields.pop("description", f"About {id_}."),
        **fields,
    )
    if publish:
        api.content.transition(obj=item, transition=public_transition(portal_type))
        item.setEffectiveDate(DateTime(PUBLISHED))
    item.reindexObject()
    return item


def add_briefs(portal):
    """23 published Publications, "Brief 01" (2001) to "Brief 23" (2023)."""
    for number in range(1, 24):
        item = add(
            portal,
            "en/publications",
            "Publication",
            f"brief-{number:02d}",
            publication_date=datetime.date(2000 + number, 1, 1),
        )
        item.setEffectiveDate(DateTime(f"{2000 + number}-02-01T09:00:00+00:00"))
        item.reindexObject()


class BriefsLayer(SocialHubLayer):
    """The suite's site with the 23 briefs of :class:`TestBatching`, created
    once rather than before each test."""

    defaultBases = (SOCIALHUB_FIXTURE,)

    def setUpPloneSite(self, portal):
        # The browser layers and the global request, as in a test.
        mark_layer(portal, BeforeTraverseEvent(portal, portal.REQUEST))
        setRequest(portal.REQUEST)
        try:
            add_briefs(portal)
        finally:
            setRequest(None)
        super().setUpPloneSite(portal)


SOCIALHUB_BRIEFS_TESTING = FunctionalTesting(
    bases=(
        BriefsLayer(name="SocialHubBriefsLayer:Fixture"),
        SOCIALHUB_WSGI_SERVER_FIXTURE,
    ),
    name="SocialHubBriefsLayer:Functional",
)


class ListingTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)

    def add(self, path, portal_type, id_, publish=True, **fields):
        return add(self.portal, path, portal_type, id_, publish, **fields)

    def add_records(self):
        """One published record of each type, the organisation with a logo."""
        added = []
        for portal_type, (section, fields, _card) in RECORDS.items():
            if portal_type == "Actor":
                fields = {**fields, "logo": NamedBlobImage(PNG, filename="logo.png")}
            added.append(
                self.add(
                    f"en/{section}", portal_type, f"a-{portal_type.lower()}", **fields
                )
            )
        return added

    def listing(self, session, path="en", **params):
        response = session.get(f"{path}/@listing", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def search(self, path, portal_type):
        """The item of plone.restapi's @search, with the columns a card shares."""
        response = self.manager.get(
            f"{path}/@search",
            params={
                "portal_type": portal_type,
                "metadata_fields": [
                    "UID",
                    "Language",
                    "created",
                    "modified",
                    "effective",
                    "image_scales",
                ],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        [item] = response.json()["items"]
        return item


class TestCards(ListingTestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.add_records()
        transaction.commit()

    def expected_card(self, portal_type, language="en"):
        section, fields, card_fields = RECORDS[portal_type]
        stock = self.search(f"en/{section}", portal_type)
        titles = {**TITLES["en"], **TITLES.get(language, {})}
        return {
            "@id": f"{self.portal.absolute_url()}/en/{section}/a-{portal_type.lower()}",
            "@type": portal_type,
            "UID": stock["UID"],
            "title": f"A {portal_type.lower()}",
            "description": f"About a-{portal_type.lower()}.",
            "review_state": "verified" if portal_type == "Actor" else "published",
            "language": "en",
            "created": stock["created"],
            "modified": stock["modified"],
            "effective": PUBLISHED,
            **card_fields,
            "taxonomies": {
                name: [
                    {"token": token, "title": titles[token]}
                    for token in fields.get(f"taxonomy_{name}", [])
                ]
                for name in TAXONOMY_FIELDS[portal_type]
            },
            "image_scales": stock["image_scales"],
        }

    def test_card_of_each_type(self):
        for portal_type, (section, _fields, _card) in RECORDS.items():
            with self.subTest(portal_type=portal_type):
                result = self.listing(self.anonymous, f"en/{section}")
                self.assertEqual(result["items_total"], 1)
                [card] = result["items"]
                self.assertEqual(card, self.expected_card(portal_type))

    def test_card_fields_are_declared_by_each_plugin(self):
        for portal_type, (_section, _fields, card_fields) in RECORDS.items():
            with self.subTest(portal_type=portal_type):
                declared = getUtility(ICardFields, name=portal_type)
                self.assertEqual(declared.fields, tuple(card_fields))

    def test_dates_and_image_scales_as_plone_restapi_gives_them(self):
        result = self.listing(self.anonymous, sort_on="sortable_title")
        cards = {card["@type"]: card for card in result["items"]}
        self.assertEqual(sorted(cards), sorted(RECORDS))
        stock = self.search("en/actors", "Actor")
        for key in ("created", "modified", "effective", "image_scales"):
            self.assertEqual(cards["Actor"][key], stock[key])
        # The organisation's logo is in Plone's image_scales, the rest have none.
        self.assertEqual(cards["Actor"]["image_scales"]["logo"][0]["width"], 1)
        self.assertIsNone(cards["Publication"]["image_scales"])

    def test_only_assigned_terms_without_ancestors(self):
        result = self.listing(self.anonymous, "en/publications")
        [card] = result["items"]
        # conditional-cash-transfers is under cash-transfers, social-assistance
        # and social-protection: the catalog's taxonomy_themes has them all.
        self.assertEqual(
            [term["token"] for term in card["taxonomies"]["themes"]],
            ["conditional-cash-transfers"],
        )
        brain = api.content.find(portal_type="Publication")[0]
        self.assertIn("social-protection", brain.taxonomy_themes)
        self.assertEqual(
            brain.taxonomy_terms,
            {
                "themes": ["conditional-cash-transfers"],
                "geography": ["SN", "KE"],
                "audiences": [],
                "formats": ["report"],
                "population_groups": [],
            },
        )

    def test_titles_in_french_with_accept_language(self):
        self.anonymous.headers["Accept-Language"] = "fr"
        result = self.listing(self.anonymous, "", language="all")
        self.assertEqual(result["language"], "all")
        [card] = [card for card in result["items"] if card["@type"] == "Publication"]
        self.assertEqual(card, self.expected_card("Publication", "fr"))
        self.assertEqual(
            card["taxonomies"]["geography"],
            [{"token": "SN", "title": "Sénégal"}, {"token": "KE", "title": "Kenya"}],
        )
        # Within a language root, titles follow that root, as @facets' do.
        english = self.listing(self.anonymous, "en/publications")
        self.assertEqual(english["language"], "en")
        self.assertEqual(
            english["items"][0]["taxonomies"]["geography"][0]["title"], "Senegal"
        )

    def test_titles_in_french_in_the_french_root(self):
        english = self.portal["en"]["publications"]["a-publication"]
        french = self.add(
            "fr/publications",
            "Publication",
            "une-publication",
            title="Une publication",
            publication_date=datetime.date(2024, 5, 2),
        )
        ITranslationManager(english).register_translation("fr", french)
        transaction.commit()
        result = self.listing(self.anonymous, "fr")
        self.assertEqual(result["language"], "fr")
        [card] = result["items"]
        self.assertEqual((card["title"], card["language"]), ("Une publication", "fr"))
        self.assertEqual(
            card["taxonomies"]["themes"],
            [
                {
                    "token": "conditional-cash-transfers",
                    "title": "Transferts monétaires conditionnels",
                }
            ],
        )
        # Taxonomy terms are shared by translations: the English ones.
        self.assertEqual(
            card["taxonomies"]["geography"],
            [{"token": "SN", "title": "Sénégal"}, {"token": "KE", "title": "Kenya"}],
        )

    def test_filters_and_sort_as_facets(self):
        # Social pensions are cash transfers too.
        result = self.listing(
            self.anonymous, themes="cash-transfers", sort_on="sortable_title"
        )
        self.assertEqual(
            [card["@type"] for card in result["items"]], ["Initiative", "Publication"]
        )
        result = self.listing(self.anonymous, geography="002", sort_on="sortable_title")
        self.assertEqual(
            [card["title"] for card in result["items"]],
            ["A actor", "A event", "A publication"],
        )
        result = self.listing(self.anonymous, portal_type=["Course", "Initiative"])
        self.assertEqual(result["items_total"], 2)
        result = self.listing(self.anonymous, q="ACN")
        self.assertEqual([card["@type"] for card in result["items"]], ["Actor"])


class TestBatching(ListingTestCase):
    layer = SOCIALHUB_BRIEFS_TESTING  # add_briefs

    def titles(self, result):
        return [card["title"] for card in result["items"]]

    def test_default_batch_of_20_newest_first(self):
        result = self.listing(self.anonymous)
        self.assertEqual(result["items_total"], 23)
        self.assertEqual(
            self.titles(result), [f"Brief {n:02d}" for n in range(23, 3, -1)]
        )
        self.assertIn("b_start=20", result["batching"]["next"])

    def test_batch_size_start_and_links(self):
        url = f"{self.portal.absolute_url()}/en/publications/@listing"
        params = {"sort_on": "publication_date", "sort_order": "descending"}
        first = self.listing(self.anonymous, "en/publications", b_size=10, **params)
        self.assertEqual(first["@id"], url)  # batch and sort left out
        self.assertEqual(first["items_total"], 23)
        self.assertEqual(
            self.titles(first), [f"Brief {n:02d}" for n in range(23, 13, -1)]
        )
        batching = first["batching"]
        self.assertEqual(batching["@id"], f"{url}?b_size=10&" + urlencode(params))
        self.assertEqual(sorted(batching), ["@id", "first", "last", "next"])
        self.assertIn("b_start=10", batching["next"])
        self.assertIn("b_start=20", batching["last"])
        last = self.listing(
            self.anonymous, "en/publications", b_size=10, b_start=20, **params
        )
        self.assertEqual(self.titles(last), ["Brief 03", "Brief 02", "Brief 01"])
        self.assertEqual(sorted(last["batching"]), ["@id", "first", "last", "prev"])
        self.assertIn("b_start=10", last["batching"]["prev"])
        # Following a link gives the page it names.
        page = self.anonymous.get(batching["next"])
        self.assertEqual(page.status_code, 200, page.text)
        self.assertEqual(
            self.titles(page.json()), [f"Brief {n:02d}" for n in range(13, 3, -1)]
        )

    def test_pages_follow_each_other(self):
        """Every page of every sort continues the one before, in @facets too."""
        for sort in (
            {},
            {"sort_on": "publication_date"},
            {"sort_on": "publication_date", "sort_order": "descending"},
            {"sort_on": "sortable_title", "sort_order": "descending"},
        ):
            for endpoint in ("@listing", "@facets"):
                with self.subTest(endpoint=endpoint, **sort):
                    pages = [
                        self.titles(self.page(endpoint, b_start=start, **sort))
                        for start in range(0, 23, 7)
                    ]
                    everything = self.titles(self.page(endpoint, b_size=100, **sort))
                    self.assertEqual(len(everything), 23)
                    self.assertEqual(sum(pages, []), everything)

    def page(self, endpoint, b_start=0, b_size=7, **params):
        response = self.anonymous.get(
            f"en/publications/{endpoint}",
            params={"b_start": b_start, "b_size": b_size, **params},
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def test_no_batching_links_when_everything_fits(self):
        result = self.listing(self.anonymous, b_size=100)
        self.assertEqual(len(result["items"]), 23)
        self.assertNotIn("batching", result)


class TestBatchingLargeResults(TestBatching):
    """The same pages through the sort @facets uses above WALK_LIMIT results."""

    def setUp(self):
        super().setUp()
        self.addCleanup(setattr, facets, "WALK_LIMIT", facets.WALK_LIMIT)
        facets.WALK_LIMIT = 0


class TestBadInput(ListingTestCase):
    def assert_refused(self, params, message):
        response = self.anonymous.get("en/@listing", params=params)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["message"], message)

    def test_facets_and_other_unknown_parameters(self):
        for name in ("facets", "metadata_fields", "fullobjects", "colour"):
            with self.subTest(parameter=name):
                self.assert_refused(
                    {name: "themes"},
                    f"Unknown search parameter {name}. Use q, portal_type, "
                    "language, sort_on, sort_order, b_start, b_size, a taxonomy "
                    f"name ({TAXONOMY_NAMES}) or <date index>.min / .max.",
                )

    def test_values_checked_as_by_facets(self):
        for params, message in SEARCH_REFUSALS:
            with self.subTest(params=params):
                self.assert_refused(params, message)

    def test_facets_still_takes_its_own_parameters(self):
        response = self.anonymous.get(
            "en/@facets", params={"facets": "themes", "metadata_fields": "UID"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        response = self.anonymous.get("en/@facets", params={"colour": "red"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "Unknown search parameter colour. Use q, portal_type, language, "
            "facets, sort_on, sort_order, b_start, b_size, metadata_fields, a "
            f"taxonomy name ({TAXONOMY_NAMES}) or <date index>.min / .max.",
        )


class TestPrivacy(ListingTestCase):
    def setUp(self):
        super().setUp()
        self.add("en/publications", "Publication", "public")
        username, password = AUTHOR
        api.user.create(
            email=f"{username}@example.org", username=username, password=password
        )
        library = self.portal["en"]["publications"]
        api.user.grant_roles(username=username, obj=library, roles=["Contributor"])
        with api.env.adopt_user(username=username):
            api.content.create(
                container=library, type="Publication", id="draft", title="Draft"
            )
        transaction.commit()

    def ids(self, session):
        result = self.listing(session, "en/publications", sort_on="sortable_title")
        return [card["@id"].rsplit("/", 1)[-1] for card in result["items"]]

    def test_private_item_only_for_its_owner_and_managers(self):
        self.assertEqual(self.ids(self.anonymous), ["public"])
        self.assertNotIn("Draft", self.anonymous.get("en/@listing").text)
        author = api_session(self.layer, self, auth=AUTHOR)
        self.assertEqual(self.ids(author), ["draft", "public"])
        self.assertEqual(self.ids(self.manager), ["draft", "public"])
        result = self.listing(self.manager, "en/publications", sort_on="sortable_title")
        draft = result["items"][0]
        self.assertEqual(draft["review_state"], "private")
        self.assertIsNone(draft["effective"])  # never published


def loaded(db, oids):
    """The oids among ``oids`` that a connection of ``db`` holds unghosted."""
    found = set()
    for connection in list(db.pool) + list(db.historical_pool):
        for oid in oids:
            obj = connection._cache.get(oid)
            if obj is not None and obj._p_changed is not None:
                found.add(oid)
    return found


class TestNoObjectWoken(ListingTestCase):
    def setUp(self):
        super().setUp()
        self.oids = [item._p_oid for item in self.add_records()]
        transaction.commit()
        self.db = self.layer["zodbDB"]

    def assert_loads(self, path, params, expected):
        # Ghost every object the server's (and our) connections hold, ask,
        # then see which of the records the server had to load.
        self.db.cacheMinimize()
        self.assertEqual(loaded(self.db, self.oids), set())
        response = self.anonymous.get(path, params=params)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(loaded(self.db, self.oids), expected)
        return response.json()

    def test_cards_come_from_the_catalog_alone(self):
        result = self.assert_loads("en/@listing", {}, set())
        self.assertEqual(result["items_total"], len(RECORDS))
        self.assertEqual(
            sum(len(card["taxonomies"]) for card in result["items"]),
            sum(len(fields) for fields in TAXONOMY_FIELDS.values()),
        )
        # The check sees objects woken: stock full objects load every one.
        self.assert_loads("en/@search", {"fullobjects": "1"}, set(self.oids))


class TestTaxonomyTermsColumn(unittest.TestCase):
    """socialhub.taxonomy's catalog column of the terms assigned to an item."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.catalog = api.portal.get_tool("portal_catalog")
        self.item = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            id="brief",
            title="Brief",
            taxonomy_themes=["conditional-cash-transfers"],
            taxonomy_geography=["SN"],
        )

    def brain(self):
        [brain] = self.catalog(UID=self.item.UID())
        return brain

    def test_assigned_terms_of_every_taxonomy_field(self):
        self.assertIn("taxonomy_terms", self.catalog.schema())
        self.assertEqual(
            self.brain().taxonomy_terms,
            {
                "themes": ["conditional-cash-transfers"],
                "geography": ["SN"],
                "audiences": [],
                "formats": [],
                "population_groups": [],
            },
        )
        # collective.taxonomy's own column holds the ancestors too.
        self.assertEqual(sorted(self.brain().taxonomy_geography), ["001", "002", "SN"])
        self.item.taxonomy_themes = ["health-insurance", "social-pensions"]
        self.item.reindexObject()
        self.assertEqual(
            self.brain().taxonomy_terms["themes"],
            ["health-insurance", "social-pensions"],
        )

    def test_no_taxonomy_field_no_terms(self):
        folder = api.content.create(
            container=self.portal, type="Folder", id="folder", title="Folder"
        )
        [brain] = self.catalog(UID=folder.UID())
        self.assertEqual(brain.taxonomy_terms, {})

    def test_importing_the_catalog_again_keeps_indexes_and_columns(self):
        setup = api.portal.get_tool("portal_setup")
        setup.runImportStepFromProfile("profile-socialhub.taxonomy:default", "catalog")
        self.assertEqual(
            len(self.catalog(taxonomy_themes="social-protection", UID=self.item.UID())),
            1,
        )
        self.assertEqual(self.brain().taxonomy_terms["geography"], ["SN"])


class TestTaxonomyTermsUninstall(unittest.TestCase):
    layer = SOCIALHUB_TAXONOMY_INTEGRATION_TESTING

    def test_uninstall_removes_the_column(self):
        catalog = api.portal.get_tool("portal_catalog")
        self.assertIn("taxonomy_terms", catalog.schema())
        installer = get_installer(self.layer["portal"], self.layer["request"])
        installer.uninstall_product("socialhub.taxonomy")
        self.addCleanup(forget_generated_schemas)
        self.assertNotIn("taxonomy_terms", catalog.schema())
