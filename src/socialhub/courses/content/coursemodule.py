"""CourseModule: one unit of a course, with its reading and study materials."""

from plone.app.multilingual.dx import directives as multilingual
from plone.app.vocabularies.catalog import CatalogSource
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.content import Item
from socialhub.core.interfaces import ISocialHubContent
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer


MATERIAL_TYPES = ["File", "Publication", "Document", "Link"]


class ICourseModule(model.Schema):
    """A module of a course: its study time and materials."""

    materials = RelationList(
        title=_("label_materials", default="Materials"),
        description=_(
            "help_materials",
            default="Publications, files, pages and links learners study in this "
            "module.",
        ),
        value_type=RelationChoice(
            title=_("label_material", default="Material"),
            source=CatalogSource(portal_type=MATERIAL_TYPES),
        ),
        required=False,
        default=[],
    )
    directives.widget(
        "materials",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": MATERIAL_TYPES},
    )
    duration_hours = schema.Int(
        title=_("label_duration_hours", default="Duration (hours)"),
        description=_(
            "help_module_duration_hours",
            default="The estimated study time of this module.",
        ),
        required=False,
        min=1,
    )

    multilingual.languageindependent("materials", "duration_hours")


@implementer(ICourseModule, ISocialHubContent)
class CourseModule(Item):
    """A module of a course."""
