"""The examples of the REST reference (``docs/rest/``), recorded from a live site.

Each test sends the requests of one endpoint to the demo site over HTTP and
compares request and answer with the committed example files
(``docs/rest/http-examples/``): the reference cannot rot. A change meant to
change an answer is recorded again with ``SOCIALHUB_DOCS_RECORD=1``
(see ``tests/docsrecording.py``), and the diff reviewed in git.
"""

from datetime import datetime
from datetime import UTC
from plone import api
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.docsrecording import check_example
from tests.docsrecording import Normaliser

import transaction
import unittest


STARTED = datetime.now(UTC)
PUBLICATION = "en/publications/cash-transfers-west-africa"


class RestReferenceTestCase(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.normalise = Normaliser(self.layer["portal"], STARTED)
        self.admin = api_session(self.layer, self)
        self.anonymous = api_session(self.layer, self, auth=None)

    def record(self, name, response, status):
        """Check ``response``'s status, then its example ``name``."""
        self.assertEqual(response.status_code, status, response.text)
        check_example(self, name, response, self.normalise)
        return response.json() if response.content else None


class TestFacets(RestReferenceTestCase):
    def test_facets(self):
        answer = self.record(
            "facets",
            self.anonymous.get(
                "en/publications/@facets",
                params={
                    "facets": ["formats", "audiences"],
                    "sort_on": "publication_date",
                    "sort_order": "descending",
                    "b_size": 2,
                },
            ),
            200,
        )
        self.assertEqual(sorted(answer["facets"]), ["audiences", "formats"])

    def test_facets_filtered(self):
        answer = self.record(
            "facets_filtered",
            self.anonymous.get(
                "en/@facets",
                params={
                    "themes": "cash-transfers",
                    "publication_date.min": "2022-01-01",
                    "facets": "formats",
                    "metadata_fields": "publication_date",
                    "sort_on": "publication_date",
                    "b_size": 3,
                },
            ),
            200,
        )
        self.assertEqual(answer["facets"]["formats"]["selected"], [])

    def test_facets_unknown_parameter(self):
        answer = self.record(
            "facets_unknown_parameter",
            self.anonymous.get("@facets", params={"colour": "red"}),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")


class TestListing(RestReferenceTestCase):
    def test_listing(self):
        answer = self.record(
            "listing",
            self.anonymous.get(
                "en/events/@listing",
                params={"sort_on": "start", "sort_order": "ascending", "b_size": 2},
            ),
            200,
        )
        self.assertEqual(len(answer["items"]), 2)

    def test_listing_bad_batch(self):
        answer = self.record(
            "listing_bad_batch",
            self.anonymous.get("@listing", params={"b_start": "-1"}),
            400,
        )
        self.assertEqual(
            answer["message"], "b_start must be a whole number of at least 0, not -1."
        )


class TestRelated(RestReferenceTestCase):
    def test_related(self):
        answer = self.record(
            "related",
            self.anonymous.get(f"{PUBLICATION}/@related", params={"limit": 2}),
            200,
        )
        self.assertLessEqual(len(answer["initiatives"]), 2)

    def test_related_limit_out_of_range(self):
        answer = self.record(
            "related_limit_out_of_range",
            self.anonymous.get(f"{PUBLICATION}/@related", params={"limit": 50}),
            400,
        )
        self.assertEqual(
            answer["message"], "limit must be a whole number from 1 to 20, not 50."
        )


class TestWorks(RestReferenceTestCase):
    def test_works(self):
        answer = self.record(
            "works",
            self.anonymous.get("en/people/aminata-diallo/@works"),
            200,
        )
        self.assertEqual(len(answer["publications"]), 1)


class TestReviewQueue(RestReferenceTestCase):
    def setUp(self):
        super().setUp()
        portal = self.layer["portal"]
        api.user.create(
            email="ana@example.org",
            username="ana",
            password="ana-password",
            properties={"fullname": "Ana Pérez"},
        )
        api.user.grant_roles(username="ana", obj=portal["en"], roles=["Contributor"])
        transaction.commit()
        author = api_session(self.layer, self, ("ana", "ana-password"))
        created = author.post(
            "en/publications",
            json={
                "@type": "Publication",
                "id": "draft-brief",
                "title": "A draft brief",
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        submitted = author.post(
            "en/publications/draft-brief/@workflow/submit",
            json={"comment": "Ready for review."},
        )
        self.assertEqual(submitted.status_code, 200, submitted.text)

    def test_review_queue(self):
        answer = self.record("review_queue", self.admin.get("en/@review-queue"), 200)
        self.assertEqual(answer["items"][0]["comment"], "Ready for review.")

    def test_review_queue_anonymous(self):
        self.record(
            "review_queue_anonymous", self.anonymous.get("en/@review-queue"), 401
        )


class TestTranslationStatus(RestReferenceTestCase):
    def test_translation_status(self):
        answer = self.record(
            "translation_status",
            self.admin.get(
                "en/actors/@translation-status",
                params={"target_language": "es", "status": "all", "b_size": 2},
            ),
            200,
        )
        self.assertEqual(answer["target_languages"], ["es"])

    def test_translation_status_unknown_status(self):
        answer = self.record(
            "translation_status_unknown_status",
            self.admin.get("en/@translation-status", params={"status": "late"}),
            400,
        )
        self.assertEqual(
            answer["message"],
            "status must be one of gaps, missing, outdated, all, not late.",
        )


class TestRootTranslations(RestReferenceTestCase):
    def test_root_translations(self):
        answer = self.record(
            "root_translations", self.anonymous.get("@translations"), 200
        )
        self.assertEqual(sorted(answer["root"]), ["en", "es", "fr"])

    def test_root_translations_link(self):
        answer = self.record(
            "root_translations_link",
            self.admin.post("@translations", json={"id": "/en"}),
            400,
        )
        self.assertEqual(
            answer["message"],
            "The site root has no language and no translations; link the "
            "language root folders or items instead.",
        )


class TestTaxonomies(RestReferenceTestCase):
    def test_taxonomies(self):
        answer = self.record("taxonomies", self.anonymous.get("@taxonomies"), 200)
        self.assertIn("themes", [item["name"] for item in answer["items"]])

    def test_taxonomy_tree(self):
        answer = self.record(
            "taxonomy_tree",
            self.anonymous.get(
                "@taxonomies/formats", headers={"Accept-Language": "fr"}
            ),
            200,
        )
        self.assertEqual(answer["language"], "fr")

    def test_taxonomy_unknown(self):
        answer = self.record(
            "taxonomy_unknown", self.anonymous.get("@taxonomies/colours"), 404
        )
        self.assertEqual(
            answer["message"], "No taxonomy colours: see @taxonomies for the list."
        )


class TestChangedStockBehaviour(RestReferenceTestCase):
    """Where SocialHub answers otherwise than stock plone.restapi (README)."""

    def test_unknown_property(self):
        answer = self.record(
            "content_unknown_property",
            self.admin.post(
                "en/publications",
                json={"@type": "Publication", "title": "A brief", "colour": "red"},
            ),
            400,
        )
        self.assertEqual(answer["errors"][0]["field"], "colour")

    def test_url_field_refuses_javascript(self):
        answer = self.record(
            "content_url_javascript",
            self.admin.patch(PUBLICATION, json={"external_url": "javascript:alert(1)"}),
            400,
        )
        self.assertEqual(answer["errors"][0]["field"], "external_url")

    def test_search_query_checked(self):
        answer = self.record(
            "search_bad_query",
            self.anonymous.get("@search", params={"is_folderish": "80"}),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")

    def test_history_unknown_version(self):
        answer = self.record(
            "history_unknown_version",
            self.admin.get(f"{PUBLICATION}/@history/99"),
            404,
        )
        self.assertEqual(answer["type"], "NotFound")

    def test_querystring_search_unknown_index(self):
        answer = self.record(
            "querystring_search_unknown_index",
            self.anonymous.post(
                "@querystring-search",
                json={
                    "query": [
                        {
                            "i": "colour",
                            "o": "plone.app.querystring.operation.selection.any",
                            "v": ["red"],
                        }
                    ]
                },
            ),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")

    def test_translation_locator_at_the_site_root(self):
        answer = self.record(
            "translation_locator_site_root",
            self.admin.get("@translation-locator", params={"target_language": "fr"}),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")

    def test_workflow_unknown_transition(self):
        answer = self.record(
            "workflow_unknown_transition",
            self.admin.post(f"{PUBLICATION}/@workflow/fly"),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")

    def test_sharing_entries_checked(self):
        answer = self.record(
            "sharing_bad_entries",
            self.admin.post(f"{PUBLICATION}/@sharing", json={"entries": "everyone"}),
            400,
        )
        self.assertEqual(answer["type"], "BadRequest")
