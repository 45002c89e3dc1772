"""Translating every SocialHub type through the REST API, as a content team does.

For each type: find where the translation goes (@translation-locator), create
it with ``translation_of``, and see the language-independent fields there at
once; edit the source and see them follow, without touching the translation
when only a language-dependent field changed; relations point to the
translations of their targets, also to those made later.
"""

from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import unittest


# type: (section, independent fields at creation, a later change, relation field)
TYPES = {
    "Publication": (
        "publications",
        {"publication_date": "2024-05-02", "taxonomy_themes": ["child-grants"]},
        {"pages": 12},
        "publishers",
    ),
    "Actor": (
        "actors",
        {"founded_year": 1990, "taxonomy_actor_types": ["ngo"]},
        {"contact_email": "team@example.org"},
        "memberships",
    ),
    "Initiative": (
        "initiatives",
        {"start": "2021-03-01", "taxonomy_geography": ["SN"]},
        {"status": "completed"},
        "partners",
    ),
    "Course": (
        "courses",
        {"course_start": "2026-01-12", "duration_hours": 20},
        {"capacity": 40},
        "partners",
    ),
    "Event": (
        "events",
        {
            "start": "2026-03-10T14:00:00+00:00",
            "end": "2026-03-10T15:00:00+00:00",
            "event_kind": "webinar",
        },
        {"event_mode": "online"},
        "organisers",
    ),
}


def tokens(value):
    """Comparable form of a serialized field value."""
    if isinstance(value, list):
        return [
            item.get("token", item) if isinstance(item, dict) else item
            for item in value
        ]
    if isinstance(value, dict):
        return value.get("token", value)
    return value


class TestTranslateEveryType(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.api = api_session(self.layer, self)
        self.ilo = self.post("en/actors", {"@type": "Actor", "title": "ILO"})
        self.oit = self.translate(self.ilo, "fr", "OIT")

    def post(self, container, data):
        response = self.api.post(container, json=data)
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()

    def get(self, item):
        response = self.api.get(item["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def translate(self, source, language, title):
        locator = self.api.get(
            f"{source['@id']}/@translation-locator",
            params={"target_language": language},
        )
        self.assertEqual(locator.status_code, 200, locator.text)
        return self.post(
            locator.json()["@id"],
            {
                "@type": source["@type"],
                "title": title,
                "language": language,
                "translation_of": source["UID"],
            },
        )

    def test_every_type(self):
        for portal_type, (section, independent, change, relation) in TYPES.items():
            with self.subTest(type=portal_type):
                self.check_type(portal_type, section, independent, change, relation)

    def check_type(self, portal_type, section, independent, change, relation):
        source = self.post(
            f"en/{section}",
            {
                "@type": portal_type,
                "title": f"English {portal_type}",
                relation: [self.ilo["UID"]],
                **independent,
            },
        )
        french = self.translate(source, "fr", f"{portal_type} en français")
        self.assertIn(f"/fr/{section}/", french["@id"])

        # The independent fields are there at creation (stock leaves them empty).
        for name, value in independent.items():
            self.assertEqual(tokens(french[name]), value, name)
        # Relations follow language.
        self.assertEqual(
            [target["@id"] for target in french[relation]], [self.oit["@id"]]
        )

        # An independent change follows to the translation.
        patched = self.api.patch(source["@id"], json=change)
        self.assertEqual(patched.status_code, 204, patched.text)
        french = self.get(french)
        for name, value in change.items():
            self.assertEqual(tokens(french[name]), value, name)

        # A title change stays in its language, and leaves the translation as it was.
        before = french["modified"]
        patched = self.api.patch(source["@id"], json={"title": "Retitled"})
        self.assertEqual(patched.status_code, 204, patched.text)
        french = self.get(french)
        self.assertEqual(french["title"], f"{portal_type} en français")
        self.assertEqual(french["modified"], before)

    def test_relation_follows_a_translation_made_later(self):
        network = self.post("en/actors", {"@type": "Actor", "title": "Network"})
        source = self.post(
            "en/publications",
            {"@type": "Publication", "title": "Report", "publishers": [network["UID"]]},
        )
        french = self.translate(source, "fr", "Rapport")
        self.assertEqual(
            [target["@id"] for target in french["publishers"]], [network["@id"]]
        )
        reseau = self.translate(network, "fr", "Réseau")
        french = self.get(french)
        self.assertEqual(
            [target["@id"] for target in french["publishers"]], [reseau["@id"]]
        )
        english = self.get(source)
        self.assertEqual(
            [target["@id"] for target in english["publishers"]], [network["@id"]]
        )

    def test_linking_existing_items_shares_the_independent_fields(self):
        source = self.post(
            "en/publications",
            {"@type": "Publication", "title": "Report", "pages": 30},
        )
        french = self.post(
            "fr/publications", {"@type": "Publication", "title": "Rapport"}
        )
        linked = self.api.post(
            f"{source['@id']}/@translations", json={"id": french["@id"]}
        )
        self.assertEqual(linked.status_code, 201, linked.text)
        self.assertEqual(self.get(french)["pages"], 30)
        unlinked = self.api.delete(
            f"{source['@id']}/@translations", json={"language": "fr"}
        )
        self.assertEqual(unlinked.status_code, 204, unlinked.text)
        self.assertEqual(
            self.api.get(f"{source['@id']}/@translations").json()["items"], []
        )
