"""The blocks of schemata in socialhub.core.behaviors, and what they declare.

Each SocialHub type builds its organisations, materials, people and periods
with them; the REST schema they give is pinned by test_core_types_schema.
Here: the directives declare what they say (widget, language-independence,
searchability) on any schema, the types' fields carry it, the period rule
refuses a reversed period, and values stored before the refactoring (plain
attributes of the items) read back through the schemata and behaviours.
"""

from plone import api
from plone.app.dexterity.textindexer.directives import SEARCHABLE_KEY
from plone.app.multilingual.dx.interfaces import ILanguageIndependentField
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform.interfaces import WIDGETS_KEY
from plone.behavior.interfaces import IBehavior
from plone.dexterity.utils import iterSchemataForType
from plone.supermodel import model
from socialhub.actors.behaviors.verification import IVerification
from socialhub.core.behaviors.materials import material_relations
from socialhub.core.behaviors.organisations import organisation_relation
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.behaviors.people import person_lists
from socialhub.core.behaviors.period import ends_after_start
from socialhub.core.behaviors.relations import related_items
from socialhub.core.fields import PersonList
from socialhub.initiatives.content.initiative import IInitiative
from socialhub.publications.content.publication import IPublication
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope import schema
from zope.component import getUtility
from zope.interface import Invalid
from zope.interface import invariant

import datetime
import unittest


#: (type, field): the relation fields each type builds in core, and the
#: types its widget lets an editor pick.
RELATION_FIELDS = {
    ("Publication", "publishers"): ["Actor"],
    ("Publication", "related_initiatives"): ["Initiative"],
    ("Actor", "memberships"): ["Actor"],
    ("Initiative", "lead_organisation"): ["Actor"],
    ("Initiative", "partners"): ["Actor"],
    ("Initiative", "funders"): ["Actor"],
    ("Initiative", "related_publications"): ["Publication"],
    ("Course", "partners"): ["Actor"],
    ("CourseModule", "materials"): ["File", "Publication", "Document", "Link"],
    ("Event", "organisers"): ["Actor"],
    ("Event", "materials"): ["Publication", "File", "Document"],
    ("Event", "summary"): ["Document", "News Item"],
}
PEOPLE_FIELDS = {
    ("Publication", "authors"),
    ("Course", "instructors"),
    ("Event", "speakers"),
}


def field_and_schema(portal_type, name):
    """The field ``name`` of ``portal_type`` and the schema that has it."""
    for candidate in iterSchemataForType(portal_type):
        if name in candidate:
            return candidate[name], candidate
    raise AssertionError(f"{portal_type} has no field {name}")


def example_schema():
    """A schema made with the blocks, as a new type would make it.

    Made in the test, once the layer's ZCML registered the schema plugins
    that apply the directives (language-independence).
    """

    class IExample(model.Schema):
        """Organisations, materials, people and a period."""

        sponsors = organisation_relations("Sponsors")
        host = organisation_relation("Host")
        organisations_picker("sponsors")
        organisations_picker("host", single=True)
        readings = material_relations(
            "Readings",
            "What to read.",
            ["File"],
        )
        related_items("readings", portal_types=["File"])
        editors = PersonList(title="Editors")
        person_lists("editors")
        opens = schema.Date(title="Opens", required=False)
        closes = schema.Date(title="Closes", required=False)
        invariant(ends_after_start("opens", "closes"))

    return IExample


class Data:
    def __init__(self, **values):
        self.__dict__.update(values)


