"""Actors over REST: schema, round trip, catalog, contact privacy, bad input."""

from plone import api
from socialhub.testing import api_session
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_ACTORS_FUNCTIONAL_TESTING

import datetime
import transaction
import unittest


PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6k"
    "gAAAABJRU5ErkJggg=="
)
EMAIL = "jane.example@example.org"
PHONE = "+1 555 0100"
PERSON = "Jane Example"
CONTACT_VALUES = (EMAIL, PHONE, PERSON)

FULL = {
    "@type": "Actor",
    "title": "Africa Cash Network",
    "description": "Practitioners of cash transfers across Africa.",
    "acronym": "ACNX",
    "mission": "Share what works in cash transfer programmes.",
    "text": {"data": "<p>About the network</p>", "content-type": "text/html"},
    "logo": {
        "data": PNG,
        "encoding": "base64",
        "filename": "logo.png",
        "content-type": "image/png",
    },
    "headquarters_country": "KE",
    "founded_year": 2015,
    "is_funder": True,
    "website": "https://africa-cash-network.example.org",
    "social_links": ["https://social.example.org/@acn"],
    "contact_person": PERSON,
    "contact_email": EMAIL,
    "contact_phone": PHONE,
}
MEMBER = ("member", "member-secret-123")
OWNER = ("owner", "owner-secret-123")


