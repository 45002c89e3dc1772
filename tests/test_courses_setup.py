"""socialhub.courses installs its types, sections and indexes, and uninstalls."""

from Missing import MV
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.utils import get_installer
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.courses.interfaces import ICoursesLayer
from socialhub.testing import assert_sections
from socialhub.testing import SOCIALHUB_COURSES_INTEGRATION_TESTING
from zope.component import getUtility
from zope.component import queryUtility

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


class TestCoursesInstall(unittest.TestCase):
    layer = SOCIALHUB_COURSES_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def allowed(self, container):
        return [fti.getId() for fti in container.allowedContentTypes()]

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed("socialhub.courses"))
        self.assertIn(ICoursesLayer, registered_layers())

    def test_section_in_every_language_with_translated_title(self):
        assert_sections(self, "courses", SECTION_TITLES)

    def test_course_addable_only_in_its_section(self):
        self.assertEqual(self.allowed(self.portal["en"]["courses"]), ["Course"])
        self.assertNotIn("Course", self.allowed(self.portal["en"]))
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        self.assertNotIn("Course", self.allowed(folder))

    def test_module_addable_only_in_a_course(self):
        course = api.content.create(
            container=self.portal["en"]["courses"], type="Course", id="c", title="C"
        )
        self.assertEqual(self.allowed(course), ["CourseModule"])
        folder = api.content.create(container=self.portal["en"], type="Folder", id="f")
        for container in (self.portal["en"]["courses"], self.portal["en"], folder):
            with self.subTest(container=container.getId()):
                self.assertNotIn("CourseModule", self.allowed(container))

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
        catalog = api.portal.get_tool("portal_catalog")
        for name, meta_type in INDEXES.items():
            with self.subTest(index=name):
                self.assertEqual(catalog._catalog.getIndex(name).meta_type, meta_type)
                self.assertIn(name, catalog.schema())

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


class TestCoursesUninstall(unittest.TestCase):
    layer = SOCIALHUB_COURSES_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        installer = get_installer(self.portal, self.layer["request"])
        installer.uninstall_product("socialhub.courses")
        self.installer = installer

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.courses"))
        self.assertNotIn(ICoursesLayer, registered_layers())
        self.assertIsNone(queryUtility(IDexterityFTI, name="Course"))
        self.assertIsNone(queryUtility(IDexterityFTI, name="CourseModule"))
        section_fti = getUtility(IDexterityFTI, name="Section")
        self.assertNotIn("Course", section_fti.allowed_content_types)
        versionable = api.portal.get_tool(
            "portal_repository"
        ).getVersionableContentTypes()
        self.assertNotIn("Course", versionable)
        self.assertNotIn("CourseModule", versionable)
