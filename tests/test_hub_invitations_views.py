"""Invitations in the Classic UI: the secretariat's page and the invitee's
page, in English, French and Spanish (#19)."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from socialhub.hub.invitations import storage
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from tests.hubmail import MailCatcher
from tests.pages import text

import transaction
import unittest


HEADINGS = {"en": "Invitations", "fr": "Invitations", "es": "Invitaciones"}
SENT = {"en": "Sent", "fr": "Envoyée", "es": "Enviada"}
INVITE_ONE = {
    "en": "Invite an organisation",
    "fr": "Inviter une organisation",
    "es": "Invitar una organización",
}
FORM = {
    "organisation": "Sahel Women's Savings Groups",
    "country": "ML",
    "contact_name": "Fatoumata Keita",
    "email": "fatoumata@savings.example.org",
    "website": "",
    "message": "",
}
CSV = (
    "organisation,country,contact_name,email,language\n"
    "Good one,KE,Wanjiru,wanjiru@example.org,en\n"
    "Bad one,Kenya,Otieno,otieno@example.org,en\n"
)


class InvitationPageTests(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        api.user.create(
            email="member@example.org", username="member", password="member-password"
        )
        transaction.commit()
        self.mail = MailCatcher(self)
        self.manager = self.session((SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        self.anonymous = self.session(None)

    def session(self, auth, language=None):
        session = RelativeSession(self.portal.absolute_url(), test=self)
        session.auth = auth
        if language:
            session.headers["Accept-Language"] = language
        return session

    def page(self, response, status=200):
        self.assertEqual(response.status_code, status, response.text[:2000])
        return html.fromstring(response.text)

    def authenticator(self, page):
        return page.cssselect('input[name="_authenticator"]')[0].get("value")

    def invite(self, language="en", status=200, **fields):
        path = f"{language}/@@invitations"
        page = self.page(self.manager.get(path))
        response = self.manager.post(
            path,
            data={
                **FORM,
                "language": language,
                **fields,
                "form.invite": "1",
                "_authenticator": self.authenticator(page),
            },
        )
        return self.page(response, status=status)

    def records(self):
        transaction.begin()
        return storage.records(self.portal)


class TestSecretariatPage(InvitationPageTests):
    def test_renders_in_every_language(self):
        for language in ("en", "fr", "es"):
            with self.subTest(language=language):
                self.invite(language, email=f"{language}@example.org")
                session = self.session((SITE_OWNER_NAME, SITE_OWNER_PASSWORD), language)
                page = self.page(session.get(f"{language}/@@invitations"))
                self.assertEqual(text(page.cssselect("h1")[0]), HEADINGS[language])
                rows = page.cssselect("tr[data-invitation]")
                self.assertEqual(len(rows), 1)
                self.assertIn(FORM["organisation"], text(rows[0]))
                self.assertIn(SENT[language], text(rows[0]))
                self.assertEqual(
                    text(page.cssselect(".invitations-invite-one h2")[0]),
                    INVITE_ONE[language],
                )

    def test_invite_one_from_the_form(self):
        page = self.invite()
        self.assertIn(
            "Sahel Women's Savings Groups is invited.",
            text(page.cssselect(".portalMessage")[0]),
        )
        (record,) = self.records()
        self.assertEqual(record["email"], FORM["email"])
        self.assertEqual(len(self.mail.sent), 1)

    def test_form_errors_next_to_the_fields(self):
        page = self.invite(country="Mali", email="nope", status=400)
        errors = {
            element.getprevious().get("name"): text(element)
            for element in page.cssselect(".invalid-feedback")
        }
        self.assertEqual(
            errors,
            {
                "country": "Enter a country as its ISO 3166-1 alpha-2 code, "
                "e.g. SN for Senegal.",
                "email": "Enter an e-mail address such as name@example.org.",
            },
        )
        self.assertEqual(self.records(), [])

    def test_csv_upload_lists_refused_rows(self):
        page = self.page(self.manager.get("@@invitations"))
        response = self.manager.post(
            "@@invitations",
            data={"form.upload": "1", "_authenticator": self.authenticator(page)},
            files={"csv_file": ("batch.csv", CSV.encode(), "text/csv")},
        )
        page = self.page(response)
        self.assertIn(
            "1 invited, 1 refused.", text(page.cssselect(".portalMessage")[0])
        )
        (row,) = page.cssselect(".invitations-refused tbody tr")
        self.assertIn("Bad one", text(row))
        self.assertIn("ISO 3166-1", text(row))
        self.assertEqual([r["organisation"] for r in self.records()], ["Good one"])

    def test_only_the_secretariat(self):
        for auth in (None, ("member", "member-password")):
            with self.subTest(auth=auth):
                response = self.session(auth).get("en/@@invitations")
                self.assertNotIn("invitations-list", response.text)
                self.assertTrue(
                    response.url.split("?")[0]
                    .split("/")[-1]
                    .startswith(("login", "insufficient-privileges")),
                    response.url,
                )


class TestInviteePage(InvitationPageTests):
    def link(self):
        self.invite()
        (token,) = self.mail.tokens()
        return f"en/@@invitation?token={token}", token

    def test_shows_the_choices_without_using_the_link(self):
        path, _token = self.link()
        for _twice in range(2):
            page = self.page(self.anonymous.get(path))
        self.assertIn(
            FORM["organisation"], text(page.cssselect(".documentDescription")[0])
        )
        self.assertEqual(len(page.cssselect("#invitation-claim-new")), 1)
        self.assertEqual(len(page.cssselect("#invitation-login")), 1)
        self.assertEqual(len(page.cssselect("#invitation-decline")), 1)
        self.assertNotIn(FORM["email"], page.text_content())
        self.assertEqual(self.records()[0]["status"], "sent")
        member = self.page(self.session(("member", "member-password")).get(path))
        self.assertEqual(len(member.cssselect("#invitation-claim-member")), 1)
        self.assertEqual(len(member.cssselect("#invitation-claim-new")), 0)

    def test_in_french_and_spanish(self):
        path, _token = self.link()
        for language, heading in (("fr", "Décliner"), ("es", "Declinar")):
            with self.subTest(language=language):
                page = self.page(self.session(None, language).get(path))
                self.assertIn(heading, [text(h) for h in page.cssselect("h2")])

    def post(self, session, path, token, **data):
        page = self.page(session.get(path))
        return session.post(
            path.split("?")[0],
            data={"token": token, "_authenticator": self.authenticator(page), **data},
        )

    def test_claim_with_a_new_account(self):
        path, token = self.link()
        page = self.page(
            self.post(
                self.anonymous, path, token, action="claim", password="savings-2026"
            )
        )
        self.assertEqual(len(page.cssselect(".invitation-claimed")), 1)
        self.assertEqual(
            text(page.cssselect(".invitation-login")[0]),
            "Log in as fatoumata@savings.example.org with the password you chose.",
        )
        self.assertEqual(self.records()[0]["status"], "claimed")
        again = self.page(self.anonymous.get(path), status=410)
        self.assertEqual(
            text(again.cssselect(".invitation-error")[0]),
            "This link has already been used.",
        )

    def test_claim_as_the_member_logged_in(self):
        path, token = self.link()
        member = self.session(("member", "member-password"))
        page = self.page(self.post(member, path, token, action="claim"))
        self.assertEqual(len(page.cssselect(".invitation-claimed")), 1)
        self.assertEqual(self.records()[0]["claimed_by"], "member")

    def test_decline(self):
        path, token = self.link()
        page = self.page(self.post(self.anonymous, path, token, action="decline"))
        self.assertEqual(len(page.cssselect(".invitation-declined")), 1)
        self.assertEqual(self.records()[0]["status"], "declined")

    def test_short_password_is_refused_on_the_page(self):
        path, token = self.link()
        page = self.page(
            self.post(self.anonymous, path, token, action="claim", password="short"),
            status=400,
        )
        self.assertEqual(
            text(page.cssselect(".invitation-field-error")[0]),
            "Choose a password of at least 8 characters for your new account.",
        )
        self.assertEqual(self.records()[0]["status"], "sent")

    def test_tampered_link(self):
        path, token = self.link()
        page = self.page(self.anonymous.get(f"{path}x"), status=400)
        self.assertEqual(
            text(page.cssselect(".invitation-error")[0]),
            "This link is not valid. Check that you copied it whole.",
        )
