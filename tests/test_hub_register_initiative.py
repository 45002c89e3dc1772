"""A member registers an initiative over REST; its lead organisation comes with it."""

from plone import api
from socialhub.hub.registration.initiatives import lead_to_complete
from socialhub.testing import api_session
from tests.test_hub_register_api import PASSWORD
from tests.test_hub_register_api import RegistrationTestCase

import transaction


class TestRegisterInitiative(RegistrationTestCase):
    def setUp(self):
        super().setUp()
        api.user.create(
            email="member@example.org",
            username="member",
            password=PASSWORD,
            properties={"fullname": "Mo Member"},
        )
        api.user.create(email="other@example.org", username="other", password=PASSWORD)
        transaction.commit()
        self.member = api_session(self.layer, self, auth=("member", PASSWORD))

    def post(self, status, path="en", **body):
        response = self.member.post(f"{path}/@register-initiative", json=body)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def initiative(self, answer):
        transaction.begin()
        return self.portal.unrestrictedTraverse(
            answer["@id"].replace(self.portal.absolute_url() + "/", "")
        )

    def test_an_unknown_lead_is_created_for_the_member_to_complete(self):
        answer = self.post(
            201,
            title="Cash for the Sahel",
            objectives="Regular transfers.",
            lead_organisation="Sahel Cash Alliance",
            lead_organisation_website="https://sahel-cash.example.org",
            lead_organisation_country="ML",
        )
        self.assertTrue(answer["lead_organisation_created"])
        lead = answer["lead_organisation_to_complete"]
        self.assertEqual(lead["title"], "Sahel Cash Alliance")
        self.assertEqual(answer["review_state"], "private")
        self.assertEqual(answer["objectives"], "Regular transfers.")
        self.assertEqual(answer["lead_organisation"]["UID"], lead["UID"])

        initiative = self.initiative(answer)
        actor = api.content.get(UID=lead["UID"])
        self.assertEqual(actor.getOwner().getId(), "member")
        self.assertEqual(initiative.getOwner().getId(), "member")
        self.assertEqual(api.content.get_state(actor), "registered")
        self.assertEqual(actor.website, "https://sahel-cash.example.org")
        self.assertEqual(actor.headquarters_country, "ML")
        self.assertEqual(actor.contact_email, "member@example.org")
        self.assertEqual(initiative.lead_organisation.to_object, actor)
        self.assertEqual(lead_to_complete(initiative), actor)
        ((to, subject, body),) = self.mails.sent
        self.assertEqual(to, "member@example.org")
        self.assertIn("Sahel Cash Alliance", subject)
        self.assertIn(actor.absolute_url() + "/edit", body)

        # Once the entry is submitted, nothing is left to complete.
        owner = api_session(self.layer, self, auth=("member", PASSWORD))
        response = owner.post(f"{lead['@id']}/@workflow/submit_for_verification")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertIsNone(lead_to_complete(initiative))

    def test_the_initiative_tells_its_owner_only_that_the_lead_needs_completing(self):
        answer = self.post(
            201,
            title="Cash for the Sahel",
            objectives="Regular transfers.",
            lead_organisation="Sahel Cash Alliance",
        )
        lead = answer["lead_organisation_to_complete"]
        api.content.transition(obj=self.initiative(answer), to_state="published")
        transaction.commit()
        got = self.member.get(answer["@id"]).json()
        self.assertEqual(
            got["@components"]["lead_to_complete"],
            {
                "@id": lead["@id"],
                "UID": lead["UID"],
                "title": "Sahel Cash Alliance",
                "review_state": "registered",
            },
        )
        other = api_session(self.layer, self, auth=("other", PASSWORD))
        for session in (self.anonymous, other):
            response = session.get(answer["@id"])
            self.assertEqual(response.status_code, 200, response.text)
            self.assertNotIn("lead_to_complete", response.json()["@components"])
            self.assertNotIn("Sahel Cash Alliance", response.text)

        # Once the entry is submitted, the owner is told no more.
        response = self.member.post(f"{lead['@id']}/@workflow/submit_for_verification")
        self.assertEqual(response.status_code, 200, response.text)
        got = self.member.get(answer["@id"]).json()
        self.assertNotIn("lead_to_complete", got["@components"])

    def test_a_known_lead_is_linked_and_its_owners_told(self):
        known = self.add_actor(
            "fr", "Alliance Sahel Cash", "https://asc.example.org", owner="other"
        )
        before = len(self.actors())
        answer = self.post(
            201, title="Cash again", lead_organisation="Sahel Cash Alliance"
        )
        self.assertFalse(answer["lead_organisation_created"])
        self.assertIsNone(answer["lead_organisation_to_complete"])
        self.assertEqual(len(self.actors()), before)
        initiative = self.initiative(answer)
        self.assertEqual(initiative.lead_organisation.to_object, known)
        # The member may not see the private entry: its answer does not show it.
        self.assertNotIn("Alliance Sahel Cash", str(answer))
        ((to, subject, body),) = self.mails.sent
        self.assertEqual(to, "other@example.org")
        self.assertIn("Cash again", subject)

    def test_a_lead_by_uid(self):
        known = self.add_actor(
            "en", "Public Org", "https://public.example.org", "verified"
        )
        answer = self.post(201, title="By UID", lead_organisation=known.UID())
        self.assertFalse(answer["lead_organisation_created"])
        self.assertEqual(answer["lead_organisation"]["title"], "Public Org")

    def test_refusals_create_nothing(self):
        actors = self.actors()
        count = len(self.portal.en.initiatives.objectIds())
        self.assertEqual(
            self.post(400)["errors"],
            [
                {"field": "title", "message": "Required."},
                {"field": "lead_organisation", "message": "Required."},
            ],
        )
        self.assertEqual(
            self.post(400, title="X", lead_organisation="0" * 32)["errors"],
            [
                {
                    "field": "lead_organisation",
                    "message": f"No organisation {'0' * 32} was found.",
                }
            ],
        )
        self.assertEqual(
            self.post(
                400,
                title="X",
                lead_organisation="New Org",
                lead_organisation_website="javascript:alert(1)",
            )["errors"],
            [
                {
                    "field": "lead_organisation_website",
                    "message": "Enter a web address that starts with http:// or "
                    "https://.",
                }
            ],
        )
        errors = self.post(
            400, title="X", lead_organisation="New Org", no_such_field=1
        )["errors"]
        self.assertEqual([error["field"] for error in errors], ["no_such_field"])
        self.assertEqual(self.actors().keys(), actors.keys())
        transaction.begin()
        self.assertEqual(len(self.portal.en.initiatives.objectIds()), count)
        self.assertEqual(self.mails.sent, [])

    def test_anonymous_may_not(self):
        response = self.anonymous.post(
            "en/@register-initiative", json={"title": "X", "lead_organisation": "Y"}
        )
        self.assertEqual(response.status_code, 401, response.text)
