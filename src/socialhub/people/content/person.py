"""Person: an expert, author, contributor or reviewer.

Behaviour-first: the name and short biography are Dublin Core's title and
description, the text ``plone.richtext``, the website ``socialhub.web``, the
private contact details ``socialhub.contact`` (as organisations'), themes,
regions and community roles taxonomies, the member account
``socialhub.people.account``. The type's own fields are the photo, the
affiliations, the languages spoken, the ORCID iD and the media contact.
"""

from plone.app.multilingual.dx import directives as multilingual
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.content import Item
from socialhub.core.fields import InvalidRows
from socialhub.core.fields import is_orcid
from socialhub.core.fields import is_record_of_type
from socialhub.core.fields import RowList
from socialhub.core.fields import WebURL
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer
from zope.interface import Interface


ORGANISATION_TYPE = "Actor"

LANGUAGE_INDEPENDENT = (
    "photo",
    "languages_spoken",
    "orcid",
    "available_to_media",
    "press_contact",
)

AFFILIATION_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "organisation": {"type": "string", "minLength": 1},
            "role": {"type": "string"},
        },
        "required": ["organisation"],
        "additionalProperties": False,
    },
}


class InvalidAffiliations(InvalidRows):
    __doc__ = _(
        "error_affiliations",
        default="Give a list of affiliations, each with the UID of an "
        "organisation and optionally a role.",
    )


class IAffiliation(Interface):
    """One affiliation: an organisation of the directory and the role there."""

    organisation = schema.Choice(
        title=_("label_organisation", default="Organisation"),
        vocabulary="socialhub.vocabularies.Organisations",
        required=True,
    )
    role = schema.TextLine(
        title=_("label_affiliation_role", default="Role or title"),
        required=False,
    )


class AffiliationList(RowList):
    """Rows of ``{"organisation": <UID of an Actor>, "role": ...}``.

    Translatable, unlike relation fields: the role is text in the record's
    language, and each translation points to the organisation's record in
    its own language.
    """

    json_schema = AFFILIATION_SCHEMA
    row_schema = IAffiliation
    error = InvalidAffiliations
    record_keys = ("organisation",)

    def check_row(self, position, row, value):
        if not is_record_of_type(row["organisation"], ORGANISATION_TYPE):
            raise self.invalid(
                _(
                    "error_affiliation_organisation",
                    default="${position}/organisation: ${uid} is not the UID of "
                    "an organisation.",
                    mapping={"position": position, "uid": row["organisation"]},
                ),
                value,
            )


class IPerson(model.Schema):
    """An expert, author, contributor or reviewer."""

    photo = NamedBlobImage(
        title=_("label_photo", default="Photo"),
        required=False,
    )
    affiliations = AffiliationList(
        title=_("label_affiliations", default="Affiliations"),
        description=_(
            "help_affiliations",
            default="The organisations the person works with, and their role there.",
        ),
    )
    languages_spoken = schema.List(
        title=_("label_languages_spoken", default="Languages spoken"),
        value_type=schema.Choice(vocabulary="socialhub.vocabularies.Languages"),
        required=False,
        default=[],
        missing_value=[],
    )
    orcid = schema.TextLine(
        title=_("label_person_orcid", default="ORCID iD"),
        description=_("help_orcid", default="For example 0000-0002-1825-0097."),
        required=False,
        constraint=is_orcid,
    )
    available_to_media = schema.Bool(
        title=_("label_available_to_media", default="Available to the media"),
        description=_(
            "help_available_to_media",
            default="Journalists may contact the person through the press "
            "contact below.",
        ),
        required=False,
        default=False,
    )
    press_contact = WebURL(
        title=_("label_press_contact", default="Press contact"),
        description=_(
            "help_press_contact",
            default="Where journalists reach the person: a web address or a "
            "mailto: address. Public.",
        ),
        allow_mailto=True,
        required=False,
    )

    model.fieldset(
        "media",
        label=_("fieldset_media", default="Media"),
        fields=["available_to_media", "press_contact"],
    )
    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)


@implementer(IPerson, ISocialHubContent)
class Person(Item):
    """A person of the platform."""
