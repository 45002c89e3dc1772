"""The organisations (Actors) an item relates to: publishers, partners, funders...

Each type names its own: a publication's ``publishers``, an initiative's
``lead_organisation``, ``partners`` and ``funders``, an event's
``organisers``. They are built here and declared with
:class:`organisations_picker`::

    partners = organisation_relations(_("label_partners", default="Partners"))
    organisations_picker("partners")
"""

from socialhub.core import _
from socialhub.core.behaviors.relations import related_items
from socialhub.core.behaviors.relations import relation_choice
from socialhub.core.behaviors.relations import relation_list


ORGANISATION_TYPE = "Actor"


def organisation_relations(title, description=""):
    """An optional, ordered list of relations to organisations."""
    return relation_list(
        title,
        ORGANISATION_TYPE,
        _("label_organisation", default="Organisation"),
        description,
    )


def organisation_relation(title, description=""):
    """An optional relation to one organisation."""
    return relation_choice(title, ORGANISATION_TYPE, description)


class organisations_picker(related_items):
    """Schema directive: ``names`` pick organisations, the same in every language.

    ``single=True`` for a field of one organisation
    (:func:`organisation_relation`).
    """

    def factory(self, *names, single=False):
        return super().factory(*names, portal_types=[ORGANISATION_TYPE], single=single)
