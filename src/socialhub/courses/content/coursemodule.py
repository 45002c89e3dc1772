"""CourseModule: one unit of a course, with its reading and study materials."""

from plone.app.multilingual.dx import directives as multilingual
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.materials import material_relations
from socialhub.core.behaviors.relations import related_items
from socialhub.core.content import Item
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer


MATERIAL_TYPES = ["File", "Publication", "Document", "Link"]


class ICourseModule(model.Schema):
    """A module of a course: its study time and materials."""

    materials = material_relations(
        _("label_materials", default="Materials"),
        _(
            "help_materials",
            default="Publications, files, pages and links learners study in this "
            "module.",
        ),
        MATERIAL_TYPES,
    )
    related_items("materials", portal_types=MATERIAL_TYPES)
    duration_hours = schema.Int(
        title=_("label_duration_hours", default="Duration (hours)"),
        description=_(
            "help_module_duration_hours",
            default="The estimated study time of this module.",
        ),
        required=False,
        min=1,
    )

    multilingual.languageindependent("duration_hours")


@implementer(ICourseModule, ISocialHubContent)
class CourseModule(Item):
    """A module of a course."""
