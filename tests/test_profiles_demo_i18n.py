"""Every demo page an editor opens in French or Spanish is in French or
Spanish: no English text of any message catalog is left on it.

The pages are found, not listed: each language root, its review queue, its
invitations page, and
every item under it (sections, records, pages) with its default view and its
edit form, so the views and forms of every plugin are checked as they come.
"""

from plone import api
from plone.testing.zope import Browser
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from tests.englishleft import page_texts
from tests.englishleft import untranslated_english

import transaction
import unittest


LANGUAGES = ("fr", "es")

#: English that stays, and why: (language, where, text) -> reason; language
#: None for every language.
EXCEPTIONS = {
    (None, "aria-label", "Close"): (
        "Barceloneta's theme file (plonetheme.barceloneta theme/index.html) "
        "labels the toolbar's close button; a Diazo theme file has no i18n."
    ),
    (None, "text", "Powered by Plone"): (
        "Plone's footer portlets are static text portlets that site creation "
        "stores in English; the site profile (#18 item 1) owns the footer."
    ),
    (None, "text", "view"): (
        "Plone's Display menu names a type's view method by its id when no "
        "display menu item gives it a title (Course's 'view'): the type views "
        "(#18 item 2) give their views titles."
    ),
    (None, "text", "iCal"): "A format's name, the same in every language.",
    ("fr", "text", "Description"): (
        "The same word in French; the widgets domain has no French catalog."
    ),
}


def stock_type_id_titles():
    """Stock listings (plone.app.contenttypes) and the related items viewlet
    put the portal type's id, not its title, in a ``title`` attribute."""
    return {("title", fti_id) for fti_id in api.portal.get_tool("portal_types")}


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
        yield f"{root.absolute_url()}/@@invitations"
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog(path="/".join(root.getPhysicalPath()), sort_on="path"):
            yield brain.getURL()
            yield f"{brain.getURL()}/edit"

    def test_no_english_left(self):
        english = untranslated_english(LANGUAGES)
        # The catalogs of the domains in use are read: ours, Plone's,
        # collective.taxonomy's (field labels), z3c.form's.
        for language in LANGUAGES:
            for text in ("Send back", "Review queue", "Themes", "Related Items"):
                self.assertIn(text, english[language])
        type_id_titles = stock_type_id_titles()
        report = []
        for language in LANGUAGES:
            browser = self.browser(language)
            allowed = type_id_titles | {
                (where, text)
                for (only, where, text) in EXCEPTIONS
                if only in (None, language)
            }
            for url in self.pages(language):
                browser.open(url)
                left = sorted(
                    (where, text)
                    for where, text in page_texts(browser.contents) - allowed
                    if text in english[language]
                )
                if left:
                    report.append(
                        f"{url}: "
                        + "; ".join(
                            f"{text!r} in {where} ({english[language][text][0]})"
                            for where, text in left
                        )
                    )
        self.assertEqual(report, [], "\n" + "\n".join(report))
