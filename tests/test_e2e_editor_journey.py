"""The editor's journey in a real headless Chromium, through the Classic UI.

An editor logs in, adds a publication (two authors, two themes, a country, a
publishing organisation), translates it into French and submits it; a
reviewer sends it back with a comment; the editor resubmits; the reviewer
publishes it; Anonymous reads it in French; the editor changes an
organisation through its edit form.

Each step is a subtest: a step that fails is reported with its screenshot
and the journey goes on, so one run shows every step that does not work.
Every step saves ``var/screenshots/editor-journey/NN-step.png``.
"""

from plone import api
from selenium.webdriver.common.by import By
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests import chromium
from tests.processes import END_TO_END

import contextlib
import transaction
import unittest


EDITOR = ("maria-editor", "maria-editor-password")
REVIEWER = ("rui-reviewer", "rui-reviewer-password")
REVIEWER_NAME = "Rui Reviewer"

TITLE = "Social pensions in the Sahel"
TITLE_FR = "Les pensions sociales au Sahel"
AUTHORS = [("Aïssata Kaboré", "IPC-IG", "0000-0002-1825-0097"), ("John Smith", "", "")]
THEMES = ["Cash transfers", "Social pensions"]
COUNTRY = "Senegal"
PUBLISHER = "International Labour Organization"
PUBLISHER_FR = "Organisation internationale du Travail"
COMMENT = "Please add the DOI of the report."
#: Plone's message after a workflow transition, in English and French.
STATE_CHANGED = {"en": "Item state changed.", "fr": "L'état de l'élément a changé."}
MISSION = "Sets labour standards and promotes decent work for all women and men."


