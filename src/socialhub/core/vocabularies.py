"""Records of one type as a vocabulary: the pickers of rows that point to them.

A person row's ``person`` (socialhub.people's Person records) and an
affiliation's ``organisation`` (Actors) hold a UID. The vocabularies list
the records the user may View (the catalog filters them), of every
language, by title; a term's value is the UID. A UID stored earlier that
the user may not see is still accepted by the field's own validation, which
checks the type without permissions.
"""

from plone import api
from plone.base.interfaces import ILanguage
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


#: The most records a picker lists.
MAX_TERMS = 1000


def records_vocabulary(context, portal_type):
    """The records of ``portal_type`` the user may View, as UID terms.

    Records of every language: a language-independent row may hold the
    record of another language, and must keep it when the form is saved.
    A record in another language than the context's says which one
    ("Aminata Diallo (fr)").
    """
    language = _language(context)
    catalog = api.portal.get_tool("portal_catalog")
    terms = []
    brains = catalog.searchResults(portal_type=portal_type, sort_on="sortable_title")
    for brain in brains[:MAX_TERMS]:
        title = brain.Title
        if language and brain.Language and brain.Language != language:
            title = f"{title} ({brain.Language})"
        terms.append(SimpleTerm(value=brain.UID, token=brain.UID, title=title))
    return SimpleVocabulary(terms)


def _language(context):
    try:
        return ILanguage(context).get_language()
    except TypeError:
        return None


@provider(IVocabularyFactory)
def people(context=None):
    """The Person records the user may see."""
    return records_vocabulary(context, "Person")


@provider(IVocabularyFactory)
def organisations(context=None):
    """The organisations (Actors) the user may see."""
    return records_vocabulary(context, "Actor")
