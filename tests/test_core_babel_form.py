"""plone.app.multilingual's translation form ("Translate into") shows the
source's values on both sides, and every field babel_helper.js pairs has the
input it reads."""

from lxml import html
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import datetime
import transaction
import unittest


class TestBabelForm(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            self.source = api.content.create(
                container=portal["en"]["publications"],
                type="Publication",
                id="source",
                title="Cash transfers in the Sahel",
                publication_date=datetime.date(2024, 3, 15),
                doi="10.1000/xyz123",
            )
        transaction.commit()
        self.browser = Browser(self.layer["app"])
        self.browser.handleErrors = False
        self.browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )

    def open_translation_form(self):
        self.browser.open(
            f"{self.source.absolute_url()}/@@create_translation?language=fr"
        )
        self.assertIn("/fr/publications/++addtranslation++", self.browser.url)
        return html.fromstring(self.browser.contents)

    def source_side(self):
        """What babel_helper.js loads into the form's left side."""
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )
        browser.open(f"{self.source.absolute_url()}/babel_view")
        return html.fromstring(browser.contents)

    def test_language_independent_values_on_the_translation_side(self):
        page = self.open_translation_form()
        for name, value in (
            ("publication_date", "2024-03-15"),
            ("doi", "10.1000/xyz123"),
        ):
            with self.subTest(field=name):
                (display,) = page.xpath(f'//*[@id="form-widgets-{name}"]')
                self.assertEqual(display.text_content().strip(), value)
                self.assertNotIn("pat-", display.get("class"))

    def test_every_paired_field_has_the_input_babel_helper_reads(self):
        page = self.open_translation_form()
        source_ids = [
            field.get("id")
            for field in self.source_side().xpath(
                '//*[contains(concat(" ", @class, " "), " field ")]'
            )
        ]
        self.assertIn("publication_date", source_ids)
        paired = 0
        for field in page.xpath(
            '//*[@id="form-target"]//fieldset'
            '//*[contains(concat(" ", @class, " "), " field ")]'
        ):
            name = field.get("data-fieldname")
            if not any(name.endswith(source_id) for source_id in source_ids):
                continue
            paired += 1
            with self.subTest(field=name):
                self.assertTrue(field.xpath(".//input|.//textarea"))
        self.assertGreater(paired, 10)

    def test_the_elements_babel_helper_looks_up(self):
        page = self.open_translation_form()
        for xpath in (
            '//*[@id="frame-content"]',
            '//*[@id="gtranslate_service_available"]',
            '//*[@id="babel-edit"]/div/h2',
            '//*[@id="header-translation"]//h2',
            '//*[@id="babel-edit"]//*[@id="trans-selector"]',
            '//*[@id="form-target"]//form',
        ):
            with self.subTest(xpath=xpath):
                self.assertEqual(len(page.xpath(xpath)), 1)
        (language,) = self.source_side().xpath('//*[@id="view_language"]')
        self.assertEqual(language.text, "en")

    def test_saving_copies_the_language_independent_values(self):
        self.open_translation_form()
        self.browser.getControl(
            name="form.widgets.IDublinCore.title"
        ).value = "Transferts monétaires au Sahel"
        self.browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        translation = ITranslationManager(self.source).get_translation("fr")
        self.assertEqual(translation.title, "Transferts monétaires au Sahel")
        self.assertEqual(translation.publication_date, datetime.date(2024, 3, 15))
        self.assertEqual(translation.doi, "10.1000/xyz123")
