"""Every demo page an editor opens in French or Spanish is in French or
Spanish: no English text of any message catalog is left on it."""

from plone import api
from plone.testing.zope import Browser
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.englishleft import page_texts
from tests.englishleft import untranslated_english

import transaction
import unittest


LANGUAGES = ("fr", "es")


class TestNoEnglishLeft(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        api.user.create(
            email="editor@example.org",
            username="editor",
            password="editor-password",
            roles=["Editor", "Reviewer", "Contributor"],
        )
        transaction.commit()

    def browser(self, language):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", "Basic editor:editor-password")
        browser.addHeader("Accept-Language", language)
        return browser

    def pages(self, language):
        """The URLs of the demo pages in ``language`` an editor opens."""
        root = self.portal[language]
        yield root.absolute_url()
        yield f"{root.absolute_url()}/@@review-queue"
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog(path="/".join(root.getPhysicalPath()), sort_on="path"):
            yield brain.getURL()
            yield f"{brain.getURL()}/edit"

    def test_no_english_left(self):
        english = untranslated_english(LANGUAGES)
        report = []
        for language in LANGUAGES:
            browser = self.browser(language)
            for url in self.pages(language):
                browser.open(url)
                left = sorted(page_texts(browser.contents) & set(english[language]))
                if left:
                    report.append(
                        f"{url}: "
                        + "; ".join(
                            f"{text!r} ({english[language][text][0]})" for text in left
                        )
                    )
        self.assertEqual(report, [], "\n" + "\n".join(report))
