"""Text in Classic UI forms on a SocialHub site: the limits show next to the
field, and rich text is filtered before it is stored."""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


TITLE = "form.widgets.IDublinCore.title"
TEXT = "form.widgets.IRichTextBehavior.text"


class TestTextInForms(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.page = api.content.create(
            container=self.portal["en"],
            type="Document",
            id="page",
            title="Kept",
            text=RichTextValue("<p>Kept</p>", "text/html", "text/x-html-safe"),
        )
        self.publication = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            id="report",
            title="Kept",
        )
        transaction.commit()
        self.browser = Browser(self.layer["app"])
        self.browser.handleErrors = False
        self.browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )

    def edit(self, item, **values):
        """Submit ``item``'s edit form with ``values`` (widget name: value)."""
        self.browser.open(item.absolute_url() + "/edit")
        for name, value in values.items():
            self.browser.getControl(name=name).value = value
        self.browser.getControl(name="form.buttons.save").click()

    def field_error(self, widget_name):
        """The error text shown in the field of ``widget_name``, if any."""
        page = html.fromstring(self.browser.contents)
        field_id = "formfield-" + widget_name.replace(".", "-")
        (field,) = page.xpath(f'//*[@id="{field_id}"]')
        return " ".join(
            " ".join(error.text_content().split())
            for error in field.xpath('.//*[contains(@class, "invalid-feedback")]')
        )

    def test_too_long_title_shows_next_to_the_field(self):
        for item in (self.page, self.publication):
            with self.subTest(type=item.portal_type):
                self.edit(item, **{TITLE: "T" * 1001})
                self.assertEqual(
                    self.field_error(TITLE),
                    "This text has 1001 characters: at most 1000 are allowed.",
                )
                transaction.begin()
                self.assertEqual(item.title, "Kept")

    def test_too_long_rich_text_shows_next_to_the_field(self):
        api.portal.set_registry_record("socialhub.text.richtext_max_length", 20)
        transaction.commit()
        self.edit(self.page, **{TEXT: "<p>" + "w" * 20 + "</p>"})
        self.assertEqual(
            self.field_error(TEXT),
            "This text has 27 characters: at most 20 are allowed.",
        )
        transaction.begin()
        self.assertEqual(self.page.text.raw, "<p>Kept</p>")

    def test_rich_text_filtered(self):
        for item in (self.page, self.publication):
            with self.subTest(type=item.portal_type):
                self.edit(
                    item,
                    **{
                        TEXT: '<p onclick="alert(1)">Hi</p><iframe src="https://'
                        'evil.example/"></iframe><a href="javascript:alert(1)">x</a>'
                        '<iframe src="https://player.vimeo.com/video/1"></iframe>'
                    },
                )
                transaction.begin()
                self.assertEqual(
                    item.text.raw,
                    '<p>Hi</p><a>x</a><iframe src="https://player.vimeo.com/video/1">'
                    "</iframe>",
                )
