"""People over REST: round trip, privacy, the linked member, rows and works."""

from plone import api
from socialhub.testing import api_session
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


ORCID = "0000-0002-1825-0097"
EMAIL = "amina.private@example.org"
PHONE = "+221 33 555 0100"
FULL = {
    "@type": "Person",
    "title": "Amina Diallo",
    "description": "Economist working on cash transfers in the Sahel.",
    "languages_spoken": ["fr", "en", "wo"],
    "orcid": ORCID,
    "available_to_media": True,
    "press_contact": "mailto:press@example.org",
    "website": "https://amina.example.org",
    "taxonomy_themes": ["cash-transfers"],
    "taxonomy_geography": ["SN"],
    "taxonomy_community_roles": ["advisory-board", "author"],
    "contact_email": EMAIL,
    "contact_phone": PHONE,
}
MEMBER = ("amina", "amina-secret-123")
OTHER = ("kofi", "kofi-secret-123")
PERSON_ERROR = "{position}/person: {uid} is not the UID of a person."


class PeopleTests(RestRecordTests):
    layer = SOCIALHUB_FUNCTIONAL_TESTING
    container = "en/people"
    record = FULL

    def add_user(self, credentials):
        username, password = credentials
        api.user.create(
            email=f"{username}@example.org", username=username, password=password
        )
        transaction.commit()
        return api_session(self.layer, self, auth=credentials)

    def organisation(self, title, public=True):
        actor = self.add("en/actors", "Actor", title=title)
        if public:
            self.publish(actor, "verify")
        return actor


class TestPersonAPI(PeopleTests, unittest.TestCase):
    def test_round_trip(self):
        ilo = self.organisation("International Labour Organization")
        created = self.create(
            affiliations=[{"organisation": ilo["UID"], "role": "Senior economist"}]
        )
        got = self.api.get(created["@id"]).json()
        self.assertEqual(
            [term["token"] for term in got["languages_spoken"]],
            FULL["languages_spoken"],
        )
        for name in (
            "title",
            "orcid",
            "available_to_media",
            "press_contact",
            "website",
        ):
            with self.subTest(field=name):
                self.assertEqual(got[name], FULL[name])
        self.assertEqual(
            got["affiliations"],
            [{"organisation": ilo["UID"], "role": "Senior economist"}],
        )
        self.assertEqual(
            sorted(term["token"] for term in got["taxonomy_community_roles"]),
            ["advisory-board", "author"],
        )
        self.assertEqual((got["contact_email"], got["contact_phone"]), (EMAIL, PHONE))
        found = self.api.get(
            "@search", params={"affiliation_uids": ilo["UID"], "portal_type": "Person"}
        ).json()
        self.assertEqual([item["title"] for item in found["items"]], [FULL["title"]])

    def test_bad_input(self):
        actor_only = self.add("en/publications", "Publication", title="Not an actor")
        self.assert_field_refused(
            {"orcid": "0000-0002-1825-0098"},
            "orcid",
            "Enter an ORCID iD such as 0000-0002-1825-0097: the check digit does "
            "not match.",
        )
        self.assert_field_refused(
            {"affiliations": [{"organisation": actor_only["UID"]}]},
            "affiliations",
            f"0/organisation: {actor_only['UID']} is not the UID of an organisation.",
        )
        self.assert_field_refused(
            {"affiliations": [{"role": "Director"}]},
            "affiliations",
            "0: 'organisation' is a required property",
        )
        self.assert_field_refused(
            {"press_contact": "javascript:alert(1)"},
            "press_contact",
            "Enter a web address that starts with http:// or https://, or an "
            "e-mail address that starts with mailto:.",
        )
        self.assert_field_refused(
            {"member_id": "nobody-here"},
            "member_id",
            "There is no member with this user id.",
        )

    def test_contact_details_and_account_private(self):
        self.add_user(MEMBER)
        created = self.create(member_id=MEMBER[0])
        self.publish(created)
        other = self.add_user(OTHER)
        for name, session in (("anonymous", self.anonymous), ("member", other)):
            with self.subTest(user=name):
                response = session.get(created["@id"])
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["orcid"], ORCID)
                for field in ("contact_email", "contact_phone", "member_id"):
                    self.assertNotIn(field, response.json())
                for value in (EMAIL, PHONE):
                    self.assertNotIn(value, response.text)
        self.assertEqual(self.api.get(created["@id"]).json()["member_id"], MEMBER[0])

    def test_private_affiliation_not_shown_to_anonymous(self):
        secret = self.organisation("Secret alliance", public=False)
        created = self.create(
            affiliations=[{"organisation": secret["UID"], "role": "Chair"}]
        )
        self.publish(created)
        response = self.anonymous.get(created["@id"])
        self.assertEqual(response.json()["affiliations"], [{"role": "Chair"}])
        self.assertNotIn(secret["UID"], response.text)
        page = self.anonymous.get(created["@id"], headers={"Accept": "text/html"})
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Secret alliance", page.text)


