"""Publication: an item of the library."""

from plone.app.dexterity.textindexer import searchable
from plone.app.multilingual.dx import directives as multilingual
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.behaviors.people import person_lists
from socialhub.core.behaviors.relations import related_items
from socialhub.core.behaviors.relations import relation_list
from socialhub.core.content import Item
from socialhub.core.fields import is_doi
from socialhub.core.fields import is_isbn
from socialhub.core.fields import PersonList
from socialhub.core.fields import WebURL
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


LICENCES = SimpleVocabulary(
    [
        SimpleTerm(
            "CC-BY-4.0",
            title=_("licence_cc_by", default="Creative Commons Attribution 4.0"),
        ),
        SimpleTerm(
            "CC-BY-SA-4.0",
            title=_(
                "licence_cc_by_sa",
                default="Creative Commons Attribution-ShareAlike 4.0",
            ),
        ),
        SimpleTerm(
            "CC-BY-NC-4.0",
            title=_(
                "licence_cc_by_nc",
                default="Creative Commons Attribution-NonCommercial 4.0",
            ),
        ),
        SimpleTerm(
            "CC-BY-NC-ND-4.0",
            title=_(
                "licence_cc_by_nc_nd",
                default="Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
            ),
        ),
        SimpleTerm(
            "CC0-1.0", title=_("licence_cc0", default="Public domain (CC0 1.0)")
        ),
        SimpleTerm(
            "copyright", title=_("licence_copyright", default="All rights reserved")
        ),
    ]
)

# Besides the people and relations, language-independent by their directives.
LANGUAGE_INDEPENDENT = (
    "publication_date",
    "file",
    "external_url",
    "doi",
    "isbn",
    "pages",
    "licence",
)


class IPublication(model.Schema):
    """A reviewed publication: report, brief, working paper, article, book."""

    abstract = schema.Text(
        title=_("label_abstract", default="Abstract"),
        required=False,
    )
    # SearchableText has the abstract, the authors, the DOI and the ISBN, in
    # this order.
    searchable("abstract")
    authors = PersonList(
        title=_("label_authors", default="Authors"),
        description=_(
            "help_authors",
            default="In the order of the publication: each with a name and "
            "optionally an affiliation, an ORCID iD and a web address.",
        ),
    )
    person_lists("authors")
    publishers = organisation_relations(
        _("label_publishers", default="Publishing organisations")
    )
    organisations_picker("publishers")
    publication_date = schema.Date(
        title=_("label_publication_date", default="Publication date"),
        required=False,
    )
    file = NamedBlobFile(
        title=_("label_publication_file", default="File"),
        description=_(
            "help_publication_file", default="The publication itself, e.g. a PDF."
        ),
        required=False,
    )
    external_url = WebURL(
        title=_("label_external_url", default="External address"),
        description=_(
            "help_external_url",
            default="Where the publication is published online, if not here.",
        ),
        required=False,
    )
    doi = schema.TextLine(
        title=_("label_doi", default="DOI"),
        description=_("help_doi", default="e.g. 10.1000/xyz123"),
        required=False,
        constraint=is_doi,
    )
    isbn = schema.TextLine(
        title=_("label_isbn", default="ISBN"),
        required=False,
        constraint=is_isbn,
    )
    pages = schema.Int(
        title=_("label_pages", default="Pages"),
        required=False,
        min=1,
        max=100000,
    )
    licence = schema.Choice(
        title=_("label_licence", default="Licence"),
        vocabulary=LICENCES,
        required=False,
    )
    related_initiatives = relation_list(
        _("label_related_initiatives", default="Related initiatives"),
        "Initiative",
        _("label_initiative", default="Initiative"),
    )
    related_items("related_initiatives", portal_types=["Initiative"])

    searchable("doi", "isbn")
    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)


@implementer(IPublication, ISocialHubContent)
class Publication(Item):
    """A publication of the library."""