class TestActorAPI(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_ACTORS_FUNCTIONAL_TESTING
    container = "en/actors"
    record = FULL

    def test_schema(self):
        response = self.api.get("@types/Actor")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in (
            "title",
            "description",
            "acronym",
            "mission",
            "text",
            "logo",
            "headquarters_country",
            "founded_year",
            "is_funder",
            "memberships",
            "website",
            "social_links",
            "contact_person",
            "contact_email",
            "contact_phone",
        ):
            self.assertIn(name, properties)

    def test_round_trip(self):
        network = self.create(
            title="Researchers network", acronym="SPRN", is_funder=False
        )
        created = self.create(memberships=[network["UID"]])
        got = self.api.get(created["@id"]).json()
        for name in (
            "title",
            "description",
            "acronym",
            "mission",
            "headquarters_country",
            "founded_year",
            "is_funder",
            "website",
            "social_links",
            "contact_person",
            "contact_email",
            "contact_phone",
        ):
            self.assertEqual(got[name], FULL[name], name)
        self.assertEqual(got["text"]["data"], "<p>About the network</p>")
        self.assertEqual(got["logo"]["filename"], "logo.png")
        self.assertEqual([m["UID"] for m in got["memberships"]], [network["UID"]])
        patched = self.api.patch(
            created["@id"],
            json={
                "founded_year": 2016,
                "is_funder": False,
                "memberships": [],
                "headquarters_country": "SN",
            },
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual(
            (
                got["founded_year"],
                got["is_funder"],
                got["memberships"],
                got["headquarters_country"],
            ),
            (2016, False, [], "SN"),
        )

    def test_listing_metadata_and_filters(self):
        self.create(
            title="Funder",
            acronym="FND",
            is_funder=True,
            founded_year=1990,
            headquarters_country="DE",
        )
        self.create(
            title="Network",
            acronym="NTW",
            is_funder=False,
            founded_year=2010,
            headquarters_country="KE",
        )
        response = self.api.get(
            "@search",
            params={
                "portal_type": "Actor",
                "is_funder": True,
                "metadata_fields": [
                    "acronym",
                    "is_funder",
                    "founded_year",
                    "headquarters_country",
                ],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        [item] = response.json()["items"]
        self.assertEqual(
            (
                item["title"],
                item["acronym"],
                item["is_funder"],
                item["founded_year"],
                item["headquarters_country"],
            ),
            ("Funder", "FND", True, 1990, "DE"),
        )
        for query, title in (
            ({"headquarters_country": "KE"}, "Network"),
            ({"founded_year.query": 2000, "founded_year.range": "min"}, "Network"),
            ({"founded_year": 1990}, "Funder"),
            ({"SearchableText": "NTW"}, "Network"),
        ):
            with self.subTest(query=query):
                items = self.api.get(
                    "@search", params={"portal_type": "Actor", **query}
                )
                self.assertEqual(items.status_code, 200, items.text)
                self.assertEqual([i["title"] for i in items.json()["items"]], [title])

    def add_user(self, credentials, roles=("Member",)):
        username, password = credentials
        api.user.create(
            email=f"{username}@example.org",
            username=username,
            password=password,
            roles=list(roles),
        )
        transaction.commit()
        return api_session(self.layer, self, auth=credentials)

    def test_contact_details_only_for_owner_and_editors(self):
        created = self.create()
        self.publish(created)
        member = self.add_user(MEMBER)
        owner = self.add_user(OWNER)
        api.user.grant_roles(
            username=OWNER[0],
            obj=self.portal["en"]["actors"][created["id"]],
            roles=["Owner"],
        )
        transaction.commit()
        for name, session in (("anonymous", self.anonymous), ("member", member)):
            with self.subTest(user=name):
                response = session.get(created["@id"])
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["title"], FULL["title"])
                for field in ("contact_person", "contact_email", "contact_phone"):
                    self.assertNotIn(field, response.json())
                for value in CONTACT_VALUES:
                    self.assertNotIn(value, response.text)
        for name, session in (("manager", self.api), ("owner", owner)):
            with self.subTest(user=name):
                got = session.get(created["@id"]).json()
                self.assertEqual(
                    (got["contact_person"], got["contact_email"], got["contact_phone"]),
                    (PERSON, EMAIL, PHONE),
                )

    def test_contact_details_not_in_catalog(self):
        created = self.create()
        self.publish(created)
        for session in (self.anonymous, self.api):
            for term in ("jane.example", "Jane", "0100"):
                with self.subTest(term=term):
                    response = session.get("@search", params={"SearchableText": term})
                    self.assertEqual(response.json()["items_total"], 0)
        # ... while the published actor is found, with all its catalog data.
        response = self.anonymous.get(
            "@search", params={"SearchableText": "ACNX", "metadata_fields": "_all"}
        )
        self.assertEqual(response.json()["items_total"], 1)
        for value in CONTACT_VALUES:
            self.assertNotIn(value, response.text)

    def test_bad_input(self):
        next_year = datetime.date.today().year + 1
        self.assert_field_refused(
            {"founded_year": 1700}, "founded_year", "Value is too small"
        )
        self.assert_field_refused(
            {"founded_year": next_year},
            "founded_year",
            "The year cannot be in the future.",
        )
        self.assert_field_refused(
            {"website": "javascript:alert(1)"},
            "website",
            "Enter a web address that starts with http:// or https://.",
        )
        self.assert_field_refused(
            {"acronyme": "X"}, "acronyme", "Actor has no field acronyme."
        )
        self.assert_field_refused(
            {"contact_email": "not-an-e-mail"},
            "contact_email",
            "The specified email is not valid.",
        )
        for code in ("ch", "ZZ"):
            self.assert_field_refused(
                {"headquarters_country": code},
                "headquarters_country",
                "Enter a country as its ISO 3166-1 alpha-2 code, e.g. SN for Senegal.",
            )

    def test_private_membership_not_shown_to_anonymous(self):
        secret = self.create(title="Secret alliance")
        public = self.create(title="Public network", memberships=[secret["UID"]])
        self.publish(public)
        self.assertEqual(
            [m["UID"] for m in self.api.get(public["@id"]).json()["memberships"]],
            [secret["UID"]],
        )
        response = self.anonymous.get(public["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["memberships"], [])
        self.assertNotIn("Secret alliance", response.text)
        self.assertNotIn(secret["UID"], response.text)
