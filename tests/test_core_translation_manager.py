"""The translation manager finds a group's members in the indexes when that is exact.

Each case asks SocialHub's manager first, then plone.app.multilingual's,
whose catalog search indexes what waits in the queue first: both must give
the same answers.
"""

from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.multilingual.manager import TranslationManager as SearchingManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.base.interfaces import ILanguage
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from socialhub.core.translations import TranslationManager
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING

import unittest


def answers(manager):
    """What ``manager``'s unrestricted lookups give, as comparable values."""
    return {
        "translations": {
            language: item.getPhysicalPath()
            for language, item in manager.get_translations().items()
        },
        "languages": sorted(manager.get_translated_languages()),
        "fr": _path(manager.get_translation("fr")),
        "es": _path(manager.get_translation("es")),
    }


def _path(item):
    return None if item is None else item.getPhysicalPath()


class TestTranslationManager(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.source = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            id="report",
            title="Report",
        )
        self.translation = ITranslationManager(self.source).add_translation("fr")
        self.other = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            id="other",
            title="Other",
        )
        processQueue()  # as the commit would

    def assert_same_answers(self, item, searched):
        """SocialHub's manager of ``item`` answers as plone.app.multilingual's;
        ``searched``: whether it had to search (and so index the queue)."""
        queued = getQueue().length()
        manager = ITranslationManager(item)
        self.assertIsInstance(manager, TranslationManager)
        ours = answers(manager)
        self.assertEqual(getQueue().length(), 0 if searched and queued else queued)
        self.assertEqual(ours, answers(SearchingManager(item)))
        return ours

    def test_nothing_queued(self):
        ours = self.assert_same_answers(self.source, searched=False)
        self.assertEqual(
            ours,
            {
                "translations": {
                    "en": self.source.getPhysicalPath(),
                    "fr": self.translation.getPhysicalPath(),
                },
                "languages": ["en", "fr"],
                "fr": self.translation.getPhysicalPath(),
                "es": None,
            },
        )

    def test_item_edited(self):
        self.source.title = "Report, second edition"
        self.source.reindexObject()
        self.assert_same_answers(self.source, searched=False)

    def test_item_of_another_group_edited(self):
        self.other.reindexObject()
        self.assert_same_answers(self.source, searched=False)

    def test_translation_edited(self):
        # Its language may have changed: only a search can tell.
        self.translation.reindexObject()
        self.assert_same_answers(self.source, searched=True)

    def test_translation_added_in_the_same_transaction(self):
        added = ITranslationManager(self.source).add_translation("es")
        ours = self.assert_same_answers(self.source, searched=True)
        self.assertEqual(ours["es"], added.getPhysicalPath())

    def test_translation_removed_in_the_same_transaction(self):
        ITranslationManager(self.source).remove_translation("fr")
        ours = self.assert_same_answers(self.source, searched=True)
        self.assertEqual(ours["languages"], ["en"])

    def test_other_item_joins_the_group(self):
        ILanguage(self.other).set_language("es")
        self.other.reindexObject()
        processQueue()
        # The other item is indexed in a group of its own: a search would
        # index it into this one first.
        ITranslationManager(self.source).register_translation("es", self.other)
        self.assertEqual(ITG(self.other), ITG(self.source))
        ours = self.assert_same_answers(self.source, searched=True)
        self.assertEqual(ours["es"], self.other.getPhysicalPath())

    def test_language_of_the_item_changed(self):
        ILanguage(self.source).set_language("es")
        self.source.reindexObject()
        ours = self.assert_same_answers(self.source, searched=True)
        self.assertEqual(ours["es"], self.source.getPhysicalPath())

    def test_item_deleted_in_the_same_transaction(self):
        api.content.delete(self.translation)
        ours = self.assert_same_answers(self.source, searched=True)
        self.assertEqual(ours["languages"], ["en"])

    def test_group_by_name(self):
        manager = TranslationManager(ITG(self.source))
        self.assertEqual(
            answers(manager)["translations"]["fr"], self.translation.getPhysicalPath()
        )
