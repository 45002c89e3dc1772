"""Courses and their modules through the REST API.

Schema, round trip of every field, bad input, module order, where modules
may be added, and relations to items the requester may not see.
"""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import field_errors
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_COURSES_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


# A 1x1 PNG.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)

COURSE = {
    "@type": "Course",
    "title": "Foundations of social protection",
    "description": "An introduction to social protection systems.",
    "text": {"data": "<p>Welcome to the course.</p>", "content-type": "text/html"},
    "course_format": "instructor_led",
    "resource_languages": ["en", "es"],
    "level": "introductory",
    "duration_hours": 24,
    "course_start": "2025-03-03",
    "course_end": "2025-04-28",
    "enrollment_start": "2025-01-15",
    "enrollment_end": "2025-02-28",
    "enrollment_url": "https://campus.example.org/courses/sp-foundations",
    "capacity": 60,
    "certificate": True,
    "instructors": [
        {
            "name": "Ana Pérez",
            "affiliation": "University of Chile",
            "orcid": "0000-0002-1825-0097",
            "url": "https://example.org/ana",
        },
        {"name": "Kofi Mensah"},
    ],
    "image": {
        "data": PNG,
        "encoding": "base64",
        "filename": "cover.png",
        "content-type": "image/png",
    },
}

MODULE = {
    "@type": "CourseModule",
    "title": "What is social protection?",
    "description": "Concepts and definitions.",
    "text": {"data": "<p>Read the two texts.</p>", "content-type": "text/html"},
    "duration_hours": 4,
}


