"""SocialHub's content classes answer as Dexterity's do, and index cheaply.

Missing attributes are found through a per-type map of field schemata
instead of Dexterity's walk over every behaviour; full-text indexing reads
plain-text fields instead of rendering their widgets. These tests hold both
to Dexterity's and plone.app.dexterity's own answers, for every demo item.
"""

from datetime import date
from plone import api
from plone.app.dexterity.textindexer.converters import (
    DefaultDexterityTextIndexFieldConverter,
)
from plone.app.dexterity.textindexer.directives import SEARCHABLE_KEY
from plone.app.dexterity.textindexer.indexer import dynamic_searchable_text_indexer
from plone.app.dexterity.textindexer.indexer import get_field_widget
from plone.app.dexterity.textindexer.indexer import get_searchable_contexts_and_fields
from plone.app.dexterity.textindexer.interfaces import IDexterityTextIndexFieldConverter
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.content import Container as DexterityContainer
from plone.dexterity.content import DexterityContent
from plone.dexterity.utils import iterSchemata
from plone.indexer.interfaces import IIndexer
from socialhub.core.content import SchemaDefaults
from socialhub.core.fields import IPersonList
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.sections import Section
from socialhub.core.textindex import SearchableText
from socialhub.events.content import Event
from socialhub.publications.content.publication import IPublication
from socialhub.publications.content.publication import Publication
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from unittest import mock
from z3c.form.field import Field
from zope.component import getMultiAdapter

import re
import transaction
import unittest


#: Names the catalog asks every item for, besides the items' own fields.
OTHER_NAMES = ("start", "getRemoteUrl", "location", "no_such_name", "_v_x", "__x__")


def dexterity_getattr(item, name):
    """What plone.dexterity's own ``__getattr__`` answers: a value or AttributeError."""
    if isinstance(item, DexterityContainer):
        return DexterityContainer.__getattr__(item, name)
    return DexterityContent.__getattr__(item, name)


