"""Self-registration of organisations over REST (real HTTP), every step and refusal."""

from plone import api
from socialhub.hub import accounts
from socialhub.hub.registration import registration
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock

import json
import re
import transaction
import unittest


VALID = {
    "title": "Horizon Social Foundation",
    "website": "https://www.horizon-social.example.org/en",
    "country": "SN",
    "actor_type": ["ngo"],
    "themes": ["cash-transfers"],
    "description": "Cash transfers in the Sahel.",
    "contact_name": "Awa Diop",
    "contact_email": "Awa.Diop@Example.org",
    "accept_terms": True,
}
PASSWORD = "a-long-Secret-42"
REQUIRED = "Required."


class MailCatcher:
    """Catch what socialhub.core.notifications sends (the server runs in-process)."""

    def __init__(self, test):
        self.sent = []
        patcher = mock.patch(
            "socialhub.core.notifications._send",
            side_effect=lambda to, subject, body: self.sent.append((to, subject, body)),
        )
        patcher.start()
        test.addCleanup(patcher.stop)

    def to(self, address):
        return [mail for mail in self.sent if mail[0] == address]

    def link(self, address):
        """The confirmation token mailed to ``address`` (the last one)."""
        body = self.to(address)[-1][2]
        return re.search(r"@@confirm-registration\?token=(\S+)", body).group(1)


class RegistrationTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)
        self.mails = MailCatcher(self)
        self.set_limit("registration_limit", 100)
        self.set_limit("claim_limit", 100)
        self.valid = json.loads(json.dumps(VALID))
        self.actor_type = self.first_term("actor_types")
        self.theme = self.first_term("themes")
        self.valid["actor_type"] = [self.actor_type]
        self.valid["themes"] = [self.theme]

    def first_term(self, name):
        from socialhub.taxonomy.terms import get_taxonomy

        return sorted(get_taxonomy(name).inverted_data["en"])[0]

    def set_limit(self, name, value):
        api.portal.set_registry_record(f"socialhub.hub.registration.{name}", value)
        transaction.commit()

    def register(self, path="en", status=201, **overrides):
        data = {**self.valid, **overrides}
        for key in [key for key, value in data.items() if value is None]:
            del data[key]
        response = self.anonymous.post(f"{path}/@register-organisation", json=data)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def actors(self):
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        return {
            brain.getPath(): brain
            for brain in catalog.unrestrictedSearchResults(portal_type="Actor")
        }

    def members(self):
        transaction.begin()
        return {user.getId() for user in api.user.get_users()}

    def add_actor(self, language, title, website=None, state=None, owner=None):
        """An actor made directly (committed): private unless ``state``."""
        section = self.portal[language]["actors"]
        with api.env.adopt_roles(["Manager"]):
            item = api.content.create(
                container=section, type="Actor", title=title, website=website
            )
            if state == "verified":
                api.content.transition(obj=item, transition="submit_for_verification")
                api.content.transition(obj=item, transition="verify")
        if owner:
            registration.give_to(item, owner)
        item.reindexObject()
        transaction.commit()
        return item


