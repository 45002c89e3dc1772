"""The courses demo content is valid for the Course and CourseModule schemas."""

from pathlib import Path
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.restapi.interfaces import IDeserializeFromJson
from socialhub.testing import SOCIALHUB_COURSES_INTEGRATION_TESTING
from zope.component import getMultiAdapter

import json
import unittest


DEMO = Path(__file__).parent.parent / "profiles" / "demo" / "content" / "courses.json"
COURSE_IDS = [
    "sp-foundations",
    "cash-transfer-design",
    "shock-responsive-sp",
    "social-registries",
    "sp-financing",
    "gender-and-sp",
    "disability-inclusion",
    "monitoring-evaluation",
    "pensions-basics",
    "child-benefits",
]
ACTORS = {
    "ilo",
    "unicef",
    "world-bank",
    "giz",
    "ipc-ig",
    "helpage",
    "wiego",
    "africa-cash-network",
    "sp-researchers-network",
    "open-society-fund",
}
PUBLICATIONS = {
    "cash-transfers-west-africa",
    "universal-child-benefits",
    "social-pensions-asia",
    "shock-responsive-sp-guide",
    "informal-workers-coverage",
    "disability-inclusive-sp",
    "gender-cash-transfers",
    "climate-adaptive-sp",
    "digital-id-social-registries",
    "financing-sp-floors",
}


class TestCoursesDemoContent(unittest.TestCase):
    layer = SOCIALHUB_COURSES_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.entries = json.loads(DEMO.read_text(encoding="utf-8"))

    def courses(self):
        return [entry for entry in self.entries if entry["@type"] == "Course"]

    def test_courses_and_modules(self):
        self.assertEqual(
            [entry["path"] for entry in self.courses()],
            [f"/en/courses/{course_id}" for course_id in COURSE_IDS],
        )
        seen = set()
        for entry in self.entries:
            with self.subTest(path=entry["path"]):
                self.assertEqual(entry["state"], "published")
                if entry["@type"] == "Course":
                    seen.add(entry["path"])
                    self.assertEqual(set(entry.get("relations", {})), {"partners"})
                    for path in entry["relations"]["partners"]:
                        self.assertIn(path.removeprefix("/en/actors/"), ACTORS)
                    continue
                self.assertEqual(entry["@type"], "CourseModule")
                # Listed after its course, which is translated wherever it is.
                parent = entry["path"].rsplit("/", 1)[0]
                self.assertIn(parent, seen)
                for path in entry.get("relations", {}).get("materials", []):
                    self.assertIn(path.removeprefix("/en/publications/"), PUBLICATIONS)
        for course in self.courses():
            modules = [
                e for e in self.entries if e["path"].startswith(course["path"] + "/")
            ]
            with self.subTest(course=course["path"]):
                self.assertIn(len(modules), (2, 3))
                for module in modules:
                    self.assertEqual(
                        set(module.get("translations", {})),
                        set(course.get("translations", {})),
                    )
        translated = [
            c for c in self.courses() if set(c.get("translations", {})) == {"fr", "es"}
        ]
        self.assertGreaterEqual(len(translated), 4)

    def test_fields_deserialize_in_every_language(self):
        for entry in self.entries:
            parent_path, item_id = entry["path"].rsplit("/", 1)
            parent = self.portal.unrestrictedTraverse(parent_path.lstrip("/"))
            item = self.add(parent, entry, item_id, entry["fields"])
            for language, translation in entry.get("translations", {}).items():
                target = ITranslationManager(parent).get_translation(language)
                fields = {**entry["fields"], **translation["fields"]}
                copy = self.add(target, entry, translation["id"], fields)
                ITranslationManager(item).register_translation(language, copy)
                self.assertEqual(copy.Language(), language)
        self.assertEqual(len(api.content.find(portal_type="Course", Language="en")), 10)
        self.assertEqual(len(api.content.find(portal_type="Course", Language="fr")), 4)
        self.assertEqual(
            api.content.find(
                portal_type="Course", course_certificate=False, Language="en"
            ).actual_result_count,
            2,
        )

    def add(self, container, entry, item_id, fields):
        with self.subTest(path=entry["path"], language=container.Language()):
            item = api.content.create(
                container=container,
                type=entry["@type"],
                id=item_id,
                title=fields["title"],
                language=container.Language(),
            )
            deserializer = getMultiAdapter((item, self.request), IDeserializeFromJson)
            deserializer(validate_all=True, data=dict(fields), create=True)
            item.reindexObject()
            return item