class TestContentClasses(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.items = [
            brain.getObject()
            for brain in api.content.find(
                context=self.portal, object_provides=ISocialHubContent
            )
            if isinstance(brain.getObject(), SchemaDefaults)
        ]
        self.items += [self.portal.en.publications, self.portal.fr.courses]

    def answers(self, item, name, lookup):
        try:
            return ("value", lookup(item, name))
        except AttributeError:
            return ("AttributeError", None)

    def test_missing_attributes_are_dexterity_defaults(self):
        types = set()
        for item in self.items:
            types.add(item.portal_type)
            base = item.aq_base
            names = {name for schema in iterSchemata(item) for name in schema}
            for name in sorted(names.union(OTHER_NAMES)):
                if name in base.__dict__ or hasattr(type(base), name):
                    continue  # found without __getattr__
                with self.subTest(item=item.getId(), name=name):
                    self.assertEqual(
                        self.answers(base, name, getattr),
                        self.answers(base, name, dexterity_getattr),
                    )
        self.assertEqual(
            types,
            {
                "Actor",
                "Course",
                "CourseModule",
                "Event",
                "Initiative",
                "Person",
                "Publication",
                "Section",
            },
        )

    def test_an_item_without_a_type_answers_as_dexterity_does(self):
        for klass in (Publication, Section, Event):
            with self.subTest(klass=klass.__name__):
                bare = klass("bare")
                self.assertIsNone(bare.portal_type)
                self.assertFalse(hasattr(bare, "no_such_name"))

    def test_a_container_still_finds_its_items_by_name(self):
        section = self.portal.en.publications
        item_id = section.objectIds()[0]
        self.assertEqual(getattr(section.aq_base, item_id).getId(), item_id)

    def test_a_field_added_to_the_type_is_found(self):
        item = self.portal.en.publications.objectValues()[0]
        self.assertFalse(hasattr(item.aq_base, "table_of_contents"))
        fti = self.portal.portal_types.Publication
        fti.behaviors += ("plone.tableofcontents",)
        transaction.commit()  # the FTI's modification time changes
        self.assertIsNone(item.aq_base.table_of_contents)  # its default


class TestFullTextIndexing(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def converted(self, item, field, converter=None):
        """The words of ``field`` as a text-index converter makes them."""
        widget = get_field_widget(
            item,
            Field(field, interface=field.interface, prefix=""),
            self.layer["request"],
        )
        if converter is None:
            converter = getMultiAdapter(
                (item, field, widget), IDexterityTextIndexFieldConverter
            )
        else:
            converter = converter(item, field, widget)
        return re.findall(r"\w+", converter.convert().lower())

    def test_the_words_are_those_of_the_rendered_widgets(self):
        catalog = self.layer["portal"].portal_catalog
        converted = set()
        for brain in catalog.unrestrictedSearchResults(
            object_provides=ISocialHubContent.__identifier__
        ):
            item = brain._unrestrictedGetObject()
            for _storage, fields in get_searchable_contexts_and_fields(item):
                for field in fields:
                    if IRichText.providedBy(field) or IPersonList.providedBy(field):
                        continue
                    with self.subTest(item=brain.getPath(), field=field.__name__):
                        self.assertEqual(
                            self.converted(item, field),
                            self.converted(
                                item, field, DefaultDexterityTextIndexFieldConverter
                            ),
                        )
                    converted.add(field.__name__)
        self.assertTrue(
            {"title", "description", "subjects", "abstract", "acronym"} <= converted,
            converted,
        )

    def items(self):
        catalog = self.layer["portal"].portal_catalog
        return [
            brain._unrestrictedGetObject()
            for brain in catalog.unrestrictedSearchResults(
                object_provides=ISocialHubContent.__identifier__
            )
        ]

    def searchable_text(self, item):
        """What the site's catalog indexes as ``item``'s ``SearchableText``."""
        catalog = self.layer["portal"].portal_catalog
        indexer = getMultiAdapter((item, catalog), IIndexer, name="SearchableText")
        self.assertIsInstance(indexer, SearchableText)
        return indexer()

    def test_searchable_text_is_plone_app_dexterity_s(self):
        items = self.items()
        self.assertEqual(
            {item.portal_type for item in items},
            {
                "Publication",
                "Actor",
                "Initiative",
                "Course",
                "CourseModule",
                "Event",
                "Person",
            },
        )
        for item in items:
            with self.subTest(item=item.absolute_url(relative=True)):
                self.assertEqual(
                    self.searchable_text(item),
                    dynamic_searchable_text_indexer.callable(item),
                )

    def test_no_widget_is_built_for_socialhub_fields(self):
        with mock.patch(
            "socialhub.core.textindex.get_field_widget", side_effect=AssertionError
        ) as built:
            texts = [self.searchable_text(item) for item in self.items()]
        built.assert_not_called()
        self.assertTrue(all(texts))

    def test_a_converter_that_reads_the_widget_gets_it(self):
        # A date has plone.app.dexterity's converter, which renders the widget.
        tagged = IPublication.queryTaggedValue(SEARCHABLE_KEY)
        self.addCleanup(IPublication.setTaggedValue, SEARCHABLE_KEY, tagged)
        IPublication.setTaggedValue(
            SEARCHABLE_KEY, tagged + [(IPublication, "publication_date", "true")]
        )
        (publication, *_) = (
            item for item in self.items() if item.portal_type == "Publication"
        )
        publication.publication_date = published = date(2024, 1, 15)
        text = self.searchable_text(publication)
        self.assertEqual(text, dynamic_searchable_text_indexer.callable(publication))
        # The display widget shows the date in the request's locale (1/15/24).
        locale = publication.REQUEST.locale
        shown = locale.dates.getFormatter("date", "short").format(published)
        self.assertIn(f" {shown} ", text)