class TestRegistrationFlow(RegistrationTestCase):
    def test_register_confirm_login_complete_submit(self):
        before = self.members()
        answer = self.register(path="fr")
        self.assertEqual(answer["email"], "awa.diop@example.org")
        self.assertEqual(answer["language"], "fr")
        self.assertEqual(answer["review_state"], "registered")
        self.assertIn("awa.diop@example.org", answer["message"])
        self.assertNotIn("@id", answer)

        new = self.members() - before
        self.assertEqual(len(new), 1)
        userid = new.pop()
        self.assertTrue(accounts.is_pending(userid))
        actor = next(
            brain._unrestrictedGetObject()
            for brain in self.actors().values()
            if brain.Title == VALID["title"]
        )
        self.assertEqual(actor.Language(), "fr")
        self.assertEqual(actor.aq_parent.getId(), "actors")
        self.assertEqual(api.content.get_state(actor), "registered")
        self.assertEqual(actor.getOwner().getId(), userid)
        self.assertEqual(actor.listCreators(), (userid,))
        self.assertIn("Owner", actor.get_local_roles_for_userid(userid))
        self.assertEqual(actor.website, VALID["website"])
        self.assertEqual(actor.headquarters_country, "SN")
        self.assertEqual(actor.taxonomy_geography, ["SN"])
        self.assertEqual(actor.taxonomy_actor_types, [self.actor_type])
        self.assertEqual(actor.taxonomy_themes, [self.theme])
        self.assertEqual(actor.contact_person, "Awa Diop")
        self.assertEqual(actor.contact_email, "awa.diop@example.org")
        self.assertEqual(self.anonymous.get(actor.absolute_url()).status_code, 401)

        # The confirmation mail, in French, with the link to the French page.
        (mail,) = self.mails.to("awa.diop@example.org")
        page = f"{self.portal.absolute_url()}/fr/@@confirm-registration"
        self.assertIn(page, mail[2])

        # No login before confirmation.
        login = {"login": "awa.diop@example.org", "password": PASSWORD}
        self.assertEqual(self.anonymous.post("@login", json=login).status_code, 401)

        token = self.mails.link("awa.diop@example.org")
        response = self.anonymous.post(
            "@confirm-registration", json={"token": token, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["login"], "awa.diop@example.org")
        self.assertEqual(
            [entry["title"] for entry in response.json()["entries"]], [VALID["title"]]
        )
        self.assertEqual(self.anonymous.post("@login", json=login).status_code, 200)

        # The owner completes the entry and submits it for verification.
        owner = api_session(self.layer, self, auth=("awa.diop@example.org", PASSWORD))
        url = actor.absolute_url()
        response = owner.patch(url, json={"acronym": "HSF", "founded_year": 2010})
        self.assertEqual(response.status_code, 204, response.text)
        response = owner.post(f"{url}/@workflow/submit_for_verification")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(actor), "pending_verification")
        self.assertEqual(actor.acronym, "HSF")

    def test_site_root_takes_the_request_language(self):
        self.anonymous.headers["Accept-Language"] = "es"
        answer = self.register(path="")
        self.assertEqual(answer["language"], "es")
        paths = [path for path in self.actors() if "/es/actors/" in path]
        self.assertEqual(len(paths), 1)

    def test_an_address_with_an_account_reuses_it(self):
        api.user.create(email="awa.diop@example.org", username="awa", password=PASSWORD)
        transaction.commit()
        before = self.members()
        self.register()
        self.assertEqual(self.members(), before)
        (mail,) = self.mails.to("awa.diop@example.org")
        self.assertNotIn("confirm-registration", mail[2])
        actor = next(
            brain for brain in self.actors().values() if brain.Title == VALID["title"]
        )
        self.assertEqual(actor.Creator, "awa")

    def test_honeypot_answers_as_a_success_and_makes_nothing(self):
        actors, members = self.actors(), self.members()
        trapped = self.register(**{registration.HONEYPOT_FIELD: "http://spam.example"})
        self.assertEqual(self.actors().keys(), actors.keys())
        self.assertEqual(self.members(), members)
        self.assertEqual(self.mails.sent, [])
        real = self.register()
        self.assertEqual(trapped, real)


