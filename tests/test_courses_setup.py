"""socialhub.courses installs its types, sections and indexes, and uninstalls."""

from Missing import MV
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.courses.interfaces import ICoursesLayer
from socialhub.testing import allowed_types
from socialhub.testing import PluginInstallTests
from socialhub.testing import PluginUninstallTests
from socialhub.testing import SOCIALHUB_COURSES_INTEGRATION_TESTING
from zope.component import getUtility

import datetime
import unittest


SECTION_TITLES = {"en": "Courses", "fr": "Cours", "es": "Cursos"}
INDEXES = {
    "course_format": "FieldIndex",
    "course_level": "FieldIndex",
    "course_start": "DateIndex",
    "course_end": "DateIndex",
    "course_certificate": "BooleanIndex",
}


class TestCoursesInstall(PluginInstallTests, unittest.TestCase):
    layer = SOCIALHUB_COURSES_INTEGRATION_TESTING
    product = "socialhub.courses"
    browser_layer = ICoursesLayer
    section_id = "courses"
    section_titles = SECTION_TITLES

    def test_course_addable_only_in_its_section(self):
        self.assert_addable_only_in_section("Course")

    def test_module_addable_only_in_a_course(self):
        course = api.content.create(
            container=self.portal["en"]["courses"], type="Course", id="c", title="C"
        )
        self.assertEqual(allowed_types(course), ["CourseModule"])
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        for container in (self.portal["en"]["courses"], self.portal["en"], folder):
            with self.subTest(container=container.getId()):
                self.assertNotIn("CourseModule", allowed_types(container))

    def test_ftis(self):
        course = getUtility(IDexterityFTI, name="Course")
        for behavior in (
            "plone.translatable",
            "socialhub.languages",
            "plone.richtext",
            "plone.leadimage",
            "plone.textindexer",
        ):
            self.assertIn(behavior, course.behaviors)
        self.assertTrue(course.filter_content_types)
        self.assertEqual(list(course.allowed_content_types), ["CourseModule"])
        self.assertFalse(course.global_allow)
        module = getUtility(IDexterityFTI, name="CourseModule")
        for behavior in ("plone.translatable", "plone.richtext"):
            self.assertIn(behavior, module.behaviors)
        self.assertFalse(module.global_allow)

    def test_catalog_indexes_and_columns(self):
        self.assert_indexes(INDEXES)

    def test_catalog_data_of_courses_only(self):
        course = api.content.create(
            container=self.portal["en"]["courses"],
            type="Course",
            id="c",
            title="C",
            course_format="self_paced",
            level="advanced",
            course_start=datetime.date(2025, 3, 3),
            course_end=datetime.date(2025, 4, 28),
            certificate=True,
        )
        api.content.create(container=course, type="CourseModule", id="m1", title="M1")
        brains = api.content.find(course_format="self_paced")
        self.assertEqual([brain.getId for brain in brains], ["c"])
        brain = brains[0]
        self.assertEqual(
            (
                brain.course_format,
                brain.course_level,
                brain.course_start,
                brain.course_end,
                brain.course_certificate,
            ),
            (
                "self_paced",
                "advanced",
                datetime.date(2025, 3, 3),
                datetime.date(2025, 4, 28),
                True,
            ),
        )
        for query in (
            {"course_level": "advanced"},
            {"course_certificate": True},
            {"course_start": {"query": datetime.date(2025, 3, 1), "range": "min"}},
        ):
            with self.subTest(query=query):
                self.assertEqual([b.getId for b in api.content.find(**query)], ["c"])
        # The module does not acquire its course's data.
        module = api.content.find(portal_type="CourseModule")[0]
        self.assertEqual((module.course_format, module.course_start), (MV, MV))


class TestCoursesUninstall(PluginUninstallTests, unittest.TestCase):
    layer = SOCIALHUB_COURSES_INTEGRATION_TESTING
    product = "socialhub.courses"
    browser_layer = ICoursesLayer
    portal_types = ("Course", "CourseModule")
