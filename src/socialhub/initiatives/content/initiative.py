"""Initiative: a social protection project or programme."""

from plone.app.dexterity.textindexer import searchable
from plone.app.multilingual.dx import directives as multilingual
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.organisations import organisation_relation
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.behaviors.people import person_lists
from socialhub.core.behaviors.period import ends_after_start
from socialhub.core.behaviors.relations import related_items
from socialhub.core.behaviors.relations import relation_list
from socialhub.core.content import Item
from socialhub.core.fields import PersonList
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer
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

# Besides the relations, language-independent by their directives.
LANGUAGE_INDEPENDENT = ("status", "start", "end")


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
    lead_organisation = organisation_relation(
        _("label_lead_organisation", default="Lead organisation")
    )
    organisations_picker("lead_organisation", single=True)
    partners = organisation_relations(
        _("label_partners", default="Partner organisations"),
        _(
            "help_partners",
            default="Organisations implementing the initiative with the lead.",
        ),
    )
    funders = organisation_relations(
        _("label_funders", default="Funders"),
        _("help_funders", default="Organisations funding the initiative."),
    )
    organisations_picker("partners", "funders")
    team = PersonList(
        title=_("label_initiative_team", default="Team"),
        description=_(
            "help_initiative_team",
            default="The people running the initiative, one row each.",
        ),
    )
    person_lists("team")
    related_publications = relation_list(
        _("label_related_publications", default="Related publications"),
        "Publication",
        _("label_publication", default="Publication"),
    )
    related_items("related_publications", portal_types=["Publication"])

    searchable("objectives", "outcomes")
    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)

    invariant(ends_after_start("start", "end"))


@implementer(IInitiative, ISocialHubContent)
class Initiative(Item):
    """A project or programme of the initiatives section."""
