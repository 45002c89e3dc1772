"""@facets: results, batch and counts per taxonomy term in one request."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.search import facets
from socialhub.search.restapi.services.facets.get import FacetsGet
from socialhub.search.restapi.services.listing.get import ListingGet
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING

import datetime
import transaction
import unittest


def counts(facet):
    """``{token: count}`` of a facet's term tree, flattened."""
    found = {}
    stack = list(facet["terms"])
    while stack:
        node = stack.pop()
        found[node["token"]] = node["count"]
        stack.extend(node["children"])
    return found


class FacetsTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        library = self.portal["en"]["publications"]
        self.add(library, "ccts", ["conditional-cash-transfers"], ["SN"], 2021)
        self.add(library, "pensions", ["social-pensions"], ["KE"], 2023)
        self.add(library, "health", ["health-insurance"], ["KE", "FR"], 2024)
        self.add(library, "draft", ["unemployment-insurance"], ["JO"], 2024, False)
        french = self.add(
            self.portal["fr"]["publications"], "retraites", ["social-pensions"], ["SN"]
        )
        ITranslationManager(library["pensions"]).register_translation("fr", french)
        transaction.commit()
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)

    def add(self, container, id_, themes, countries, year=2020, publish=True):
        item = api.content.create(
            container=container,
            type="Publication",
            id=id_,
            title=id_.capitalize(),
            taxonomy_themes=themes,
            taxonomy_geography=countries,
            publication_date=datetime.date(year, 6, 1),
        )
        if publish:
            api.content.transition(obj=item, transition="publish")
        item.reindexObject()
        return item

    def facets(self, session, path="en", **params):
        response = session.get(f"{path}/@facets", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()


class TestFacets(FacetsTestCase):
    def test_results_and_counts_in_one_request(self):
        result = self.facets(self.anonymous, portal_type="Publication")
        self.assertEqual(result["items_total"], 3)
        self.assertEqual(result["language"], "en")
        themes = counts(result["facets"]["themes"])
        # A parent counts its descendants; nothing counts what is absent.
        self.assertEqual(themes["social-protection"], 3)
        self.assertEqual(themes["social-assistance"], 2)
        self.assertEqual(themes["cash-transfers"], 2)
        self.assertEqual(themes["social-pensions"], 1)
        self.assertEqual(themes["health-insurance"], 1)
        self.assertNotIn("childcare", themes)
        geography = counts(result["facets"]["geography"])
        self.assertEqual(
            (geography["001"], geography["002"], geography["KE"]), (3, 3, 2)
        )
        self.assertEqual(geography["150"], 1)
        self.assertEqual(
            result["facets"]["themes"]["terms"][0]["title"], "Social protection"
        )

    def test_anonymous_never_counts_an_unpublished_item(self):
        anonymous = self.facets(self.anonymous, facets="themes")
        self.assertNotIn(
            "unemployment-insurance", counts(anonymous["facets"]["themes"])
        )
        self.assertNotIn("Draft", str(anonymous))
        manager = self.facets(self.manager, facets="themes")
        self.assertEqual(
            counts(manager["facets"]["themes"])["unemployment-insurance"], 1
        )
        self.assertEqual(manager["items_total"], 4)  # the draft too

    def test_filter_by_parent_term_matches_descendants(self):
        result = self.facets(self.anonymous, themes="cash-transfers")
        self.assertEqual(
            sorted(item["title"] for item in result["items"]), ["Ccts", "Pensions"]
        )
        # The themes facet ignores its own filter: the other themes still count.
        self.assertEqual(counts(result["facets"]["themes"])["health-insurance"], 1)
        self.assertEqual(result["facets"]["themes"]["selected"], ["cash-transfers"])
        # Other facets count within the filtered results.
        self.assertNotIn("150", counts(result["facets"]["geography"]))

    def test_filters_combine(self):
        result = self.facets(self.anonymous, themes="social-insurance", geography="KE")
        self.assertEqual([item["title"] for item in result["items"]], ["Health"])
        either = self.facets(
            self.anonymous, themes=["social-pensions", "health-insurance"]
        )
        self.assertEqual(either["items_total"], 2)

    def test_language_defaults_to_the_language_root(self):
        french = self.facets(self.anonymous, path="fr", facets="themes")
        self.assertEqual(french["language"], "fr")
        self.assertEqual([item["title"] for item in french["items"]], ["Retraites"])
        self.assertEqual(
            french["facets"]["themes"]["terms"][0]["title"], "Protection sociale"
        )
        everything = self.facets(self.anonymous, path="", language="all")
        self.assertEqual(everything["items_total"], 4)
        self.assertEqual(everything["language"], "all")

    def test_sort_date_range_text_and_batch(self):
        result = self.facets(
            self.anonymous,
            sort_on="publication_date",
            sort_order="descending",
            b_size=2,
        )
        self.assertEqual(
            [item["title"] for item in result["items"]], ["Health", "Pensions"]
        )
        self.assertEqual(result["items_total"], 3)
        self.assertIn("next", result["batching"])
        ranged = self.facets(
            self.anonymous,
            **{
                "publication_date.min": "2022-01-01",
                "publication_date.max": "2023-12-31",
            },
        )
        self.assertEqual([item["title"] for item in ranged["items"]], ["Pensions"])
        text = self.facets(self.anonymous, q="Health")
        self.assertEqual([item["title"] for item in text["items"]], ["Health"])


#: Values @facets and @listing check alike (their parsing is one), with the
#: exact 400 message.
SEARCH_REFUSALS = (
    ({"b_size": "0"}, "b_size must be a whole number of at least 1, not 0."),
    ({"b_size": "²"}, "b_size must be a whole number of at least 0, not ²."),
    ({"b_start": "-1"}, "b_start must be a whole number of at least 0, not -1."),
    ({"q": ["a", "b"]}, "Give q once."),
    ({"sort_on": ["effective", "start"]}, "Give sort_on once."),
    (
        {"publication_date.min": "2024-13-45"},
        "publication_date.min must be a date such as 2024-12-31, not 2024-13-45.",
    ),
    (
        {"start.max": "2024-01-01T25:61:61"},
        "start.max must be a date such as 2024-12-31, not 2024-01-01T25:61:61.",
    ),
    (
        {"end.max": "9234-02-21T00:01:05"},
        "end.max must be a date from 1000-01-01 to 3999-12-31 such as 2024-12-31 "
        "or 2024-12-31T18:30, not 9234-02-21T00:01:05.",
    ),
    (
        {"publication_date.min": "0999-12-31"},
        "publication_date.min must be a date from 1000-01-01 to 3999-12-31 such as "
        "2024-12-31 or 2024-12-31T18:30, not 0999-12-31.",
    ),
    ({"themes": "nonsense"}, "Unknown term nonsense in the taxonomy themes."),
    ({"language": "de"}, "Unknown language de: use one of en, fr, es or all."),
    ({"portal_type": "Spaceship"}, "Unknown content type Spaceship."),
    (
        {"sort_on": "Title"},
        "Cannot sort on Title: use relevance or an "
        "index such as sortable_title, effective, modified or start.",
    ),
    ({"sort_order": "up"}, "sort_order must be ascending or descending."),
    (
        {"publication_date.min": "yesterday-ish"},
        "publication_date.min must be a date such as 2024-12-31, not yesterday-ish.",
    ),
)


class TestFacetsBadInput(FacetsTestCase):
    def assert_refused(self, params, message):
        response = self.anonymous.get("en/@facets", params=params)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["message"], message)

    def test_bad_input_is_a_400_with_a_clear_message(self):
        for params, message in SEARCH_REFUSALS:
            with self.subTest(params=params):
                self.assert_refused(params, message)
        self.assert_refused(
            {"facets": "colours"},
            "Unknown facet colours: use one of "
            "themes, geography, audiences, formats, actor_types, "
            "population_groups, community_roles.",
        )
        self.assert_refused(
            {"Title.min": "2024-01-01"},
            "Title is not a date index: filter "
            "on one of " + ", ".join(self.date_indexes()) + ".",
        )
        self.assert_refused(
            {"colour": "red"},
            "Unknown search parameter colour. Use q, "
            "portal_type, language, facets, sort_on, sort_order, b_start, "
            "b_size, metadata_fields, a taxonomy name (themes, geography, "
            "audiences, formats, actor_types, population_groups, "
            "community_roles) or "
            "<date index>.min / .max.",
        )

    def date_indexes(self):
        catalog = api.portal.get_tool("portal_catalog")
        return sorted(
            index.getId()
            for index in catalog.getIndexObjects()
            if index.meta_type in ("DateIndex", "DateRecurringIndex")
        )


