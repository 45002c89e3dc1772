"""Initiatives through the REST API: schema, round trip, bad input, contacts."""

from socialhub.testing import field_errors
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_INITIATIVES_FUNCTIONAL_TESTING

import transaction
import unittest


FULL = {
    "@type": "Initiative",
    "title": "Child grant in Zambia",
    "description": "A cash grant for every young child in four districts.",
    "objectives": "Reduce child poverty and stunting.",
    "outcomes": "Food security improved in recipient households.",
    "text": {"data": "<p>Body</p>", "content-type": "text/html"},
    "status": "ongoing",
    "start": "2021-03-01",
    "end": "2026-02-28",
    "taxonomy_geography": ["ZM", "MW"],
    "website": "https://example.org/child-grant",
    "social_links": ["https://social.example.org/@childgrant"],
    "contact_person": "Mwila Banda",
    "contact_email": "mwila@example.org",
    "contact_phone": "+260 211 000 000",
}
CONTACT = {
    "contact_person": "Mwila Banda",
    "contact_email": "mwila@example.org",
    "contact_phone": "+260 211 000 000",
}


class TestInitiativeAPI(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_INITIATIVES_FUNCTIONAL_TESTING
    container = "en/initiatives"
    record = FULL

    def test_schema(self):
        response = self.api.get("@types/Initiative")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in (
            "objectives",
            "outcomes",
            "text",
            "status",
            "start",
            "end",
            "taxonomy_geography",
            "lead_organisation",
            "partners",
            "funders",
            "related_publications",
            "website",
            "social_links",
            "contact_person",
            "contact_email",
            "contact_phone",
            "image",
        ):
            self.assertIn(name, properties)
        statuses = properties["status"]
        self.assertEqual(
            statuses["choices"],
            [
                ["planned", "Planned"],
                ["ongoing", "Ongoing"],
                ["completed", "Completed"],
                ["discontinued", "Discontinued"],
            ],
        )

    def test_round_trip(self):
        created = self.create()
        got = self.api.get(created["@id"]).json()
        for name in (
            "title",
            "description",
            "objectives",
            "outcomes",
            "start",
            "end",
            "website",
            "social_links",
            *CONTACT,
        ):
            self.assertEqual(got[name], FULL[name], name)
        self.assertEqual(
            [term["token"] for term in got["taxonomy_geography"]], ["ZM", "MW"]
        )
        self.assertEqual(
            got["taxonomy_geography"][0],
            {
                "token": "ZM",
                "title": "Zambia",
                "path": [
                    {"token": "001", "title": "World"},
                    {"token": "002", "title": "Africa"},
                    {"token": "ZM", "title": "Zambia"},
                ],
            },
        )
        self.assertEqual(got["status"], {"token": "ongoing", "title": "Ongoing"})
        self.assertEqual(got["text"]["data"], "<p>Body</p>")
        self.assertEqual(
            (
                got["lead_organisation"],
                got["partners"],
                got["funders"],
                got["related_publications"],
            ),
            (None, [], [], []),
        )
        patched = self.api.patch(
            created["@id"],
            json={"status": "completed", "end": "2025-12-31", "taxonomy_geography": []},
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual(
            (
                got["status"]["token"],
                got["start"],
                got["end"],
                got["taxonomy_geography"],
            ),
            ("completed", "2021-03-01", "2025-12-31", []),
        )

    def test_listing_metadata(self):
        self.create()
        response = self.anonymous.get(
            "@search",
            params={
                "portal_type": "Initiative",
                "initiative_status": "ongoing",
                "taxonomy_geography": "MW",
                "metadata_fields": [
                    "initiative_status",
                    "initiative_start",
                    "initiative_end",
                ],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        # Not published: Anonymous finds nothing.
        self.assertEqual(response.json()["items"], [])
        response = self.api.get(
            "@search",
            params={
                "portal_type": "Initiative",
                "initiative_status": "ongoing",
                "taxonomy_geography": "MW",
                "metadata_fields": [
                    "initiative_status",
                    "initiative_start",
                    "initiative_end",
                ],
            },
        )
        items = response.json()["items"]
        self.assertEqual(len(items), 1)
        self.assertEqual(
            {
                name: items[0][name]
                for name in (
                    "initiative_status",
                    "initiative_start",
                    "initiative_end",
                )
            },
            {
                "initiative_status": "ongoing",
                "initiative_start": "2021-03-01",
                "initiative_end": "2026-02-28",
            },
        )

    def test_contact_details_hidden_from_anonymous(self):
        created = self.create()
        published = self.api.post(f"{created['@id']}/@workflow/publish")
        self.assertEqual(published.status_code, 200, published.text)
        as_manager = self.api.get(created["@id"]).json()
        self.assertEqual({name: as_manager[name] for name in CONTACT}, CONTACT)
        response = self.anonymous.get(created["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        got = response.json()
        self.assertEqual(got["title"], FULL["title"])
        for name, value in CONTACT.items():
            self.assertNotIn(name, got)
            self.assertNotIn(value, response.text)

    def test_bad_input(self):
        self.assert_field_refused(
            {"objectivs": "x"}, "objectivs", "Initiative has no field objectivs."
        )
        self.assert_field_refused(
            {"status": "paused"}, "status", "Constraint not satisfied"
        )
        self.assert_field_refused(
            {"website": "javascript:alert(1)"},
            "website",
            "Enter a web address that starts with http:// or https://.",
        )
        self.assert_field_refused(
            {"taxonomy_geography": ["ZM", "zambia"]},
            "taxonomy_geography",
            "Unknown term zambia in the taxonomy geography.",
        )

    def test_end_before_start(self):
        # An invariant of the schema: plone.restapi names no field.
        self.assert_refused(
            {"start": "2024-01-01", "end": "2023-12-31"},
            [
                {
                    "message": "The end date cannot be before the start date.",
                }
            ],
        )

    def test_patch_end_before_stored_start(self):
        created = self.create()
        response = self.api.patch(created["@id"], json={"end": "2020-01-01"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "message": "The end date cannot be before the start date.",
                }
            ],
        )
        transaction.begin()
        self.assertEqual(self.api.get(created["@id"]).json()["end"], FULL["end"])