class TestRefusals(RegistrationTestCase):
    def assert_refused(self, body, status, errors=None, message=None, path="en"):
        actors, members = self.actors(), self.members()
        response = self.anonymous.post(f"{path}/@register-organisation", json=body)
        self.assertEqual(response.status_code, status, response.text)
        answer = response.json()
        if errors is not None:
            self.assertEqual(answer["type"], "BadRequest")
            self.assertEqual(answer["errors"], errors)
        if message is not None:
            self.assertEqual(answer["message"], message)
        self.assertEqual(self.actors().keys(), actors.keys())
        self.assertEqual(self.members(), members)
        self.assertEqual(self.mails.sent, [])
        return answer

    def test_each_required_field(self):
        for name in registration.REQUIRED:
            with self.subTest(field=name):
                body = {k: v for k, v in self.valid.items() if k != name}
                message = (
                    "Accept the terms of use to register."
                    if name == "accept_terms"
                    else REQUIRED
                )
                self.assert_refused(body, 400, [{"field": name, "message": message}])
            with self.subTest(field=name, value="blank"):
                body = {**self.valid, name: "  " if name != "accept_terms" else False}
                self.assert_refused(body, 400, [{"field": name, "message": message}])

    def test_invalid_values(self):
        cases = {
            "website": (
                "javascript:alert(1)",
                "Enter a web address that starts with http:// or https://.",
            ),
            "country": (
                "XX",
                "Enter a country as its ISO 3166-1 alpha-2 code, e.g. SN for Senegal.",
            ),
            "actor_type": (
                ["no-such-type"],
                "Unknown term no-such-type in the taxonomy actor_types.",
            ),
            "themes": (
                ["no-such-theme"],
                "Unknown term no-such-theme in the taxonomy themes.",
            ),
            "contact_email": (
                "not an address",
                "Enter an e-mail address such as name@example.org.",
            ),
            "title": ({"a": 1}, "Give a text."),
            "accept_terms": ("no", "Accept the terms of use to register."),
        }
        for name, (value, message) in cases.items():
            with self.subTest(field=name):
                self.assert_refused(
                    {**self.valid, name: value},
                    400,
                    [{"field": name, "message": message}],
                )

    def test_several_fields_at_once_and_unknown_ones(self):
        body = {**self.valid, "website": "ftp://x.example", "country": "", "owner": "x"}
        self.assert_refused(
            body,
            400,
            [
                {
                    "field": "website",
                    "message": "Enter a web address that starts with http:// or "
                    "https://.",
                },
                {"field": "country", "message": REQUIRED},
                {
                    "field": "owner",
                    "message": "Unknown property. Accepted: "
                    + ", ".join(registration.FIELDS)
                    + ".",
                },
            ],
        )

    def test_not_an_object(self):
        for body in ([], "text", 3):
            with self.subTest(body=body):
                self.assert_refused(
                    body, 400, message="The request body must be a JSON object."
                )
        response = self.anonymous.post(
            "en/@register-organisation",
            data="{not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400, response.text)

    def test_messages_in_the_request_language(self):
        self.anonymous.headers["Accept-Language"] = "fr"
        answer = self.assert_refused(
            {k: v for k, v in self.valid.items() if k != "title"}, 400, path="fr"
        )
        self.assertEqual(answer["errors"][0]["field"], "title")
        self.assertNotEqual(answer["errors"][0]["message"], REQUIRED)

    def test_rate_limit(self):
        self.set_limit("registration_limit", 2)
        for number in ("One", "Two"):
            self.register(
                title=f"Organisation {number}",
                website=f"https://org{number}.example.net",
                contact_email=f"c{number}@example.net",
            )
        self.mails.sent.clear()
        answer = self.assert_refused(
            {
                **self.valid,
                "title": "A third one entirely",
                "website": "https://third.example.net",
            },
            429,
        )
        self.assertEqual(answer["type"], "RateLimited")
        self.assertEqual(
            answer["message"], "Too many attempts from you: try again in 60 minutes."
        )

    def test_duplicate_by_domain_does_not_leak_a_private_title(self):
        self.add_actor("es", "Secreto Privado", "http://horizon-social.example.org")
        answer = self.assert_refused({**self.valid, "title": "Something Else"}, 409)
        self.assertEqual(answer["type"], "Conflict")
        self.assertEqual(answer["entries"], [])
        self.assertTrue(answer["claim_token"])
        self.assertTrue(answer["claim_url"].endswith("/@claim-request"))
        self.assertIn("claim request", answer["message"])
        self.assertNotIn("Secreto", json.dumps(answer))

    def test_duplicate_by_name_in_another_language(self):
        self.add_actor(
            "fr", "La Fondation Sociale Horizon, S.A.", "https://fsh.example.fr"
        )
        answer = self.assert_refused(
            {
                **self.valid,
                "title": "Horizon Social Fondation",
                "website": "https://x.example.com",
            },
            409,
        )
        self.assertNotIn("Fondation Sociale", json.dumps(answer))

    def test_a_public_duplicate_is_named(self):
        item = self.add_actor(
            "en", "Horizon Social Foundation Ltd", "https://hsf.example.com", "verified"
        )
        answer = self.assert_refused(
            {**self.valid, "website": "https://other.example.com"}, 409
        )
        self.assertEqual(
            answer["entries"],
            [{"@id": item.absolute_url(), "title": "Horizon Social Foundation Ltd"}],
        )


class TestClaimRequest(RegistrationTestCase):
    def claim_token(self):
        api.user.create(
            email="owner@example.org", username="entryowner", password=PASSWORD
        )
        api.user.create(
            email="reviewer@example.org",
            username="reviewer",
            password=PASSWORD,
            roles=["Reviewer"],
        )
        transaction.commit()
        self.add_actor(
            "es",
            "Secreto Privado",
            "https://horizon-social.example.org",
            owner="entryowner",
        )
        response = self.anonymous.post("en/@register-organisation", json=self.valid)
        self.assertEqual(response.status_code, 409)
        return response.json()["claim_token"]

    def claim(self, status, **body):
        response = self.anonymous.post("@claim-request", json=body)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def test_claim_mails_the_owner_and_the_secretariat_once(self):
        token = self.claim_token()
        body = {
            "claim_token": token,
            "name": "Awa Diop",
            "email": "awa@example.org",
            "message": "I direct it.",
        }
        answer = self.claim(202, **body)
        self.assertIn("awa@example.org", answer["message"])
        self.assertNotIn("Secreto", json.dumps(answer))
        recipients = sorted(mail[0] for mail in self.mails.sent)
        self.assertEqual(recipients, ["owner@example.org", "reviewer@example.org"])
        self.assertIn("Secreto Privado", self.mails.sent[0][1])
        self.assertIn("I direct it.", self.mails.sent[0][2])
        again = self.claim(410, **body)
        self.assertEqual(again["message"], "This link has already been used.")

    def test_claim_refusals(self):
        token = self.claim_token()
        self.assertEqual(
            self.claim(400, name="A", email="a@example.org")["errors"],
            [{"field": "claim_token", "message": REQUIRED}],
        )
        self.assertEqual(
            self.claim(400, claim_token=token, email="bad", name="")["errors"],
            [
                {"field": "name", "message": REQUIRED},
                {
                    "field": "email",
                    "message": "Enter an e-mail address such as name@example.org.",
                },
            ],
        )
        tampered = token[:-4] + "AAAA"
        self.assertEqual(
            self.claim(400, claim_token=tampered, name="A", email="a@example.org")[
                "message"
            ],
            "This link is not valid. Check that you copied it whole.",
        )
        self.assertEqual(self.mails.sent, [])

    def test_claim_rate_limit(self):
        token = self.claim_token()
        self.set_limit("claim_limit", 1)
        self.claim(202, claim_token=token, name="A", email="a@example.org")
        answer = self.claim(429, claim_token=token, name="A", email="a@example.org")
        self.assertEqual(
            answer["message"], "Too many attempts from you: try again in 60 minutes."
        )


class TestConfirmation(RegistrationTestCase):
    def setUp(self):
        super().setUp()
        self.register()
        self.token = self.mails.link("awa.diop@example.org")
        transaction.begin()
        self.userid = accounts.find_member_by_email("awa.diop@example.org")

    def confirm(self, status, **body):
        response = self.anonymous.post("@confirm-registration", json=body)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def test_used_token(self):
        self.confirm(200, token=self.token, password=PASSWORD)
        answer = self.confirm(410, token=self.token, password="another-Secret-43")
        self.assertEqual(answer["message"], "This link has already been used.")

    def test_expired_token(self):
        token = accounts.confirmation_token(self.userid, -1)
        answer = self.confirm(410, token=token, password=PASSWORD)
        self.assertEqual(answer["message"], "This link has expired.")

    def test_tampered_token(self):
        answer = self.confirm(400, token=self.token[:-3] + "abc", password=PASSWORD)
        self.assertEqual(
            answer["message"], "This link is not valid. Check that you copied it whole."
        )
        transaction.begin()
        self.assertTrue(accounts.is_pending(self.userid))

    def test_missing_fields_and_weak_password(self):
        self.assertEqual(
            self.confirm(400)["errors"],
            [
                {"field": "token", "message": REQUIRED},
                {"field": "password", "message": REQUIRED},
            ],
        )
        answer = self.confirm(400, token=self.token, password="short")
        self.assertEqual(answer["errors"][0]["field"], "password")
        # The refused password left the link usable.
        self.confirm(200, token=self.token, password=PASSWORD)
