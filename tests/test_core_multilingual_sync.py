"""Editing a source writes to its translations only what changed."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.indexing import getQueue
from Products.CMFEditions.CopyModifyMergeRepositoryTool import (
    CopyModifyMergeRepositoryTool,
)
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import transaction
import unittest


class TestLanguageIndependentSync(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        actor = api.content.create(
            container=portal["en"]["actors"], type="Actor", id="ilo", title="ILO"
        )
        self.source = api.content.create(
            container=portal["en"]["publications"],
            type="Publication",
            id="report",
            title="Report",
            pages=10,
            publishers=[RelationValue(getUtility(IIntIds).getId(actor))],
        )
        self.translation = ITranslationManager(self.source).add_translation("fr")
        transaction.commit()

    def edit(self, item, **changes):
        """Change fields of ``item`` as an edit form does, and commit."""
        for name, value in changes.items():
            setattr(item, name, value)
        notify(ObjectModifiedEvent(item))
        transaction.commit()

    def test_created_translation_has_the_independent_fields(self):
        self.assertEqual(self.translation.pages, 10)
        self.assertEqual(
            [relation.to_object.getId() for relation in self.translation.publishers],
            ["ilo"],
        )

    def test_language_dependent_edit_does_not_write_the_translation(self):
        serial = self.translation._p_serial
        self.edit(self.source, title="Report, second edition")
        self.assertEqual(self.translation._p_serial, serial)

    def test_independent_edit_reaches_the_translation(self):
        serial = self.translation._p_serial
        self.edit(self.source, pages=12)
        self.assertEqual(self.translation.pages, 12)
        self.assertNotEqual(self.translation._p_serial, serial)

    def queued_when_versioned(self, item, **changes):
        """How many items wait to be indexed when CMFEditions versions an edit."""
        queued = []
        save = CopyModifyMergeRepositoryTool.save

        def counting_save(tool, obj, *args, **kwargs):
            queued.append(getQueue().length())
            return save(tool, obj, *args, **kwargs)

        with mock.patch.object(
            CopyModifyMergeRepositoryTool, "save", autospec=True
        ) as patched:
            patched.side_effect = counting_save
            self.edit(item, **changes)
        return queued

    def test_edit_of_an_untranslated_item_is_indexed_at_commit(self):
        """No search for translations: the edit is indexed once, at commit.

        plone.app.multilingual searches for the translations of an edited
        item, which indexes it at once; CMFEditions' savepoint then stores
        its catalog changes, and the commit stores them again.
        """
        portal = self.layer["portal"]
        alone = api.content.create(
            container=portal["en"]["publications"], type="Publication", title="Alone"
        )
        transaction.commit()
        self.assertEqual(self.queued_when_versioned(alone, pages=3), [1])
        (brain,) = api.content.find(UID=alone.UID())
        self.assertEqual(brain.getObject().pages, 3)

    def test_edit_of_a_translated_item_is_indexed_at_commit(self):
        """The translations are found without a search: nothing is indexed
        before the commit, and the translation gets the edit.

        The translation is versioned first, then the source; each time the
        source's edit waits to be indexed, with the translation's copy
        (queued twice: by the copy and by plone.app.multilingual).
        plone.app.multilingual's own manager searches, which indexes the
        source's edit there and then: [2, 2].
        """
        self.assertEqual(self.queued_when_versioned(self.source, pages=12), [3, 3])
        self.assertEqual(self.translation.pages, 12)

    def test_translation_made_in_the_same_transaction_gets_the_edit(self):
        portal = self.layer["portal"]
        source = api.content.create(
            container=portal["en"]["publications"], type="Publication", title="New"
        )
        transaction.commit()
        translation = ITranslationManager(source).add_translation("es")
        self.edit(source, pages=7)
        self.assertEqual(translation.pages, 7)
