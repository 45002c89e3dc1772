"""The Publication view page in the Classic UI, in English, French and Spanish."""

from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.pages import definitions
from tests.pages import links
from tests.pages import text
from tests.pages import ViewPageTests

import unittest


CASH = {
    "en": "en/publications/cash-transfers-west-africa",
    "fr": "fr/publications/transferts-monetaires-afrique-ouest",
    "es": "es/publications/transferencias-africa-occidental",
}
CHILD_BENEFITS = "en/publications/universal-child-benefits"


class TestPublicationView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_citation_line_in_every_language(self):
        expected = {
            "en": "Aminata Diallo, Jean-Pierre Kaboré (2024). Cash transfers in "
            "West Africa: a decade of evidence. Africa Cash Network, "
            "International Policy Centre for Inclusive Growth. "
            "https://doi.org/10.5555/shub.2024.001",
            "fr": "Aminata Diallo, Jean-Pierre Kaboré (2024). Transferts "
            "monétaires en Afrique de l'Ouest : dix ans de données. Réseau "
            "africain des transferts monétaires, International Policy Centre "
            "for Inclusive Growth. https://doi.org/10.5555/shub.2024.001",
            "es": "Aminata Diallo, Jean-Pierre Kaboré (2024). Transferencias "
            "monetarias en África Occidental: una década de evidencia. Red "
            "Africana de Transferencias Monetarias, International Policy "
            "Centre for Inclusive Growth. https://doi.org/10.5555/shub.2024.001",
        }
        for language, path in CASH.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    citation = self.one(page, ".socialhub-citation")
                    self.assertEqual(text(citation), expected[language])
                    self.assertEqual(
                        self.one(citation, "a.citation-doi").get("href"),
                        "https://doi.org/10.5555/shub.2024.001",
                    )
                    self.assert_no_internals(page)

    def test_dates_numbers_and_labels_in_the_page_language(self):
        self.patch(CASH["en"], publication_date="2025-03-15", pages=1200)
        expected = {
            "en": {
                "Publication date": "March 15, 2025",
                "Pages": "1,200",
                "Available in": "English, Français",
                "Licence": "Creative Commons Attribution 4.0",
            },
            "fr": {
                "Date de publication": "15 mars 2025",
                "Pages": "1 200",
                "Disponible en": "English, Français",
                "Licence": "Creative Commons Attribution 4.0",
            },
            "es": {
                "Fecha de publicación": "15 de marzo de 2025",
                "Páginas": "1,200",
                "Disponible en": "English, Français",
                "Licencia": "Creative Commons Atribución 4.0",
            },
        }
        for language, path in CASH.items():
            with self.subTest(language=language):
                facts = definitions(self.page(self.anonymous, path))
                for label, value in expected[language].items():
                    self.assertEqual(facts[label], value)

    def test_authors_with_orcid_links(self):
        page = self.page(self.anonymous, CHILD_BENEFITS)
        self.assertEqual(
            self.texts(page, ".socialhub-person"),
            ["Maria Santos, UNICEF ORCID 0000-0002-1825-0097", "David Osei"],
        )
        self.assertEqual(
            links(page, "a.person-orcid"),
            [
                (
                    "ORCID 0000-0002-1825-0097",
                    "https://orcid.org/0000-0002-1825-0097",
                )
            ],
        )
        self.assertEqual(text(self.one(page, ".socialhub-people h2")), "Authors")
        french = self.page(
            self.anonymous, "fr/publications/allocations-universelles-enfants"
        )
        self.assertEqual(text(self.one(french, ".socialhub-people h2")), "Auteurs")

    def test_terms_link_to_the_section_filtered_by_the_term(self):
        portal_url = self.portal.absolute_url()
        page = self.page(self.anonymous, CASH["fr"])
        groups = {
            text(term): [text(link) for link in term.getnext().cssselect("a")]
            for term in page.cssselect(".socialhub-terms dt")
        }
        self.assertEqual(
            groups["Thèmes"],
            [
                "Transferts monétaires conditionnels",
                "Transferts monétaires non conditionnels",
            ],
        )
        self.assertEqual(
            groups["Géographie"],
            ["Sénégal", "Mali", "Niger", "Burkina Faso", "Ghana"],
        )
        self.assertIn(
            (
                "Sénégal",
                f"{portal_url}/fr/publications?taxonomy_geography=SN",
            ),
            links(page, "a.socialhub-term"),
        )
        self.assertIn(
            (
                "Transferts monétaires conditionnels",
                f"{portal_url}/fr/publications?taxonomy_themes=conditional-cash-transfers",
            ),
            links(page, "a.socialhub-term"),
        )

    def test_where_to_read_it(self):
        page = self.page(self.anonymous, CASH["en"])
        self.assertEqual(
            links(page, ".socialhub-read a"),
            [("Read online", "https://example.org/library/cash-transfers-west-africa")],
        )
        self.patch(
            CASH["en"],
            file={
                "data": "%PDF-1.4 " + "x" * 3000,
                "filename": "cash-transfers.pdf",
                "content-type": "application/pdf",
            },
        )
        page = self.page(self.anonymous, CASH["es"])
        self.assertEqual(
            links(page, ".socialhub-read a"),
            [
                (
                    "cash-transfers.pdf (3 KB)",
                    f"{self.portal.absolute_url()}/{CASH['es']}/@@download/file",
                ),
                (
                    "Leer en línea",
                    "https://example.org/library/cash-transfers-west-africa",
                ),
            ],
        )

    def test_publishers_as_cards_without_the_private_ones(self):
        private = self.add_private_actor()
        self.patch(
            CASH["en"], publishers=["/en/actors/africa-cash-network", private["@id"]]
        )
        cards = {
            "anonymous": (self.anonymous, ["Africa Cash Network"]),
            "editor": (
                self.editor,
                ["Africa Cash Network", "Quillmere council of carers"],
            ),
        }
        for who, (session, titles) in cards.items():
            with self.subTest(who=who):
                page = self.page(session, CASH["en"])
                self.assertEqual(
                    self.texts(page, ".socialhub-card .card-title"),
                    [*titles, "Adaptive social protection in the Sahel"],
                )
                self.assertEqual(
                    text(self.one(page, ".citation-publishers")), ", ".join(titles)
                )
        page = self.page(self.anonymous, CASH["en"])
        self.assertNotIn("Quillmere", text(self.one(page, "#content")))
        card = page.cssselect(".socialhub-card")[0]
        self.assertEqual(
            links(card, "a"),
            [
                (
                    "Africa Cash Network",
                    f"{self.portal.absolute_url()}/en/actors/africa-cash-network",
                )
            ],
        )
        self.assertEqual(text(self.one(card, ".card-subtitle")), "Organisation")

    def test_related_items_as_cards_once(self):
        self.patch(
            CASH["en"], relatedItems=["/en/publications/universal-child-benefits"]
        )
        page = self.page(self.anonymous, CASH["en"])
        sections = page.cssselect(".socialhub-cards")
        self.assertEqual(text(sections[-1].cssselect("h2")[0]), "Related items")
        self.assertEqual(
            links(sections[-1], "a"),
            [
                (
                    "Universal child benefits: policy options for low- and "
                    "middle-income countries",
                    f"{self.portal.absolute_url()}/{CHILD_BENEFITS}",
                )
            ],
        )
        # Plone's related items viewlet does not list them a second time.
        self.assertEqual(page.cssselect("#section-related"), [])
        page = self.page(self.anonymous, CHILD_BENEFITS)
        self.assertEqual(page.cssselect("#section-related"), [])