class TestDirectives(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.schema = example_schema()

    def widget_params(self, schema_, name):
        widget = schema_.queryTaggedValue(WIDGETS_KEY)[name]
        self.assertIs(widget.widget_factory, ContentBrowserFieldWidget)
        return widget.params

    def test_organisations_picker(self):
        self.assertEqual(
            self.widget_params(self.schema, "sponsors"),
            {
                "vocabulary": "plone.app.vocabularies.Catalog",
                "pattern_options": {"selectableTypes": ["Actor"]},
            },
        )
        self.assertEqual(
            self.widget_params(self.schema, "host")["pattern_options"],
            {"selectableTypes": ["Actor"], "maximumSelectionSize": 1},
        )
        self.assertTrue(IRelationList.providedBy(self.schema["sponsors"]))
        self.assertTrue(IRelationChoice.providedBy(self.schema["host"]))
        title = self.schema["sponsors"].value_type.title
        self.assertEqual((title, title.default), ("label_organisation", "Organisation"))
        self.assertFalse(self.schema["sponsors"].required)
        self.assertEqual(self.schema["sponsors"].default, [])

    def test_related_items_are_language_independent(self):
        for name in ("sponsors", "host", "readings", "editors"):
            with self.subTest(name=name):
                self.assertTrue(ILanguageIndependentField.providedBy(self.schema[name]))
        for name in ("opens", "closes"):
            self.assertFalse(ILanguageIndependentField.providedBy(self.schema[name]))

    def test_material_relations(self):
        self.assertEqual(
            self.widget_params(self.schema, "readings")["pattern_options"],
            {"selectableTypes": ["File"]},
        )
        self.assertEqual(self.schema["readings"].value_type.title, "label_material")
        self.assertEqual(self.schema["readings"].value_type.title.default, "Material")
        self.assertEqual(self.schema["readings"].description, "What to read.")

    def test_person_lists_are_searchable(self):
        self.assertEqual(
            self.schema.queryTaggedValue(SEARCHABLE_KEY)[0][1:], ("editors", "true")
        )

    def test_a_directive_needs_a_field_name(self):
        with self.assertRaises(TypeError) as raised:
            related_items(portal_types=["File"])
        self.assertEqual(
            str(raised.exception), "related_items expects at least one field name."
        )
        with self.assertRaises(TypeError) as raised:
            person_lists()
        self.assertEqual(
            str(raised.exception), "person_lists expects at least one field name."
        )

    def test_period_invariant(self):
        day = datetime.date(2026, 1, 10)
        later = datetime.date(2026, 1, 11)
        self.schema.validateInvariants(Data(opens=day, closes=later))
        self.schema.validateInvariants(Data(opens=day, closes=day))
        self.schema.validateInvariants(Data(opens=None, closes=day))
        self.schema.validateInvariants(Data())
        with self.assertRaises(Invalid) as raised:
            self.schema.validateInvariants(Data(opens=later, closes=day))
        message = raised.exception.args[0]
        self.assertEqual(message, "error_end_before_start")
        self.assertEqual(
            message.default, "The end date cannot be before the start date."
        )


class TestTypesUseTheBlocks(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_relation_fields(self):
        for (portal_type, name), portal_types in RELATION_FIELDS.items():
            with self.subTest(portal_type=portal_type, field=name):
                field, schema_ = field_and_schema(portal_type, name)
                self.assertTrue(ILanguageIndependentField.providedBy(field))
                widget = schema_.queryTaggedValue(WIDGETS_KEY)[name]
                self.assertIs(widget.widget_factory, ContentBrowserFieldWidget)
                self.assertEqual(
                    widget.params["pattern_options"]["selectableTypes"], portal_types
                )

    def test_people_fields(self):
        for portal_type, name in PEOPLE_FIELDS:
            with self.subTest(portal_type=portal_type, field=name):
                field, schema_ = field_and_schema(portal_type, name)
                self.assertIsInstance(field, PersonList)
                self.assertTrue(ILanguageIndependentField.providedBy(field))
                searchable = {
                    entry[1] for entry in schema_.queryTaggedValue(SEARCHABLE_KEY)
                }
                self.assertIn(name, searchable)

    def test_searchable_text_order_kept(self):
        """SearchableText joins the fields in the order they are marked."""
        marked = [
            name for _i, name, _v in IPublication.queryTaggedValue(SEARCHABLE_KEY)
        ]
        self.assertEqual(marked, ["abstract", "authors", "doi", "isbn"])

    def test_initiative_period(self):
        with self.assertRaises(Invalid) as raised:
            IInitiative.validateInvariants(
                Data(start=datetime.date(2026, 2, 1), end=datetime.date(2026, 1, 1))
            )
        self.assertEqual(raised.exception.args[0], "error_end_before_start")


class TestStoredValues(unittest.TestCase):
    """Values stored as attributes read back through the schemata."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_publication_values_set_directly(self):
        publication = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            title="Stored before",
        )
        authors = [{"name": "Ada Example", "affiliation": "ILO"}]
        publication.__dict__["authors"] = authors
        publication.__dict__["publishers"] = []
        self.assertEqual(IPublication(publication).authors, authors)
        self.assertEqual(IPublication(publication).publishers, [])
        IPublication["authors"].validate(IPublication(publication).authors)

    def test_verification_values_set_directly(self):
        actor = api.content.create(
            container=self.portal["en"]["actors"], type="Actor", title="Stored before"
        )
        actor.__dict__["actor_flags"] = ["remote"]
        actor.__dict__["verification_method"] = "third_party"
        behavior = getUtility(IBehavior, name="socialhub.verification")
        self.assertIs(behavior.interface, IVerification)
        self.assertEqual(
            behavior.interface.__identifier__,
            "socialhub.actors.behaviors.verification.IVerification",
        )
        self.assertTrue(IVerification.providedBy(actor))
        self.assertEqual(IVerification(actor).actor_flags, ["remote"])
        self.assertEqual(IVerification(actor).verification_method, "third_party")
        actor.reindexObject()
        found = api.content.find(actor_flags="remote", UID=actor.UID())
        self.assertEqual([brain.getObject() for brain in found], [actor])