class EditorJourneyTests(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING
    level = END_TO_END

    def setUp(self):
        missing = chromium.missing_programs()
        if missing:
            self.fail(missing)
        portal = self.layer["portal"]
        self.portal_url = portal.absolute_url()
        for (user, password), roles in (
            (EDITOR, ["Contributor", "Editor", "Translator"]),
            (REVIEWER, ["Reviewer"]),
        ):
            api.user.create(
                username=user,
                password=password,
                email=f"{user}@example.org",
                roles=roles,
                properties={"fullname": user.replace("-", " ").title()},
            )
        transaction.commit()
        self.screenshots = chromium.screenshot_folder("editor-journey")
        self.driver = chromium.start_chromium()
        self.addCleanup(self.driver.quit)
        self.steps = 0

    @contextlib.contextmanager
    def step(self, name):
        """One step of the journey: a subtest that ends with a screenshot.

        A failure names the step and its screenshot, and the journey goes on.
        """
        self.steps += 1
        path = self.screenshots / f"{self.steps:02d}-{name}.png"
        with self.subTest(step=f"{self.steps:02d}-{name}"):
            try:
                yield
            except Exception as error:
                raise self.failureException(
                    f"step {self.steps:02d}-{name} failed on "
                    f"{self.driver.current_url}: {error}\n{self.screenshot(path)}"
                ) from error
            self.driver.save_screenshot(str(path))

    def screenshot(self, path):
        """Save the window as ``path``; say where, or why it could not."""
        try:
            self.driver.save_screenshot(str(path))
        except Exception as error:  # the browser itself failed
            return f"no screenshot: {error}"
        return f"screenshot: {path}"

    def test_editor_journey(self):
        driver = self.driver
        english = f"{self.portal_url}/en/publications/social-pensions-in-the-sahel"
        french = f"{self.portal_url}/fr/publications/les-pensions-sociales-au-sahel"

        with self.step("login"):
            chromium.log_in(driver, self.portal_url, *EDITOR)
            self.assertIn(
                "Welcome! You are now logged in.",
                chromium.status_message(driver),
            )

        with self.step("add-form"):
            chromium.open_page(
                driver, f"{self.portal_url}/en/publications/++add++Publication", "#form"
            )
            self.assertEqual(chromium.heading(driver), "Add Publication")
            chromium.fill(driver, "IDublinCore.title", TITLE)
            chromium.fill(
                driver, "abstract", "Coverage and adequacy of social pensions."
            )
            for name, affiliation, orcid in AUTHORS:
                chromium.add_author_row(driver, "authors", name, affiliation, orcid)
            chromium.set_date(driver, "publication_date", "2025-03-15")
            chromium.open_tab(driver, "Categorization")
            self.assertEqual(chromium.choose_terms(driver, "themes", THEMES), THEMES)
            self.assertEqual(
                chromium.choose_terms(driver, "geography", [COUNTRY]), [COUNTRY]
            )
            chromium.open_tab(driver, "Default")

        with self.step("choose-publisher"):
            chromium.choose_organisation(driver, "publishers", PUBLISHER)

        with self.step("save"):
            chromium.save(driver)
            self.assertEqual(chromium.item_url(driver), english)
            self.assertIn("Item created", chromium.status_message(driver))
            self.assertEqual(chromium.heading(driver), TITLE)
            text = chromium.page_text(driver)
            for title in [*THEMES, COUNTRY]:
                self.assertIn(title, text)
            self.assertEqual(chromium.review_state(driver), "Draft")

        with self.step("view-authors"):
            chromium.open_page(driver, english)
            text = chromium.page_text(driver)
            for name, _affiliation, _orcid in AUTHORS:
                self.assertIn(name, text)
            self.assertIn("IPC-IG", text)

        with self.step("view-publisher"):
            self.assertIn(PUBLISHER, chromium.page_text(driver))

        with self.step("translate-form"):
            chromium.open_page(driver, english)
            chromium.javascript_errors(driver)  # forget the English page's
            chromium.translate_into(driver, "fr")
            self.assertEqual(
                chromium.original_value(driver, "IDublinCore.title"), TITLE
            )
            chromium.fill(driver, "IDublinCore.title", TITLE_FR)
            chromium.fill(
                driver, "abstract", "Couverture et niveau des pensions sociales."
            )

        with self.step("translate-form-no-javascript-error"):
            self.assertEqual(chromium.javascript_errors(driver), [])

        with self.step("translate-save"):
            chromium.save(driver)
            self.assertEqual(chromium.item_url(driver), french)
            self.assertEqual(chromium.heading(driver), TITLE_FR)
            self.assertEqual(chromium.page_language(driver), "fr")

        with self.step("submit"):
            chromium.open_page(driver, english)
            chromium.do_transition(driver, "submit")
            self.assertIn(STATE_CHANGED["en"], chromium.status_message(driver))
            self.assertEqual(chromium.review_state(driver), "Pending review")
            chromium.open_page(driver, french)
            chromium.do_transition(driver, "submit")
            self.assertIn(STATE_CHANGED["fr"], chromium.status_message(driver))

        with self.step("send-back"):
            chromium.log_in(driver, self.portal_url, *REVIEWER)
            chromium.open_page(driver, english)
            self.assertEqual(chromium.review_state(driver), "Pending review")
            chromium.send_back(driver, COMMENT)
            self.assertIn(STATE_CHANGED["en"], chromium.status_message(driver))
            self.assertEqual(chromium.review_state(driver), "Draft")

        with self.step("read-comment-and-resubmit"):
            chromium.log_in(driver, self.portal_url, *EDITOR)
            history = chromium.history_text(driver, english)
            self.assertIn(f"Send back — {REVIEWER_NAME}", history)
            self.assertIn(COMMENT, history)
            chromium.open_page(driver, english)
            self.assertEqual(chromium.review_state(driver), "Draft")
            chromium.do_transition(driver, "submit")
            self.assertEqual(chromium.review_state(driver), "Pending review")

        with self.step("publish"):
            chromium.log_in(driver, self.portal_url, *REVIEWER)
            chromium.open_page(driver, english)
            chromium.do_transition(driver, "publish")
            self.assertIn(STATE_CHANGED["en"], chromium.status_message(driver))
            self.assertEqual(chromium.review_state(driver), "Published")
            chromium.open_page(driver, french)
            chromium.do_transition(driver, "publish")
            self.assertIn(STATE_CHANGED["fr"], chromium.status_message(driver))

        with self.step("french-state-translated"):
            self.assertEqual(chromium.review_state(driver), "Publié")

        with self.step("anonymous-french"):
            chromium.log_out(driver)
            chromium.open_page(driver, french)
            self.assertEqual(chromium.heading(driver), TITLE_FR)
            self.assertEqual(chromium.page_language(driver), "fr")
            self.assertEqual(
                driver.find_elements(By.ID, "edit-zone"), []
            )  # no toolbar: Anonymous
            text = chromium.page_text(driver)
            for title in ("Transferts monétaires", "Pensions sociales", "Sénégal"):
                self.assertIn(title, text)

        with self.step("anonymous-french-authors"):
            text = chromium.page_text(driver)
            for name, _affiliation, _orcid in AUTHORS:
                self.assertIn(name, text)

        with self.step("anonymous-french-publisher"):
            self.assertIn(PUBLISHER_FR, chromium.page_text(driver))

        with self.step("edit-organisation"):
            chromium.log_in(driver, self.portal_url, *EDITOR)
            organisation = f"{self.portal_url}/en/actors/ilo"
            chromium.open_page(driver, organisation)
            chromium.toolbar_edit(driver)
            self.assertEqual(chromium.heading(driver), "Edit Organisation")
            chromium.fill(driver, "mission", MISSION)
            chromium.save(driver)
            self.assertEqual(chromium.item_url(driver), organisation)
            self.assertIn("Changes saved", chromium.status_message(driver))
            self.assertIn(MISSION, chromium.page_text(driver))
