"""SocialHub's Event view page in the Classic UI, in English, French and Spanish."""

from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.pages import definitions
from tests.pages import links
from tests.pages import text
from tests.pages import ViewPageTests

import unittest


WEBINAR = {
    "en": "en/events/financing-sp-floors-webinar",
    "fr": "fr/events/financer-les-socles-webinaire",
    "es": "es/events/financiar-los-pisos-webinario",
}
ADDRESSES = "https://events.example.org/financing-floors/"


class TestEventView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_plone_event_summary_and_ics_link(self):
        for language, path in WEBINAR.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    summary = self.one(page, ".event-summary")
                    ics = self.one(summary, "a[href$='/ics_view']")
                    self.assertEqual(
                        ics.get("href"),
                        f"{self.portal.absolute_url()}/{path}/ics_view",
                    )
                    self.assert_no_internals(page)
        response = self.anonymous.get(f"{WEBINAR['fr']}/ics_view")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        self.assertIn("SUMMARY:Financer les socles", response.text)

    def test_socialhub_fields_in_every_language(self):
        expected = {
            "en": (
                {
                    "Kind of event": "Webinar",
                    "Mode": "Online",
                    "Available in": "English, Français, Español",
                },
                ["Register", "Follow online", "Watch the recording"],
                "Speakers",
                "Organisers",
            ),
            "fr": (
                {
                    "Type d'événement": "Webinaire",
                    "Modalité": "En ligne",
                    "Disponible en": "English, Français, Español",
                },
                ["S'inscrire", "Suivre en ligne", "Voir l'enregistrement"],
                "Intervenants",
                "Organisateurs",
            ),
            "es": (
                {
                    "Tipo de evento": "Seminario web",
                    "Modalidad": "En línea",
                    "Disponible en": "English, Français, Español",
                },
                ["Inscribirse", "Seguir en línea", "Ver la grabación"],
                "Ponentes",
                "Organizadores",
            ),
        }
        for language, (facts, labels, speakers, organisers) in expected.items():
            with self.subTest(language=language):
                page = self.page(self.anonymous, WEBINAR[language])
                self.assertEqual(definitions(page), facts)
                self.assertEqual(
                    links(page, ".socialhub-event-links a"),
                    list(
                        zip(
                            labels,
                            [
                                ADDRESSES + "register",
                                ADDRESSES + "live",
                                ADDRESSES + "recording",
                            ],
                            strict=True,
                        )
                    ),
                )
                self.assertEqual(text(self.one(page, ".socialhub-people h2")), speakers)
                self.assertEqual(
                    self.texts(page, ".socialhub-person"),
                    [
                        "Dr. Miriam Okafor, Public finance researcher",
                        "Tomás Villanueva, Ministry of Finance adviser",
                    ],
                )
                self.assertEqual(
                    text(page.cssselect(".socialhub-cards h2")[0]), organisers
                )

    def test_organisers_and_materials_as_cards_without_private_ones(self):
        private = self.add_private_actor()
        self.patch(WEBINAR["en"], organisers=["/en/actors/ilo", private["@id"]])
        page = self.page(self.anonymous, WEBINAR["fr"])
        self.assertEqual(
            [
                (text(section.cssselect("h2")[0]), self.texts(section, ".card-title"))
                for section in page.cssselect(".socialhub-cards")
            ],
            [
                ("Organisateurs", ["Organisation internationale du Travail"]),
                ("Documents", ["Financing social protection floors"]),
            ],
        )
        self.assertNotIn("Quillmere", text(self.one(page, "html")))
        page = self.page(self.editor, WEBINAR["en"])
        self.assertEqual(
            self.texts(page, ".socialhub-cards")[0],
            "Organisers Organisation International Labour Organization The United "
            "Nations agency for the world of work, which sets international labour "
            "standards, including on social security. Organisation Quillmere "
            "council of carers",
        )

    def test_terms_link_to_the_events_section(self):
        url = self.portal.absolute_url()
        page = self.page(self.anonymous, WEBINAR["es"])
        self.assertEqual(
            links(page, "a.socialhub-term"),
            [
                (
                    "Financiamiento y espacio fiscal",
                    f"{url}/es/events?taxonomy_themes=financing",
                ),
                (
                    "Pisos de protección social",
                    f"{url}/es/events?taxonomy_themes=social-protection-floors",
                ),
                ("Mundo", f"{url}/es/events?taxonomy_geography=001"),
                (
                    "Responsables de la formulación de políticas",
                    f"{url}/es/events?taxonomy_audiences=policymakers",
                ),
            ],
        )
