"""Which language a request is about; every language as a vocabulary."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from functools import cache
from operator import itemgetter
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import IPloneSiteRoot
from plone.i18n.locales.interfaces import IContentLanguageAvailability
from zope.component import getUtility
from zope.interface import provider
from zope.publisher.browser import BrowserLanguages
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def search_language(context, request):
    """The language a search at ``context`` defaults to.

    Inside a language root folder (``/fr/...``) it is that root's language;
    at the site root it is the language the request negotiates
    (Accept-Language, the language cookie, else the site's default).
    """
    for item in aq_chain(aq_inner(context)):
        if ILanguageRootFolder.providedBy(item):
            return item.Language() or item.getId()
        if IPloneSiteRoot.providedBy(item):
            break
    return api.portal.get_current_language(context=context)


def display_language(context, request):
    """The language to show vocabulary titles in for ``context``.

    The first language of the request's Accept-Language header the site
    offers, else the language of ``context`` itself (an item in ``/fr`` shows
    French titles), else the site's default language.
    """
    available = api.portal.get_registry_record("plone.available_languages", default=[])
    if request is not None and request.get("HTTP_ACCEPT_LANGUAGE"):
        for language in BrowserLanguages(request).getPreferredLanguages():
            code = language.split("-")[0]
            if code in available:
                return code
    language = getattr(aq_inner(context), "Language", lambda: None)()
    return language or api.portal.get_default_language()


@provider(IVocabularyFactory)
def all_languages(context):
    """Every language, titled with its native name: what a resource may be in.

    The terms of plone.app.vocabularies' ``AvailableContentLanguages``, which
    builds its 400-odd terms anew at every use (2 ms for each item a REST
    GET serializes). They depend only on the site's choice of combined codes
    (``pt-br``), so they are built once per process for each choice.
    """
    combined = api.portal.get_registry_record(
        "plone.use_combined_language_codes", default=False
    )
    return _language_vocabulary(bool(combined))


@cache
def _language_vocabulary(combined):
    languages = getUtility(IContentLanguageAvailability).getLanguages(combined=combined)
    titled = sorted(
        ((code, info.get("native", code)) for code, info in languages.items()),
        key=itemgetter(1),
    )
    return SimpleVocabulary([SimpleTerm(code, code, title) for code, title in titled])