class CoursesAPITestCase(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_COURSES_FUNCTIONAL_TESTING
    container = "en/courses"
    record = COURSE

    def create_course(self, **overrides):
        return self.create(**overrides)

    def create_module(self, course, **overrides):
        return self.post(course["@id"], {**MODULE, **overrides})

    def item_ids(self, container):
        """The ids of a container's items, in the order GET lists them."""
        items = self.api.get(container["@id"]).json()["items"]
        return [item["@id"].rsplit("/", 1)[-1] for item in items]


class TestCourseAPI(CoursesAPITestCase):
    # Partners are Actors: the whole suite, not the plugin alone.
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.actors = [
            api.content.create(
                container=self.portal["en"]["actors"], type="Actor", id=name, title=name
            )
            for name in ("ilo", "giz")
        ]
        transaction.commit()

    def test_schema(self):
        response = self.api.get("@types/Course")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in (
            "title",
            "description",
            "text",
            "course_format",
            "resource_languages",
            "level",
            "duration_hours",
            "course_start",
            "course_end",
            "enrollment_start",
            "enrollment_end",
            "enrollment_url",
            "capacity",
            "certificate",
            "instructors",
            "partners",
            "image",
        ):
            self.assertIn(name, properties)
        self.assertEqual(
            properties["course_format"]["enum"],
            ["instructor_led", "self_paced", "blended"],
        )
        self.assertEqual(
            properties["level"]["enum"], ["introductory", "intermediate", "advanced"]
        )

    def test_round_trip(self):
        partners = [actor.UID() for actor in self.actors]
        created = self.create_course(partners=partners)
        got = self.api.get(created["@id"]).json()
        for name in (
            "title",
            "description",
            "duration_hours",
            "course_start",
            "course_end",
            "enrollment_start",
            "enrollment_end",
            "enrollment_url",
            "capacity",
            "certificate",
            "instructors",
        ):
            self.assertEqual(got[name], COURSE[name], name)
        self.assertEqual(got["text"]["data"], COURSE["text"]["data"])
        self.assertEqual(got["course_format"]["token"], "instructor_led")
        self.assertEqual(got["level"]["token"], "introductory")
        self.assertEqual(
            [lang["token"] for lang in got["resource_languages"]], ["en", "es"]
        )
        self.assertEqual([partner["UID"] for partner in got["partners"]], partners)
        self.assertEqual(got["image"]["filename"], "cover.png")
        patched = self.api.patch(
            created["@id"],
            json={
                "course_format": "blended",
                "level": "advanced",
                "capacity": None,
                "certificate": False,
                "instructors": [],
                "partners": partners[1:],
                "course_end": "2025-05-30",
            },
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual(
            (
                got["course_format"]["token"],
                got["level"]["token"],
                got["capacity"],
                got["certificate"],
                got["instructors"],
                got["course_end"],
            ),
            ("blended", "advanced", None, False, [], "2025-05-30"),
        )
        self.assertEqual([partner["UID"] for partner in got["partners"]], partners[1:])

    def test_searchable_instructors(self):
        created = self.create_course()
        response = self.api.get("@search", params={"SearchableText": "Mensah"})
        self.assertEqual(
            [item["@id"] for item in response.json()["items"]], [created["@id"]]
        )

    def test_listing_metadata(self):
        created = self.create_course()
        response = self.api.get(
            "@search",
            params={
                "portal_type": "Course",
                "course_certificate": True,
                "metadata_fields": [
                    "course_format",
                    "course_level",
                    "course_start",
                    "course_end",
                    "course_certificate",
                ],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        [item] = response.json()["items"]
        self.assertEqual(item["@id"], created["@id"])
        self.assertEqual(
            (
                item["course_format"],
                item["course_level"],
                item["course_start"],
                item["course_end"],
                item["course_certificate"],
            ),
            ("instructor_led", "introductory", "2025-03-03", "2025-04-28", True),
        )

    def test_bad_field_input(self):
        self.assert_field_refused(
            {"duration_hours": 0}, "duration_hours", "Value is too small"
        )
        self.assert_field_refused(
            {"duration_hours": 1001}, "duration_hours", "Value is too big"
        )
        self.assert_field_refused({"capacity": 0}, "capacity", "Value is too small")
        self.assert_field_refused(
            {"level": "expert"}, "level", "Constraint not satisfied"
        )
        self.assert_field_refused(
            {"course_format": "correspondence"},
            "course_format",
            "Constraint not satisfied",
        )
        self.assert_field_refused(
            {"enrollment_url": "javascript:alert(1)"},
            "enrollment_url",
            "Enter a web address that starts with http:// or https://, or an "
            "e-mail address that starts with mailto:.",
        )
        self.assert_field_refused(
            {"instructors": [{"name": "Ana Pérez", "orcid": "0000-0002-1825-0098"}]},
            "instructors",
            "0/orcid: 0000-0002-1825-0098 is not a valid ORCID iD.",
        )
        self.assert_field_refused(
            {"instructors": [{"name": "Ana Pérez", "orcid": "1234"}]},
            "instructors",
            "0/orcid: 1234 is not a valid ORCID iD.",
        )
        self.assert_field_refused(
            {"levle": "advanced"}, "levle", "Course has no field levle."
        )

    def test_bad_periods(self):
        # Invariants concern two fields: plone.restapi names none.
        self.assert_refused(
            {"course_start": "2025-04-28", "course_end": "2025-03-03"},
            [
                {
                    "message": "The end date cannot be before the start date.",
                }
            ],
        )
        self.assert_refused(
            {"enrollment_start": "2025-02-28", "enrollment_end": "2025-01-15"},
            [
                {
                    "message": "Enrolment cannot close before it opens.",
                }
            ],
        )

    def test_period_checked_on_patch(self):
        created = self.create_course()
        response = self.api.patch(created["@id"], json={"course_end": "2025-01-01"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "message": "The end date cannot be before the start date.",
                }
            ],
        )
        self.assertEqual(
            self.api.get(created["@id"]).json()["course_end"], "2025-04-28"
        )
        # One day courses and open-ended dates are fine.
        for dates in ({"course_end": "2025-03-03"}, {"course_start": None}):
            response = self.api.patch(created["@id"], json=dates)
            self.assertEqual(response.status_code, 204, response.text)

    def test_partner_must_be_an_actor(self):
        other = self.create_course(title="Other")
        self.assert_field_refused(
            {"partners": [other["UID"]]}, "partners", "Constraint not satisfied"
        )


class TestCourseModuleAPI(CoursesAPITestCase):
    def test_schema(self):
        response = self.api.get("@types/CourseModule")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in ("title", "description", "text", "materials", "duration_hours"):
            self.assertIn(name, properties)

    def test_round_trip(self):
        course = self.create_course()
        document = self.post("en", {"@type": "Document", "title": "Reading"})
        created = self.create_module(course, materials=[document["UID"]])
        self.assertEqual(created["@id"], f"{course['@id']}/what-is-social-protection")
        got = self.api.get(created["@id"]).json()
        for name in ("title", "description", "duration_hours"):
            self.assertEqual(got[name], MODULE[name], name)
        self.assertEqual(got["text"]["data"], MODULE["text"]["data"])
        self.assertEqual([item["UID"] for item in got["materials"]], [document["UID"]])
        patched = self.api.patch(
            created["@id"], json={"duration_hours": 6, "materials": []}
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual((got["duration_hours"], got["materials"]), (6, []))

    def test_bad_input(self):
        course = self.create_course()
        cases = (
            ({"duration_hours": 0}, "duration_hours", "Value is too small"),
            ({"materials": [course["UID"]]}, "materials", "Constraint not satisfied"),
            ({"level": "advanced"}, "level", "CourseModule has no field level."),
        )
        for overrides, field, message in cases:
            with self.subTest(field=field):
                response = self.api.post(course["@id"], json={**MODULE, **overrides})
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    field_errors(response),
                    [{"field": field, "message": message}],
                )
        transaction.begin()
        self.assertEqual(self.portal["en"]["courses"][course["id"]].objectIds(), [])

    def test_only_in_a_course(self):
        folder = self.post("en", {"@type": "Folder", "title": "Folder"})
        for container in ("en/courses", "en", folder["@id"]):
            with self.subTest(container=container):
                response = self.api.post(container, json=MODULE)
                self.assertEqual(response.status_code, 403, response.text)
                # plone.restapi's error body, in SocialHub's error shape.
                message = "Disallowed subobject type: CourseModule"
                self.assertEqual(
                    response.json(),
                    {
                        "type": "Forbidden",
                        "message": message,
                        "error": {"type": "Forbidden", "message": message},
                    },
                )
        transaction.begin()
        self.assertEqual(len(api.content.find(portal_type="CourseModule")), 0)

    def test_modules_keep_their_order(self):
        course = self.create_course()
        for number in (1, 2, 3):
            self.create_module(course, id=f"m{number}", title=f"Module {number}")
        self.assertEqual(self.item_ids(course), ["m1", "m2", "m3"])
        response = self.api.patch(
            course["@id"], json={"ordering": {"obj_id": "m3", "delta": "top"}}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.item_ids(course), ["m3", "m1", "m2"])
        response = self.api.patch(
            course["@id"], json={"ordering": {"obj_id": "m3", "delta": 2}}
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.item_ids(course), ["m1", "m2", "m3"])

    def test_move_a_module_between_courses(self):
        first = self.create_course(title="First")
        second = self.create_course(title="Second")
        module = self.create_module(first, id="m1")
        self.create_module(second, id="m2")
        response = self.api.post(
            f"{second['@id']}/@move", json={"source": [module["@id"]]}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.item_ids(second), ["m2", "m1"])
        self.assertEqual(self.api.get(first["@id"]).json()["items"], [])

    def test_private_material_not_shown_to_anonymous(self):
        course = self.create_course()
        self.publish(course)
        # Files have no workflow of their own: this one is private with its folder.
        drafts = self.post("en", {"@type": "Folder", "title": "Drafts"})
        secret = self.post(
            drafts["@id"],
            {
                "@type": "File",
                "title": "Secret draft",
                "file": {
                    "data": "ZHJhZnQ=",
                    "encoding": "base64",
                    "filename": "draft.txt",
                    "content-type": "text/plain",
                },
            },
        )
        public = self.post(
            "en",
            {
                "@type": "Link",
                "title": "Open reading",
                "remoteUrl": "https://example.org/reading",
            },
        )
        self.publish(public)
        module = self.create_module(course, materials=[secret["UID"], public["UID"]])
        self.publish(module)
        self.assertEqual(
            [item["UID"] for item in self.api.get(module["@id"]).json()["materials"]],
            [secret["UID"], public["UID"]],
        )
        self.assertEqual(self.anonymous.get(secret["@id"]).status_code, 401)
        response = self.anonymous.get(module["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [item["UID"] for item in response.json()["materials"]], [public["UID"]]
        )
        self.assertNotIn("Secret draft", response.text)
        self.assertNotIn(secret["UID"], response.text)
