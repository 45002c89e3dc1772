"""The Actor (organisation) view page in the Classic UI, in en, fr and es."""

from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.pages import definitions
from tests.pages import links
from tests.pages import text
from tests.pages import ViewPageTests

import unittest


ACN = {
    "en": "en/actors/africa-cash-network",
    "fr": "fr/actors/reseau-africain-transferts-monetaires",
    "es": "es/actors/red-africana-transferencias-monetarias",
}
WEBSITE = "https://africa-cash-network.example.org"
CONTACT = ("Jane Example", "contact@example.org", "+1 555 0100")
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6k"
    "gAAAABJRU5ErkJggg=="
)


class TestActorView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_country_name_year_and_website_in_every_language(self):
        expected = {
            "en": {
                "Acronym": "ACN",
                "Country of the headquarters": "Kenya",
                "Year founded": "2015",
                "Website": "https://africa-cash-network.example.org",
            },
            "fr": {
                "Sigle": "RATM",
                "Pays du siège": "Kenya",
                "Année de fondation": "2015",
                "Site web": "https://africa-cash-network.example.org",
            },
            "es": {
                "Sigla": "RATM",
                "País de la sede": "Kenia",
                "Año de fundación": "2015",
                "Sitio web": "https://africa-cash-network.example.org",
            },
        }
        for language, path in ACN.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    self.assertEqual(definitions(page), expected[language])
                    self.assertEqual(
                        links(page, "a.socialhub-website"),
                        [(WEBSITE, WEBSITE)],
                    )
                    self.assert_no_internals(page)

    def test_mission_and_verification_badge(self):
        badges = {
            "en": ("Mission", "Verified organisation"),
            "fr": ("Mission", "Organisation vérifiée"),
            "es": ("Misión", "Organización verificada"),
        }
        for language, path in ACN.items():
            with self.subTest(language=language):
                page = self.page(self.anonymous, path)
                heading, badge = badges[language]
                self.assertEqual(text(self.one(page, ".socialhub-mission h2")), heading)
                self.assertEqual(text(self.one(page, ".socialhub-verified")), badge)
        page = self.page(self.anonymous, ACN["en"])
        self.assertEqual(
            text(self.one(page, ".socialhub-mission p")),
            "Helps programme teams learn from each other's experience with cash "
            "transfers, from targeting and payments to grievance mechanisms.",
        )

    def test_unverified_organisation_has_no_badge(self):
        private = self.add_private_actor()
        page = self.page(self.editor, private["@id"])
        self.assertEqual(page.cssselect(".socialhub-verified"), [])
        self.assertEqual(text(self.one(page, "h1")), "Quillmere council of carers")
        response = self.anonymous.get(private["@id"])
        self.assertNotIn("Quillmere", response.text)

    def test_contact_details_only_for_those_allowed(self):
        for language, path in ACN.items():
            with self.subTest(language=language):
                page = self.page(self.anonymous, path)
                self.assertEqual(page.cssselect(".socialhub-contact"), [])
                shown = text(self.one(page, "html"))
                for value in CONTACT:
                    self.assertNotIn(value, shown)
        page = self.page(self.editor, ACN["fr"])
        contact = self.one(page, ".socialhub-contact")
        self.assertEqual(text(self.one(contact, "h2")), "Contact")
        self.assertEqual(
            links(contact, "a"),
            [
                ("contact@example.org", "mailto:contact@example.org"),
                ("+1 555 0100", "tel:+15550100"),
            ],
        )
        self.assertIn("Jane Example", text(contact))

    def test_memberships_as_cards_without_the_private_ones(self):
        private = self.add_private_actor()
        self.patch(
            ACN["en"],
            memberships=["/en/actors/sp-researchers-network", private["@id"]],
        )
        expected = {
            "anonymous": (self.anonymous, ["Social Protection Researchers Network"]),
            "editor": (
                self.editor,
                [
                    "Social Protection Researchers Network",
                    "Quillmere council of carers",
                ],
            ),
        }
        for who, (session, titles) in expected.items():
            with self.subTest(who=who):
                page = self.page(session, ACN["es"])
                self.assertEqual(
                    text(self.one(page, ".socialhub-cards h2")), "Miembro de"
                )
                self.assertEqual(
                    self.texts(page, ".socialhub-card .card-title"), titles
                )
        page = self.page(self.anonymous, ACN["en"])
        self.assertNotIn("Quillmere", text(self.one(page, "html")))

    def test_logo(self):
        page = self.page(self.anonymous, ACN["en"])
        self.assertEqual(page.cssselect("img.socialhub-logo"), [])
        self.patch(
            ACN["en"],
            logo={
                "data": PNG,
                "encoding": "base64",
                "filename": "acn.png",
                "content-type": "image/png",
            },
        )
        page = self.page(self.anonymous, ACN["fr"])
        logo = self.one(page, "img.socialhub-logo")
        self.assertEqual(
            logo.get("src"),
            f"{self.portal.absolute_url()}/{ACN['fr']}/@@images/logo/preview",
        )
        self.assertEqual(logo.get("alt"), "Réseau africain des transferts monétaires")

    def test_terms_in_the_page_language(self):
        page = self.page(self.anonymous, ACN["es"])
        self.assertEqual(
            links(page, "a.socialhub-term"),
            [
                (
                    "Transferencias monetarias",
                    f"{self.portal.absolute_url()}/es/actors?taxonomy_themes=cash-transfers",
                ),
                (
                    "África",
                    f"{self.portal.absolute_url()}/es/actors?taxonomy_geography=002",
                ),
                (
                    "Comunidad de práctica",
                    f"{self.portal.absolute_url()}/es/actors"
                    "?taxonomy_actor_types=community-of-practice",
                ),
            ],
        )
        self.assertEqual(
            self.texts(page, ".socialhub-terms dt"),
            ["Temas", "Geografía", "Tipos de organización"],
        )

    def test_funder_badge(self):
        expected = {
            "en/actors/world-bank": "Funder",
            "fr/actors/banque-mondiale": "Bailleur de fonds",
            "es/actors/banco-mundial": "Financiador",
        }
        for path, badge in expected.items():
            with self.subTest(path=path):
                page = self.page(self.anonymous, path)
                self.assertEqual(text(self.one(page, ".socialhub-funder")), badge)
        page = self.page(self.anonymous, ACN["en"])
        self.assertEqual(page.cssselect(".socialhub-funder"), [])
