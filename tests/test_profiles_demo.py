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


SECTIONS = {
    "actors": "Actor",
    "publications": "Publication",
    "initiatives": "Initiative",
    "courses": "Course",
    "events": "Event",
}


class TestDemoRecords(unittest.TestCase):
    """Ten linked records of each type in English, a third in French and Spanish."""

    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.anonymous = api_session(self.layer, self, auth=None)

    def count(self, language, portal_type):
        response = self.anonymous.get(
            "@search",
            params={
                "portal_type": portal_type,
                "path": f"/plone/{language}",
                "b_size": 0,
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["items_total"]

    def test_ten_published_records_of_each_type_a_third_translated(self):
        for portal_type in SECTIONS.values():
            with self.subTest(type=portal_type):
                english = self.count("en", portal_type)
                self.assertGreaterEqual(english, 10)
                for language in ("fr", "es"):
                    self.assertGreaterEqual(
                        self.count(language, portal_type) * 3, english
                    )

    def test_course_modules_in_each_course(self):
        response = self.anonymous.get("en/courses/sp-foundations")
        self.assertEqual(response.status_code, 200, response.text)
        modules = [item["@type"] for item in response.json()["items"]]
        self.assertGreaterEqual(len(modules), 2)
        self.assertEqual(set(modules), {"CourseModule"})

    def test_records_are_linked(self):
        publication = self.anonymous.get(
            "en/publications/cash-transfers-west-africa"
        ).json()
        self.assertEqual(
            [actor["@id"].rsplit("/", 1)[1] for actor in publication["publishers"]],
            ["africa-cash-network", "ipc-ig"],
        )
        initiative = self.anonymous.get("en/initiatives/sahel-adaptive-sp").json()
        self.assertTrue(initiative["partners"])
        self.assertTrue(
            all("/en/actors/" in actor["@id"] for actor in initiative["partners"])
        )

    def test_translations_relate_to_translated_records(self):
        """A French record points to French translations where they exist."""
        english = self.anonymous.get(
            "en/publications/cash-transfers-west-africa"
        ).json()
        expected = []
        for actor in english["publishers"]:
            translations = self.anonymous.get(f"{actor['@id']}/@translations").json()
            french = [t["@id"] for t in translations["items"] if t["language"] == "fr"]
            expected.append(french[0] if french else actor["@id"])
        self.assertIn(
            "/fr/", " ".join(expected), "the demo should translate a publisher"
        )
        french = self.anonymous.get(
            "fr/publications/transferts-monetaires-afrique-ouest"
        ).json()
        self.assertEqual(french["language"]["token"], "fr")
        self.assertEqual([actor["@id"] for actor in french["publishers"]], expected)

    def test_faceted_library_counts_match_searches(self):
        result = self.anonymous.get(
            "en/publications/@facets", params={"facets": ["themes", "formats"]}
        ).json()
        self.assertEqual(result["items_total"], 10)
        for facet in ("themes", "formats"):
            for node in result["facets"][facet]["terms"]:
                with self.subTest(term=node["token"]):
                    search = self.anonymous.get(
                        "@search",
                        params={
                            "portal_type": "Publication",
                            "path": "/plone/en",
                            f"taxonomy_{facet}": node["token"],
                            "b_size": 0,
                        },
                    ).json()
                    self.assertEqual(node["count"], search["items_total"])
                    self.assertGreater(node["count"], 0)


class TestDemoInvitation(unittest.TestCase):
    """The secretariat finds one open invitation (#19)."""

    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_one_open_invitation_with_its_private_entry(self):
        listed = api_session(self.layer, self).get(
            "@invitations", params={"status": "sent"}
        )
        self.assertEqual(listed.status_code, 200, listed.text)
        (invitation,) = listed.json()["items"]
        self.assertEqual(invitation["organisation"], "Kivu Community Health Mutuals")
        self.assertEqual(invitation["entry"]["review_state"], "registered")
        anonymous = api_session(self.layer, self, auth=None)
        self.assertEqual(anonymous.get(invitation["entry"]["@id"]).status_code, 401)
