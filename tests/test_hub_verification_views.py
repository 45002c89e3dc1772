"""The verification partners page of the Classic UI, in English, French and
Spanish (#19): the secretariat lists partners and adds or changes one."""

from lxml import html
from plone import api
from plone.restapi.testing import RelativeSession
from socialhub.hub.verification import partners
from socialhub.taxonomy.terms import terms
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from tests.pages import text

import transaction
import unittest


ADMIN = ("site-admin", "site-admin-secret-1")
VERIFIER = ("verifier", "verifier-secret-1")
HEADINGS = {
    "en": "Verification partners",
    "fr": "Partenaires de vérification",
    "es": "Socios de verificación",
}
FORM_HEADINGS = {
    "en": "Add a partner or change a scope",
    "fr": "Ajouter un partenaire ou modifier un périmètre",
    "es": "Añadir un socio o cambiar un ámbito",
}


class TestVerificationPartnersPage(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        for (username, password), roles in (
            (ADMIN, ["Site Administrator"]),
            (VERIFIER, ["Member"]),
            (("reviewer", "reviewer-secret-1"), ["Reviewer"]),
            (("member", "member-secret-1"), ["Member"]),
        ):
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=password,
                roles=roles,
                properties={"fullname": username.title()},
            )
        api.group.create(groupname="verifiers-africa", title="Africa Partner")
        api.group.add_user(groupname="verifiers-africa", username=VERIFIER[0])
        partners.save_partner("verifiers-africa", "Africa Partner", None, ["002"], [])
        transaction.commit()
        self.admin = self.session(ADMIN)

    def session(self, auth, language=None):
        session = RelativeSession(self.portal.absolute_url(), test=self)
        session.auth = auth
        if language:
            session.headers["Accept-Language"] = language
        return session

    def page(self, response, status=200):
        self.assertEqual(response.status_code, status, response.text[:2000])
        return html.fromstring(response.text)

    def post(self, status=200, language="en", **fields):
        path = f"{language}/@@verification-partners"
        page = self.page(self.admin.get(path))
        token = page.cssselect('input[name="_authenticator"]')[0].get("value")
        data = {"form.save": "1", "_authenticator": token, **fields}
        return self.page(self.admin.post(path, data=data), status=status)

    def test_renders_in_every_language(self):
        for language in ("en", "fr", "es"):
            with self.subTest(language=language):
                session = self.session(ADMIN, language)
                page = self.page(session.get(f"{language}/@@verification-partners"))
                self.assertEqual(text(page.cssselect("h1")[0]), HEADINGS[language])
                self.assertEqual(
                    text(page.cssselect(".partners-form h2")[0]),
                    FORM_HEADINGS[language],
                )
                (row,) = page.cssselect('tr[data-partner="verifiers-africa"]')
                self.assertIn("Africa Partner", text(row))
                self.assertIn(terms("geography", language).title("002"), text(row))
                self.assertIn("Verifier", text(row))
                link = row.cssselect("a.partner-members")[0].get("href")
                self.assertTrue(
                    link.endswith(
                        "/@@usergroup-groupmembership?groupname=verifiers-africa"
                    )
                )
        self.assertEqual(terms("geography", "fr").title("002"), "Afrique")

    def test_site_root_page_and_toolbar_link(self):
        page = self.page(self.admin.get("@@verification-partners"))
        self.assertEqual(text(page.cssselect("h1")[0]), HEADINGS["en"])
        links = page.cssselect("a#personaltools-verification-partners")
        self.assertTrue(links, "no link in the user menu")

    def test_refused_to_reviewer_member_and_anonymous(self):
        for auth in (("reviewer", "reviewer-secret-1"), VERIFIER, None):
            with self.subTest(user=auth and auth[0]):
                session = self.session(auth)
                response = session.get(
                    "en/@@verification-partners", allow_redirects=False
                )
                self.assertEqual(response.status_code, 302, response.text[:500])
                self.assertIn("require_login", response.headers["Location"])
                self.assertNotIn("Africa Partner", response.text)
                page = html.fromstring(session.get("en").text)
                self.assertFalse(
                    page.cssselect("a#personaltools-verification-partners")
                )

    def test_add_a_partner_from_the_form(self):
        page = self.post(
            id="sahel",
            title="Sahel Partner",
            **{"geography:list": ["ML", "SN"], "themes:list": ["social-assistance"]},
        )
        self.assertIn(
            "Sahel Partner is a verification partner.",
            text(page.cssselect(".portalMessage")[0]),
        )
        transaction.begin()
        self.assertIsNotNone(api.group.get(groupname="verifiers-sahel"))
        partner = partners.get_partner("verifiers-sahel")
        self.assertEqual(
            (partner["title"], partner["geography"], partner["themes"]),
            ("Sahel Partner", ["ML", "SN"], ["social-assistance"]),
        )
        (row,) = page.cssselect('tr[data-partner="verifiers-sahel"]')
        self.assertIn("Sahel Partner", text(row))

    def test_change_a_scope_from_the_form(self):
        page = self.page(
            self.admin.get("en/@@verification-partners?edit=verifiers-africa")
        )
        self.assertEqual(page.cssselect("#partner-id")[0].get("value"), "africa")
        selected = page.cssselect("#partner-geography option[selected]")
        self.assertEqual([option.get("value") for option in selected], ["002"])
        page = self.post(
            id="africa", title="Africa Partner", **{"geography:list": ["KE"]}
        )
        self.assertIn(
            "The scope of Africa Partner is saved.",
            text(page.cssselect(".portalMessage")[0]),
        )
        transaction.begin()
        self.assertEqual(partners.get_partner("verifiers-africa")["geography"], ["KE"])

    def test_bad_scope_shows_the_error_and_changes_nothing(self):
        for fields, field, message in (
            (
                {"id": "sahel", "title": "Sahel Partner"},
                "geography",
                "Give the scope: at least one region, country or theme.",
            ),
            (
                {"id": "sahel", "title": "Sahel Partner", "geography:list": ["ZZZ"]},
                "geography",
                "A list of terms of the geography taxonomy.",
            ),
            (
                {"id": "Sahel!", "title": "", "themes:list": ["social-assistance"]},
                "id",
                "2 to 40 lowercase letters, digits and hyphens.",
            ),
            (
                {"id": "africa", "title": "Africa Partner", "geography:list": ["Q"]},
                "geography",
                "A list of terms of the geography taxonomy.",
            ),
        ):
            with self.subTest(fields=fields):
                page = self.post(400, **fields)
                errors = {
                    element.getprevious().get("name"): text(element)
                    for element in page.cssselect(".invalid-feedback")
                }
                name = field if field == "id" else f"{field}:list"
                self.assertEqual(errors[name], message)
        transaction.begin()
        self.assertIsNone(api.group.get(groupname="verifiers-sahel"))
        self.assertEqual(sorted(partners.all_partners()), ["verifiers-africa"])
        self.assertEqual(partners.get_partner("verifiers-africa")["geography"], ["002"])

    def test_form_without_authenticator_is_refused(self):
        response = self.admin.post(
            "en/@@verification-partners",
            data={"form.save": "1", "id": "sahel", "title": "S", "themes:list": "x"},
        )
        self.assertEqual(response.status_code, 403)
        transaction.begin()
        self.assertIsNone(api.group.get(groupname="verifiers-sahel"))
