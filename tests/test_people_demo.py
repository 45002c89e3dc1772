"""The demo's people: linked to organisations, authors of publications, in
English, French and Spanish."""

from plone.app.multilingual.interfaces import ITranslationManager
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING

import unittest


class TestDemoPeople(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.anonymous = api_session(self.layer, self, auth=None)

    def test_people_in_every_language(self):
        people = self.portal["en"]["people"]
        self.assertEqual(
            sorted(people.objectIds()),
            ["aminata-diallo", "fatou-ndiaye", "grace-wanjiru"],
        )
        for person in people.objectValues():
            translations = ITranslationManager(person).get_translations()
            self.assertEqual(sorted(translations), ["en", "es", "fr"])

    def test_affiliations_point_to_the_organisation_in_the_same_language(self):
        for language, organisation in (
            ("en", "africa-cash-network"),
            ("fr", "reseau-africain-transferts-monetaires"),
        ):
            with self.subTest(language=language):
                person = self.anonymous.get(f"{language}/people/aminata-diallo").json()
                [row] = person["affiliations"]
                actor = self.portal[language]["actors"][organisation]
                self.assertEqual(row["organisation"], actor.UID())

    def test_author_of_demo_publications(self):
        works = self.anonymous.get("en/people/aminata-diallo/@works").json()
        self.assertEqual(
            [item["title"] for item in works["publications"]],
            ["Cash transfers in West Africa: a decade of evidence"],
        )
        works = self.anonymous.get("fr/people/aminata-diallo/@works").json()
        self.assertEqual(
            [item["title"] for item in works["publications"]],
            ["Transferts monétaires en Afrique de l'Ouest : dix ans de données"],
        )
        page = self.anonymous.get(
            "fr/publications/transferts-monetaires-afrique-ouest",
            headers={"Accept": "text/html"},
        )
        person = self.portal["fr"]["people"]["aminata-diallo"]
        self.assertIn(f'href="{person.absolute_url()}"', page.text)

    def test_people_section_facets(self):
        response = self.anonymous.get(
            "en/people/@facets",
            params={"themes": "cash-transfers", "facets": "community_roles"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["items_total"], 3)
        counts = {
            node["token"]: node["count"]
            for node in response.json()["facets"]["community_roles"]["terms"]
        }
        self.assertEqual(counts["author"], 3)
