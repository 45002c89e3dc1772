"""Editing a source writes to its translations only what changed."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
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

    def edit_source(self, **changes):
        for name, value in changes.items():
            setattr(self.source, name, value)
        notify(ObjectModifiedEvent(self.source))
        transaction.commit()

    def test_created_translation_has_the_independent_fields(self):
        self.assertEqual(self.translation.pages, 10)
        self.assertEqual(
            [relation.to_object.getId() for relation in self.translation.publishers],
            ["ilo"],
        )

    def test_language_dependent_edit_does_not_write_the_translation(self):
        serial = self.translation._p_serial
        self.edit_source(title="Report, second edition")
        self.assertEqual(self.translation._p_serial, serial)

    def test_independent_edit_reaches_the_translation(self):
        serial = self.translation._p_serial
        self.edit_source(pages=12)
        self.assertEqual(self.translation.pages, 12)
        self.assertNotEqual(self.translation._p_serial, serial)
