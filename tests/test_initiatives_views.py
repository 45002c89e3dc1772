"""The Initiative view page in the Classic UI, in English, French and Spanish."""

from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.pages import definitions
from tests.pages import links
from tests.pages import text
from tests.pages import ViewPageTests

import unittest


SAHEL = {
    "en": "en/initiatives/sahel-adaptive-sp",
    "fr": "fr/initiatives/protection-sociale-adaptative-sahel",
    "es": "es/initiatives/proteccion-social-adaptativa-sahel",
}
WEBSITE = "https://example.org/initiatives/sahel-adaptive-sp"


class TestInitiativeView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_status_period_and_countries_in_every_language(self):
        expected = {
            "en": {
                "Status": "Ongoing",
                "Period": "January 1, 2019 – December 31, 2027",
                "Countries": "Burkina Faso Mali Mauritania Niger Chad",
                "Website": WEBSITE,
            },
            "fr": {
                "Statut": "En cours",
                "Période": "1 janvier 2019 – 31 décembre 2027",
                "Pays": "Burkina Faso Mali Mauritanie Niger Tchad",
                "Site web": WEBSITE,
            },
            "es": {
                "Estado": "En curso",
                "Período": "1 de enero de 2019 – 31 de diciembre de 2027",
                "Países": "Burkina Faso Mali Mauritania Níger Chad",
                "Sitio web": WEBSITE,
            },
        }
        for language, path in SAHEL.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    self.assertEqual(definitions(page), expected[language])
                    self.assert_no_internals(page)
        page = self.page(self.anonymous, SAHEL["fr"])
        self.assertEqual(
            links(page, ".socialhub-countries a")[-1],
            (
                "Tchad",
                f"{self.portal.absolute_url()}/fr/initiatives?taxonomy_geography=TD",
            ),
        )

    def test_open_period(self):
        self.patch(SAHEL["en"], end=None)
        page = self.page(self.anonymous, SAHEL["fr"])
        self.assertEqual(definitions(page)["Période"], "1 janvier 2019 –")

    def test_lead_partner_and_funding_organisations_as_cards(self):
        expected = {
            "en": [
                ("Lead organisation", ["World Bank"]),
                ("Partner organisations", ["Africa Cash Network", "UNICEF"]),
                (
                    "Funders",
                    [
                        "World Bank",
                        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
                    ],
                ),
            ],
            "fr": [
                ("Organisation chef de file", ["Banque mondiale"]),
                (
                    "Organisations partenaires",
                    ["Réseau africain des transferts monétaires", "UNICEF"],
                ),
                (
                    "Bailleurs de fonds",
                    [
                        "Banque mondiale",
                        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
                    ],
                ),
            ],
        }
        for language, sections in expected.items():
            with self.subTest(language=language):
                page = self.page(self.anonymous, SAHEL[language])
                found = [
                    (
                        text(section.cssselect("h2")[0]),
                        self.texts(section, ".card-title"),
                    )
                    for section in page.cssselect(".socialhub-cards")
                ]
                self.assertEqual(found[:3], sections)
        page = self.page(self.anonymous, SAHEL["es"])
        self.assertEqual(
            links(page, ".socialhub-card a")[0],
            ("Banco Mundial", f"{self.portal.absolute_url()}/es/actors/banco-mundial"),
        )

    def test_private_partner_not_shown_to_anonymous(self):
        private = self.add_private_actor()
        self.patch(SAHEL["en"], partners=[private["@id"], "/en/actors/unicef"])
        page = self.page(self.anonymous, SAHEL["en"])
        self.assertNotIn("Quillmere", text(self.one(page, "html")))
        self.assertIn("UNICEF", self.texts(page, ".card-title"))
        page = self.page(self.editor, SAHEL["en"])
        self.assertIn("Quillmere council of carers", self.texts(page, ".card-title"))

    def test_contact_details_only_for_those_allowed(self):
        page = self.page(self.anonymous, SAHEL["en"])
        self.assertEqual(page.cssselect(".socialhub-contact"), [])
        self.assertNotIn("sahel-asp@example.org", text(self.one(page, "html")))
        page = self.page(self.editor, SAHEL["es"])
        contact = self.one(page, ".socialhub-contact")
        self.assertEqual(text(self.one(contact, "h2")), "Contacto")
        self.assertEqual(
            links(contact, "a"),
            [("sahel-asp@example.org", "mailto:sahel-asp@example.org")],
        )
        self.assertIn("Fatoumata Traoré", text(contact))
