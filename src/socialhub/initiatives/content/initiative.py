"""Initiative: a social protection project or programme."""

from plone.app.dexterity.textindexer import searchable
from plone.app.multilingual.dx import directives as multilingual
from plone.app.vocabularies.catalog import CatalogSource
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.content import Item
from socialhub.core.fields import organisation_relations
from socialhub.core.interfaces import ISocialHubContent
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


STATUSES = SimpleVocabulary(
    [
        SimpleTerm("planned", title=_("status_planned", default="Planned")),
        SimpleTerm("ongoing", title=_("status_ongoing", default="Ongoing")),
        SimpleTerm("completed", title=_("status_completed", default="Completed")),
        SimpleTerm(
            "discontinued", title=_("status_discontinued", default="Discontinued")
        ),
    ]
)

LANGUAGE_INDEPENDENT = (
    "status",
    "start",
    "end",
    "lead_organisation",
    "partners",
    "funders",
    "related_publications",
)


class IInitiative(model.Schema):
    """A social protection project or programme."""

    objectives = schema.Text(
        title=_("label_objectives", default="Objectives"),
        description=_(
            "help_objectives", default="What the initiative sets out to achieve."
        ),
        required=False,
    )
    outcomes = schema.Text(
        title=_("label_outcomes", default="Outcomes"),
        description=_(
            "help_outcomes", default="What the initiative has achieved so far."
        ),
        required=False,
    )
    status = schema.Choice(
        title=_("label_initiative_status", default="Status"),
        vocabulary=STATUSES,
        required=False,
    )
    start = schema.Date(
        title=_("label_initiative_start", default="Start date"),
        required=False,
    )
    end = schema.Date(
        title=_("label_initiative_end", default="End date"),
        description=_("help_initiative_end", default="Planned or actual end date."),
        required=False,
    )
    lead_organisation = RelationChoice(
        title=_("label_lead_organisation", default="Lead organisation"),
        source=CatalogSource(portal_type="Actor"),
        required=False,
    )
    directives.widget(
        "lead_organisation",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Actor"], "maximumSelectionSize": 1},
    )
    partners = organisation_relations(
        _("label_partners", default="Partner organisations"),
        _(
            "help_partners",
            default="Organisations implementing the initiative with the lead.",
        ),
    )
    directives.widget(
        "partners",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Actor"]},
    )
    funders = organisation_relations(
        _("label_funders", default="Funders"),
        _("help_funders", default="Organisations funding the initiative."),
    )
    directives.widget(
        "funders",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Actor"]},
    )
    related_publications = RelationList(
        title=_("label_related_publications", default="Related publications"),
        value_type=RelationChoice(
            title=_("label_publication", default="Publication"),
            source=CatalogSource(portal_type="Publication"),
        ),
        required=False,
        default=[],
    )
    directives.widget(
        "related_publications",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["Publication"]},
    )

    searchable("objectives", "outcomes")
    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)

    @invariant
    def end_not_before_start(data):
        """The end date cannot be before the start date."""
        start = getattr(data, "start", None)
        end = getattr(data, "end", None)
        if start and end and end < start:
            raise Invalid(
                _(
                    "error_end_before_start",
                    default="The end date cannot be before the start date.",
                )
            )


@implementer(IInitiative, ISocialHubContent)
class Initiative(Item):
    """A project or programme of the initiatives section."""
