"""Publications through the REST API: schema, round trip, bad input, relations."""

from socialhub.testing import api_session
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_PUBLICATIONS_FUNCTIONAL_TESTING

import base64
import unittest


PDF = base64.b64encode(b"%PDF-1.4 a tiny test file").decode()

FULL = {
    "@type": "Publication",
    "title": "Cash transfers in West Africa",
    "description": "A review of programmes.",
    "abstract": "What ten years of cash transfers taught us.",
    "text": {"data": "<p>Body</p>", "content-type": "text/html"},
    "authors": [
        {"name": "Ana Pérez", "affiliation": "UNICEF", "orcid": "0000-0002-1825-0097"},
        {"name": "Kofi Mensah"},
    ],
    "publication_date": "2024-05-02",
    "file": {
        "data": PDF,
        "encoding": "base64",
        "filename": "report.pdf",
        "content-type": "application/pdf",
    },
    "external_url": "https://example.org/report",
    "doi": "10.1000/xyz123",
    "isbn": "978-92-2-133868-0",
    "pages": 84,
    "licence": "CC-BY-4.0",
    "resource_languages": ["en", "fr"],
}


class TestPublicationAPI(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_FUNCTIONAL_TESTING
    container = "en/publications"
    record = FULL

    def test_schema(self):
        response = self.api.get("@types/Publication")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in (
            "abstract",
            "authors",
            "publishers",
            "publication_date",
            "file",
            "external_url",
            "doi",
            "isbn",
            "pages",
            "licence",
            "related_initiatives",
            "resource_languages",
            "image",
        ):
            self.assertIn(name, properties)

    def test_round_trip(self):
        created = self.create()
        got = self.api.get(created["@id"]).json()
        for name in (
            "title",
            "description",
            "abstract",
            "authors",
            "publication_date",
            "external_url",
            "doi",
            "isbn",
            "pages",
        ):
            self.assertEqual(got[name], FULL[name], name)
        self.assertEqual(got["licence"]["token"], "CC-BY-4.0")
        self.assertEqual(
            [lang["token"] for lang in got["resource_languages"]], ["en", "fr"]
        )
        self.assertEqual(got["file"]["filename"], "report.pdf")
        patched = self.api.patch(created["@id"], json={"pages": 90, "authors": []})
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual((got["pages"], got["authors"]), (90, []))

    def test_bad_input(self):
        self.assert_field_refused(
            {"abstarct": "x"}, "abstarct", "Publication has no field abstarct."
        )
        self.assert_field_refused(
            {"doi": "doi:10.1/x"},
            "doi",
            "Enter a DOI such as 10.1000/xyz123, without https://doi.org/.",
        )
        self.assert_field_refused(
            {"external_url": "javascript:alert(1)"},
            "external_url",
            "Enter a web address that starts with http:// or https://.",
        )
        self.assert_field_refused(
            {"licence": "WTFPL"}, "licence", "Constraint not satisfied"
        )

    def test_private_related_item_not_shown_to_anonymous(self):
        secret = self.create(title="Secret draft")
        public = self.create(title="Public", relatedItems=[secret["UID"]])
        published = self.api.post(f"{public['@id']}/@workflow/publish")
        self.assertEqual(published.status_code, 200, published.text)
        self.assertEqual(
            [i["UID"] for i in self.api.get(public["@id"]).json()["relatedItems"]],
            [secret["UID"]],
        )
        response = self.anonymous.get(public["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["relatedItems"], [])
        self.assertNotIn("Secret draft", response.text)
        self.assertNotIn(secret["UID"], response.text)


class TestPublicationListing(unittest.TestCase):
    layer = SOCIALHUB_PUBLICATIONS_FUNCTIONAL_TESTING

    def setUp(self):
        self.api = api_session(self.layer, self)

    def test_full_text_covers_authors_and_listing_needs_no_full_objects(self):
        created = self.api.post("en/publications", json=FULL)
        self.assertEqual(created.status_code, 201, created.text)
        response = self.api.get(
            "@search",
            params={
                "SearchableText": "Mensah",
                "metadata_fields": ["publication_date", "author_names"],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [
                (item["title"], item["author_names"], item["publication_date"])
                for item in response.json()["items"]
            ],
            [(FULL["title"], ["Ana Pérez", "Kofi Mensah"], "2024-05-02")],
        )
        by_date = self.api.get(
            "@search",
            params={
                "portal_type": "Publication",
                "publication_date.query": "2024-01-01",
                "publication_date.range": "min",
            },
        )
        self.assertEqual(by_date.json()["items_total"], 1, by_date.text)
