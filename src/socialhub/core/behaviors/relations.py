"""Fields that relate an item to items of some types, picked in a content browser.

Relations are the same in every language: the :class:`related_items`
directive declares a field's content-browser widget and its
language-independence at once.
"""

from plone.app.multilingual.dx.directives import LANGUAGE_INDEPENDENT_KEY
from plone.app.vocabularies.catalog import CatalogSource
from plone.app.z3cform.widgets.contentbrowser import ContentBrowserFieldWidget
from plone.autoform.interfaces import WIDGETS_KEY
from plone.autoform.widgets import ParameterizedWidget
from plone.supermodel.directives import Directive
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.interface import Interface


CATALOG_VOCABULARY = "plone.app.vocabularies.Catalog"


def relation_list(title, portal_types, item_title, description=""):
    """An optional, ordered list of relations to items of ``portal_types``.

    ``item_title`` names one item of the list (e.g. "Organisation").
    """
    return RelationList(
        title=title,
        description=description,
        value_type=RelationChoice(
            title=item_title,
            source=CatalogSource(portal_type=portal_types),
        ),
        required=False,
        default=[],
    )


def relation_choice(title, portal_types, description=""):
    """An optional relation to one item of ``portal_types``."""
    return RelationChoice(
        title=title,
        description=description,
        source=CatalogSource(portal_type=portal_types),
        required=False,
    )


class related_items(Directive):
    """Schema directive: ``names`` pick items of ``portal_types``.

    ``related_items("partners", portal_types=["Actor"])`` in a schema's body
    gives each field Plone's content browser, as Plone's Related Items,
    limited to those types (to one item with ``single=True``) and started in
    their section of the item's language root
    (``socialhub.core.forms.relations``), and marks it language-independent,
    as ``directives.widget(...)`` and ``languageindependent(...)`` would.
    """

    def factory(self, *names, portal_types, single=False):
        if not names:
            raise TypeError("related_items expects at least one field name.")
        widgets = {}
        for name in names:
            pattern_options = {"selectableTypes": list(portal_types)}
            if single:
                pattern_options["maximumSelectionSize"] = 1
            widgets[name] = ParameterizedWidget(
                ContentBrowserFieldWidget,
                vocabulary=CATALOG_VOCABULARY,
                pattern_options=pattern_options,
            )
        return widgets, [(Interface, name, "true") for name in names]

    def store(self, tags, value):
        widgets, language_independent = value
        tags.setdefault(WIDGETS_KEY, {}).update(widgets)
        tags.setdefault(LANGUAGE_INDEPENDENT_KEY, []).extend(language_independent)
