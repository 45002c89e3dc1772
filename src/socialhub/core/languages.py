"""Which language a request is about, for listings and searches."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.base.interfaces import IPloneSiteRoot
from zope.publisher.browser import BrowserLanguages


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