class TestLinkedMember(PeopleTests, unittest.TestCase):
    def test_linked_member_edits_their_own_profile_only(self):
        member = self.add_user(MEMBER)
        own = self.create(member_id=MEMBER[0])
        another = self.create(title="Kofi Mensah")
        for item in (own, another):
            self.publish(item)
        response = member.patch(own["@id"], json={"description": "Updated by me."})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(
            self.api.get(own["@id"]).json()["description"], "Updated by me."
        )
        response = member.patch(another["@id"], json={"description": "Not mine."})
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(
            self.api.get(another["@id"]).json()["description"], FULL["description"]
        )

    def test_only_site_administrators_link_an_account(self):
        member = self.add_user(MEMBER)
        self.add_user(OTHER)
        own = self.create(member_id=MEMBER[0])
        # plone.restapi skips a field one may not write: the link stays.
        response = member.patch(own["@id"], json={"member_id": OTHER[0]})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.api.get(own["@id"]).json()["member_id"], MEMBER[0])

    def test_relinking_moves_the_owner_role(self):
        member = self.add_user(MEMBER)
        self.add_user(OTHER)
        own = self.create(member_id=MEMBER[0])
        response = self.api.patch(own["@id"], json={"member_id": OTHER[0]})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        person = self.portal["en"]["people"][own["id"]]
        self.assertNotIn("Owner", person.get_local_roles_for_userid(MEMBER[0]))
        self.assertIn("Owner", person.get_local_roles_for_userid(OTHER[0]))
        response = member.patch(own["@id"], json={"description": "Still mine?"})
        self.assertEqual(response.status_code, 401, response.text)


class TestPeopleRows(PeopleTests, unittest.TestCase):
    def test_rows_point_to_person_records_and_plain_rows_still_work(self):
        person = self.create()
        authors = [
            {"name": "Amina Diallo", "person": person["UID"]},
            {"name": "Kofi Mensah", "affiliation": "UNICEF"},
        ]
        publication = self.add(
            "en/publications", "Publication", title="Cash in the Sahel", authors=authors
        )
        self.assertEqual(self.api.get(publication["@id"]).json()["authors"], authors)

    def test_a_row_pointing_elsewhere_is_refused(self):
        actor = self.organisation("Not a person")
        before = len(self.portal["en"]["publications"].objectIds())
        for uid in (actor["UID"], "no-such-uid"):
            with self.subTest(uid=uid):
                response = self.api.post(
                    "en/publications",
                    json={
                        "@type": "Publication",
                        "title": "Refused",
                        "authors": [{"name": "X"}, {"name": "Y", "person": uid}],
                    },
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["errors"],
                    [
                        {
                            "field": "authors",
                            "message": PERSON_ERROR.format(position=1, uid=uid),
                        }
                    ],
                )
        transaction.begin()
        self.assertEqual(len(self.portal["en"]["publications"].objectIds()), before)

    def test_private_person_not_shown_through_a_public_row(self):
        secret = self.create(title="Zebulon Private")
        publication = self.add(
            "en/publications",
            "Publication",
            title="Public work",
            authors=[{"name": "Z. P.", "person": secret["UID"]}],
        )
        self.publish(publication)
        response = self.anonymous.get(publication["@id"])
        self.assertEqual(response.json()["authors"], [{"name": "Z. P."}])
        self.assertNotIn(secret["UID"], response.text)
        self.assertNotIn("Zebulon", response.text)

    def test_works_list_what_the_reader_may_see(self):
        person = self.create()
        self.publish(person)
        row = [{"name": "Amina Diallo", "person": person["UID"]}]
        public = self.add(
            "en/publications", "Publication", title="Public paper", authors=row
        )
        self.publish(public)
        self.add("en/publications", "Publication", title="Draft paper", authors=row)
        course = self.add("en/courses", "Course", title="Cash course", instructors=row)
        self.publish(course)
        event = self.add(
            "en/events",
            "Event",
            title="Cash webinar",
            start="2026-03-10T14:00:00+00:00",
            end="2026-03-10T15:00:00+00:00",
            speakers=row,
        )
        self.publish(event)
        initiative = self.add(
            "en/initiatives", "Initiative", title="Cash initiative", team=row
        )
        self.publish(initiative)
        expected = {
            "publications": ["Public paper"],
            "initiatives": ["Cash initiative"],
            "courses": ["Cash course"],
            "events": ["Cash webinar"],
        }
        response = self.anonymous.get(f"{person['@id']}/@works")
        self.assertEqual(response.status_code, 200, response.text)
        works = response.json()
        self.assertEqual(
            {kind: [item["title"] for item in works[kind]] for kind in expected},
            expected,
        )
        self.assertNotIn("Draft paper", response.text)
        expanded = self.anonymous.get(person["@id"], params={"expand": "works"}).json()
        publications = expanded["@components"]["works"]["publications"]
        self.assertEqual([item["title"] for item in publications], ["Public paper"])
        draft_seen = self.api.get(f"{person['@id']}/@works").json()["publications"]
        self.assertEqual(
            sorted(item["title"] for item in draft_seen),
            ["Draft paper", "Public paper"],
        )
        page = self.anonymous.get(person["@id"], headers={"Accept": "text/html"})
        self.assertIn("Cash webinar", page.text)
        self.assertNotIn("Draft paper", page.text)
