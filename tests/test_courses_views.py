"""The Course and CourseModule view pages in the Classic UI, in en, fr and es."""

from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.pages import definitions
from tests.pages import links
from tests.pages import text
from tests.pages import ViewPageTests

import unittest


COURSE = {
    "en": "en/courses/sp-foundations",
    "fr": "fr/courses/fondements-protection-sociale",
    "es": "es/courses/fundamentos-proteccion-social",
}
MODULES = ["what-is-social-protection", "instruments", "building-systems"]


class TestCourseView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_facts_in_every_language(self):
        expected = {
            "en": {
                "Format": "Self-paced",
                "Level": "Introductory",
                "Duration": "12 hours",
                "Available in": "English, Français, Español",
                "Certificate": "Learners who complete the course receive a "
                "certificate.",
            },
            "fr": {
                "Format": "En autonomie",
                "Niveau": "Introductif",
                "Durée": "12 heures",
                "Disponible en": "English, Français, Español",
                "Certificat": "Les participants qui terminent le cours reçoivent "
                "un certificat.",
            },
            "es": {
                "Formato": "A su propio ritmo",
                "Nivel": "Introductorio",
                "Duración": "12 horas",
                "Disponible en": "English, Français, Español",
                "Certificado": "Quienes completan el curso reciben un certificado.",
            },
        }
        for language, path in COURSE.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    self.assertEqual(definitions(page), expected[language])
                    self.assert_no_internals(page)

    def test_dates_in_the_page_language(self):
        self.patch(
            COURSE["en"],
            course_start="2025-03-15",
            course_end="2025-06-30",
            capacity=1500,
        )
        facts = definitions(self.page(self.anonymous, COURSE["fr"]))
        self.assertEqual(facts["Dates"], "15 mars 2025 – 30 juin 2025")
        self.assertEqual(facts["Places"], "1 500")

    def test_modules_in_their_order_linked(self):
        url = self.portal.absolute_url()
        page = self.page(self.anonymous, COURSE["en"])
        self.assertEqual(
            links(page, ".socialhub-modules li a"),
            [
                (
                    "What is social protection?",
                    f"{url}/en/courses/sp-foundations/{MODULES[0]}",
                ),
                (
                    "Instruments of social protection",
                    f"{url}/en/courses/sp-foundations/{MODULES[1]}",
                ),
                (
                    "From programmes to systems",
                    f"{url}/en/courses/sp-foundations/{MODULES[2]}",
                ),
            ],
        )
        response = self.rest().patch(
            COURSE["en"], json={"ordering": {"obj_id": MODULES[2], "delta": "top"}}
        )
        self.assertEqual(response.status_code, 204, response.text)
        page = self.page(self.anonymous, COURSE["en"])
        self.assertEqual(
            self.texts(page, ".socialhub-modules li a"),
            [
                "From programmes to systems",
                "What is social protection?",
                "Instruments of social protection",
            ],
        )

    def test_instructors_and_partners(self):
        page = self.page(self.anonymous, COURSE["es"])
        self.assertEqual(
            self.texts(page, ".socialhub-person"),
            ["Helena Moreira, Social Protection Researchers Network", "Samuel Otieno"],
        )
        self.assertEqual(text(self.one(page, ".socialhub-people h2")), "Instructores")
        self.assertEqual(
            self.texts(page, ".socialhub-card .card-title"),
            [
                "Organización Internacional del Trabajo",
                "Social Protection Researchers Network",
            ],
        )


