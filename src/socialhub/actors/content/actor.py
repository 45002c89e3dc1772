"""Actor: an organisation, network, community or funder."""

from plone.app.dexterity.textindexer import searchable
from plone.app.multilingual.dx import directives as multilingual
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.content import Item
from socialhub.core.fields import is_country_code
from socialhub.core.fields import not_in_future
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer


LANGUAGE_INDEPENDENT = (
    "logo",
    "headquarters_country",
    "founded_year",
    "is_funder",
)


class IActor(model.Schema):
    """An organisation, network, community or funder active in social protection."""

    acronym = schema.TextLine(
        title=_("label_acronym", default="Acronym"),
        description=_("help_acronym", default="e.g. ILO, UNICEF."),
        required=False,
    )
    mission = schema.Text(
        title=_("label_mission", default="Mission"),
        description=_(
            "help_mission",
            default="What the organisation sets out to do, in a few sentences.",
        ),
        required=False,
    )
    logo = NamedBlobImage(
        title=_("label_logo", default="Logo"),
        required=False,
    )
    headquarters_country = schema.TextLine(
        title=_("label_headquarters_country", default="Country of the headquarters"),
        description=_(
            "help_headquarters_country",
            default="Two-letter ISO 3166-1 code, e.g. CH for Switzerland.",
        ),
        required=False,
        constraint=is_country_code,
    )
    founded_year = schema.Int(
        title=_("label_founded_year", default="Year founded"),
        required=False,
        min=1800,
        constraint=not_in_future,
    )
    is_funder = schema.Bool(
        title=_("label_is_funder", default="Funder"),
        description=_(
            "help_is_funder",
            default="The organisation funds programmes, research or other "
            "organisations.",
        ),
        required=False,
        default=False,
    )
    memberships = organisation_relations(
        _("label_memberships", default="Member of"),
        _(
            "help_memberships",
            default="Networks, alliances and other organisations this one belongs to.",
        ),
    )
    organisations_picker("memberships")

    searchable("acronym", "mission")
    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)


@implementer(IActor, ISocialHubContent)
class Actor(Item):
    """An organisation of the directory."""
