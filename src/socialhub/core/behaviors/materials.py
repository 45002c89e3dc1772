"""The materials of a course module or an event: publications, files, pages.

Which types are materials, and the field's help text, are the type's::

    materials = material_relations(_("label_materials", ...), _(...), TYPES)
    related_items("materials", portal_types=TYPES)
"""

from socialhub.core import _
from socialhub.core.behaviors.relations import relation_list


def material_relations(title, description, portal_types):
    """An optional, ordered list of relations to items of ``portal_types``."""
    return relation_list(
        title, portal_types, _("label_material", default="Material"), description
    )