class TestCourseModuleView(ViewPageTests, unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_place_in_the_course_and_materials(self):
        url = self.portal.absolute_url()
        expected = {
            "en": (
                f"{COURSE['en']}/{MODULES[0]}",
                "Module 1 of 3 in the course Foundations of social protection",
                "4 hours",
                [
                    "Universal child benefits: policy options for low- and "
                    "middle-income countries",
                    "Social pensions in Asia: coverage, adequacy and reform",
                ],
                "Next module: Instruments of social protection",
            ),
            "fr": (
                f"{COURSE['fr']}/qu-est-ce-que-la-protection-sociale",
                "Module 1 sur 3 du cours Fondements de la protection sociale",
                "4 heures",
                [
                    "Allocations universelles pour enfants : options politiques pour "
                    "les pays à revenu faible et intermédiaire",
                    "Social pensions in Asia: coverage, adequacy and reform",
                ],
                "Module suivant : Les instruments de la protection sociale",
            ),
        }
        for language, (path, place, duration, materials, following) in expected.items():
            for session in (self.anonymous, self.editor):
                with self.subTest(language=language, auth=session.auth):
                    page = self.page(session, path)
                    self.assertEqual(
                        text(self.one(page, ".socialhub-module-of")), place
                    )
                    self.assertEqual(
                        text(self.one(page, ".socialhub-duration")), duration
                    )
                    self.assertEqual(
                        self.texts(page, ".socialhub-card .card-title"), materials
                    )
                    self.assertEqual(
                        text(self.one(page, "a.socialhub-next")), following
                    )
                    self.assertEqual(page.cssselect("a.socialhub-previous"), [])
                    self.assert_no_internals(page)
        page = self.page(self.anonymous, f"{COURSE['en']}/{MODULES[0]}")
        self.assertEqual(
            links(page, ".socialhub-module-of a"),
            [("Foundations of social protection", f"{url}/{COURSE['en']}")],
        )
        page = self.page(self.anonymous, f"{COURSE['en']}/{MODULES[2]}")
        self.assertEqual(
            links(page, "a.socialhub-previous"),
            [
                (
                    "Previous module: Instruments of social protection",
                    f"{url}/{COURSE['en']}/{MODULES[1]}",
                )
            ],
        )
        self.assertEqual(page.cssselect("a.socialhub-next"), [])

    def test_private_material_not_shown_to_anonymous(self):
        response = self.rest().post(
            "en/publications",
            json={"@type": "Publication", "title": "Draft of Ysmerelda Vantongeren"},
        )
        self.assertEqual(response.status_code, 201, response.text)
        draft = response.json()["@id"]
        path = f"{COURSE['en']}/{MODULES[0]}"
        self.patch(path, materials=[draft, "/en/publications/social-pensions-asia"])
        page = self.page(self.anonymous, path)
        self.assertEqual(
            self.texts(page, ".socialhub-card .card-title"),
            ["Social pensions in Asia: coverage, adequacy and reform"],
        )
        self.assertNotIn("Ysmerelda", text(self.one(page, "html")))
        page = self.page(self.editor, path)
        self.assertEqual(
            self.texts(page, ".socialhub-card .card-title"),
            [
                "Draft of Ysmerelda Vantongeren",
                "Social pensions in Asia: coverage, adequacy and reform",
            ],
        )


class TestViewPageBody(ViewPageTests, unittest.TestCase):
    """A view page with relation cards, POSTed a body it cannot read."""

    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def test_a_json_text_body_is_a_400_not_a_500(self):
        # The relation cards ask plone.restapi's summary serializer, which
        # reads a POST's JSON body (the fuzz suite found the 500).
        for accept, content_type in (
            ("*/*", "application/json"),
            ("text/html", "text/html;charset=utf-8"),
        ):
            with self.subTest(accept=accept):
                response = self.manager.post(
                    COURSE["en"],
                    data='"<p><p>"',
                    headers={"Content-Type": "application/json", "Accept": accept},
                )
                self.assertEqual(response.status_code, 400, response.text[:300])
                self.assertEqual(response.headers["Content-Type"], content_type)
                if accept == "*/*":
                    self.assertEqual(
                        response.json(),
                        {
                            "type": "BadRequest",
                            "message": "The request body must be a JSON object.",
                        },
                    )
