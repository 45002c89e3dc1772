"""The demo profile gives a new site content in English, French and Spanish."""

from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING

import unittest


class TestDemoContent(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.anonymous = api_session(self.layer, self, auth=None)

    def test_welcome_page_in_each_language(self):
        titles = {
            "en": "Welcome to SocialHub",
            "fr": "Bienvenue sur SocialHub",
            "es": "Bienvenido a SocialHub",
        }
        for language, title in titles.items():
            with self.subTest(language=language):
                response = self.anonymous.get(f"{language}/welcome")
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["title"], title)
                self.assertEqual(response.json()["language"]["token"], language)

    def test_welcome_pages_are_linked_as_translations(self):
        response = self.anonymous.get("en/welcome/@translations")
        self.assertEqual(response.status_code, 200, response.text)
        linked = {item["language"]: item["@id"] for item in response.json()["items"]}
        portal_url = self.layer["portal"].absolute_url()
        self.assertEqual(
            linked,
            {
                "fr": f"{portal_url}/fr/welcome",
                "es": f"{portal_url}/es/welcome",
            },
        )
