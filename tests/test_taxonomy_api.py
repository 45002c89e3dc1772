"""Taxonomy fields and trees over REST, in the reader's language."""

from socialhub.testing import api_session
from socialhub.testing import field_errors
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import unittest


PENSIONS_PATH = {
    "en": [
        "Social protection",
        "Social assistance",
        "Cash transfers",
        "Social pensions",
    ],
    "fr": [
        "Protection sociale",
        "Assistance sociale",
        "Transferts monétaires",
        "Pensions sociales",
    ],
}


class TestTaxonomyFields(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.api = api_session(self.layer, self)

    def create(self, container, **fields):
        response = self.api.post(
            container, json={"@type": "Publication", "title": "Pensions", **fields}
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()

    def test_term_with_title_and_path_in_the_content_language(self):
        created = self.create("en/publications", taxonomy_themes=["social-pensions"])
        (term,) = created["taxonomy_themes"]
        self.assertEqual(term["token"], "social-pensions")
        self.assertEqual(term["title"], "Social pensions")
        self.assertEqual([step["title"] for step in term["path"]], PENSIONS_PATH["en"])
        self.assertEqual(term["path"][0]["token"], "social-protection")

    def test_accept_language_wins(self):
        created = self.create("en/publications", taxonomy_themes=["social-pensions"])
        response = self.api.get(created["@id"], headers={"Accept-Language": "fr"})
        (term,) = response.json()["taxonomy_themes"]
        self.assertEqual(term["title"], "Pensions sociales")
        self.assertEqual([step["title"] for step in term["path"]], PENSIONS_PATH["fr"])

    def test_french_content_shows_french_titles(self):
        created = self.create("fr/publications", taxonomy_geography=["SN"])
        self.assertEqual(
            [step["title"] for step in created["taxonomy_geography"][0]["path"]],
            ["Monde", "Afrique", "Sénégal"],
        )

    def test_unknown_term_is_a_400_and_stores_nothing(self):
        response = self.api.post(
            "en/publications",
            json={
                "@type": "Publication",
                "title": "Nowhere",
                "taxonomy_geography": ["SN", "XX"],
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "taxonomy_geography",
                    "message": "Unknown term XX in the taxonomy geography.",
                }
            ],
        )
        search = self.api.get("@search", params={"Title": "Nowhere"}).json()
        self.assertEqual(search["items_total"], 0)


class TestTaxonomyTrees(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.anonymous = api_session(self.layer, self, auth=None)

    def test_list(self):
        response = self.anonymous.get("@taxonomies")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [item["name"] for item in response.json()["items"]],
            [
                "themes",
                "geography",
                "audiences",
                "formats",
                "actor_types",
                "population_groups",
                "community_roles",
            ],
        )

    def test_tree_in_the_request_language(self):
        response = self.anonymous.get(
            "@taxonomies/geography", headers={"Accept-Language": "es"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        tree = response.json()
        self.assertEqual(tree["language"], "es")
        (world,) = tree["terms"]
        self.assertEqual((world["token"], world["title"]), ("001", "Mundo"))
        africa = next(node for node in world["children"] if node["token"] == "002")
        self.assertEqual(africa["title"], "África")
        senegal = next(node for node in africa["children"] if node["token"] == "SN")
        self.assertEqual((senegal["title"], senegal["children"]), ("Senegal", []))

    def test_unknown_taxonomy(self):
        response = self.anonymous.get("@taxonomies/colours")
        self.assertEqual(response.status_code, 404, response.text)
        self.assertEqual(
            response.json()["error"]["message"],
            "No taxonomy colours: see @taxonomies for the list.",
        )