class TestFacetsLargeResults(TestFacets):
    """The same answers through the strategy used above WALK_LIMIT results.

    Small test catalogs stay below the limit; large sites (measured in
    benchmarks/facets.py) count by matching posting lists instead.
    """

    def setUp(self):
        super().setUp()
        self.addCleanup(setattr, facets, "WALK_LIMIT", facets.WALK_LIMIT)
        facets.WALK_LIMIT = 0


class TestFormUntouched(unittest.TestCase):
    """@facets and @listing batch at the parsed values, leaving the form as sent."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def reply(self, service):
        request = self.layer["request"]
        request.form.clear()
        request.form.update({"b_size": "500", "language": "all"})
        request["ACTUAL_URL"] = self.layer["portal"].absolute_url()
        request["QUERY_STRING"] = "b_size=500&language=all"
        view = service()  # plone.rest services take context and request as set
        view.context, view.request = self.layer["portal"], request
        result = view.reply()
        self.assertEqual(request.form, {"b_size": "500", "language": "all"})
        return result

    def test_facets(self):
        result = self.reply(FacetsGet)
        self.assertEqual(result["language"], "all")
        self.assertEqual(len(result["items"]), result["items_total"])

    def test_listing(self):
        result = self.reply(ListingGet)
        self.assertEqual(result["language"], "all")
        self.assertEqual(len(result["items"]), result["items_total"])
