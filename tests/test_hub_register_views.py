"""Self-registration in the Classic UI (real HTTP): the form, the confirmation page,
the claim form, the notices and links."""

from lxml import html
from plone import api
from plone.restapi.testing import RelativeSession
from socialhub.hub import accounts
from socialhub.hub.registration import registration
from tests.pages import text
from tests.test_hub_register_api import PASSWORD
from tests.test_hub_register_api import RegistrationTestCase

import transaction


class TestRegistrationViews(RegistrationTestCase):
    def setUp(self):
        super().setUp()
        self.browser = RelativeSession(self.portal.absolute_url(), test=self)

    def get(self, path, status=200, session=None):
        response = (session or self.browser).get(path)
        self.assertEqual(response.status_code, status, response.text[:3000])
        return html.fromstring(response.text)

    def submit(self, path, fields, status=200, form_path=None):
        """Post ``fields`` with the authenticator of the page at ``form_path``."""
        page = self.get(form_path or path)
        token = page.xpath("//input[@name='_authenticator']/@value")[0]
        response = self.browser.post(path, data={**fields, "_authenticator": token})
        self.assertEqual(response.status_code, status, response.text[:3000])
        return html.fromstring(response.text)

    def form_fields(self, **overrides):
        fields = {
            "title": "Horizon Social Foundation",
            "website": "https://horizon-social.example.org",
            "country": "SN",
            "actor_type:list": [self.actor_type],
            "themes:list": [self.theme],
            "description": "Cash transfers.",
            "contact_name": "Awa Diop",
            "contact_email": "awa@example.org",
            "accept_terms": "on",
        }
        fields.update(overrides)
        return {key: value for key, value in fields.items() if value is not None}

    def test_the_form_in_every_language(self):
        for language, heading in (
            ("en", "Register your organisation"),
            ("fr", "Enregistrer votre organisation"),
            ("es", "Registrar su organización"),
        ):
            with self.subTest(language=language):
                page = self.get(f"{language}/@@register-organisation")
                self.assertEqual(text(page.xpath("//h1")[0]), heading)
                names = set(page.xpath("//form//*[@name]/@name"))
                for name in (
                    "title",
                    "website",
                    "country",
                    "actor_type:list",
                    "themes:list",
                    "description",
                    "contact_name",
                    "contact_email",
                    "accept_terms",
                    registration.HONEYPOT_FIELD,
                    "_authenticator",
                ):
                    self.assertIn(name, names)
                terms = page.xpath("//label[@for='accept_terms']/a/@href")
                self.assertEqual(
                    terms, [f"{self.portal.absolute_url()}/{language}/terms"]
                )

    def test_register_then_confirm(self):
        page = self.submit("fr/@@register-organisation", self.form_fields())
        self.assertTrue(page.xpath("//*[contains(@class, 'registration-done')]"))
        transaction.begin()
        userid = accounts.find_member_by_email("awa@example.org")
        self.assertTrue(accounts.is_pending(userid))
        self.assertIn(
            "/fr/actors/", next(iter(p for p in self.actors() if "horizon" in p))
        )
        token = self.mails.link("awa@example.org")

        confirm = f"fr/@@confirm-registration?token={token}"
        # Opening the link (twice, as a mail scanner would) uses nothing up.
        self.get(confirm)
        page = self.get(confirm)
        self.assertTrue(page.xpath("//input[@name='password']"))
        page = self.submit(
            "fr/@@confirm-registration",
            {
                "token": token,
                "password": PASSWORD,
                "password_confirm": "other-Secret-1",
            },
            status=400,
            form_path=confirm,
        )
        self.assertTrue(
            page.xpath(
                "//input[@name='password_confirm'][contains(@class, 'is-invalid')]"
            )
        )
        page = self.submit(
            "fr/@@confirm-registration",
            {"token": token, "password": PASSWORD, "password_confirm": PASSWORD},
            form_path=confirm,
        )
        self.assertTrue(page.xpath("//*[contains(@class, 'confirmation-done')]"))
        transaction.begin()
        self.assertFalse(accounts.is_pending(userid))
        page = self.get(confirm, status=410)
        self.assertIn(
            "déjà", text(page.xpath("//*[contains(@class, 'confirmation-refused')]")[0])
        )

    def test_errors_next_to_the_fields(self):
        actors, members = self.actors(), self.members()
        page = self.submit(
            "en/@@register-organisation",
            self.form_fields(title="", website="javascript:x", accept_terms=None),
            status=400,
        )
        for name, message in (
            ("title", "Required."),
            ("website", "Enter a web address that starts with http:// or https://."),
            ("accept_terms", "Accept the terms of use to register."),
        ):
            feedback = page.xpath(
                f"//*[@id='{name}']/following-sibling::div"
                "[contains(@class, 'invalid-feedback')]"
            )
            self.assertEqual(text(feedback[0]), message)
        # What was typed is kept.
        self.assertEqual(
            page.xpath("//input[@name='contact_name']/@value"), ["Awa Diop"]
        )
        self.assertEqual(self.actors().keys(), actors.keys())
        self.assertEqual(self.members(), members)

    def test_honeypot_and_csrf(self):
        actors = self.actors()
        page = self.submit(
            "en/@@register-organisation",
            self.form_fields(**{registration.HONEYPOT_FIELD: "spam"}),
        )
        self.assertTrue(page.xpath("//*[contains(@class, 'registration-done')]"))
        response = self.browser.post(
            "en/@@register-organisation", data=self.form_fields()
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.actors().keys(), actors.keys())
        self.assertEqual(self.mails.sent, [])

    def test_duplicate_then_claim(self):
        api.user.create(
            email="owner@example.org", username="entryowner", password=PASSWORD
        )
        transaction.commit()
        self.add_actor(
            "es",
            "Secreto Privado",
            "https://horizon-social.example.org",
            owner="entryowner",
        )
        page = self.submit("en/@@register-organisation", self.form_fields(), status=409)
        self.assertNotIn("Secreto", html.tostring(page, encoding=str))
        claim_token = page.xpath("//input[@name='claim_token']/@value")[0]
        page = self.submit(
            "en/@@claim-request",
            {
                "claim_token": claim_token,
                "name": "Awa",
                "email": "awa@example.org",
                "message": "Hi",
            },
            form_path="en/@@register-organisation",
        )
        self.assertTrue(page.xpath("//*[contains(@class, 'claim-done')]"))
        self.assertEqual([mail[0] for mail in self.mails.sent], ["owner@example.org"])

    def test_actors_section_and_login_area_link_to_the_form(self):
        page = self.get("fr/actors")
        links = page.xpath(
            "//*[contains(@class, 'register-organisation-link')]//a/@href"
        )
        self.assertEqual(
            links, [f"{self.portal.absolute_url()}/fr/@@register-organisation"]
        )
        page = self.get("fr")
        self.assertTrue(page.xpath("//a[contains(@href, '@@register-organisation')]"))

    def test_initiative_notice_for_its_owner(self):
        api.user.create(
            email="member@example.org", username="member", password=PASSWORD
        )
        transaction.commit()
        member = RelativeSession(self.portal.absolute_url(), test=self)
        member.auth = ("member", PASSWORD)
        member.headers["Accept"] = "application/json"
        answer = member.post(
            "en/@register-initiative",
            json={"title": "Cash for all", "lead_organisation": "New Lead Org"},
        ).json()
        member.headers.pop("Accept")
        page = self.get(answer["@id"], session=member)
        notice = page.xpath("//*[contains(@class, 'lead-to-complete')]")
        self.assertIn("New Lead Org", text(notice[0]))
        manager = RelativeSession(self.portal.absolute_url(), test=self)
        manager.auth = self.manager.auth
        # A manager, who may edit the lead, sees it too; Anonymous cannot see the
        # private initiative at all.
        self.get(answer["@id"], status=200, session=manager)
