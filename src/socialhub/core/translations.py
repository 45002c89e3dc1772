"""``@components.translations`` read from the catalog, without loading a translation.

plone.restapi's expansion (``?expand=translations``, which multilingual
frontends ask for with every page) asks plone.app.multilingual for the
translations of the item and of its language root, and loads every one of
them to learn its URL: a third of the time of a stock GET. The same answer
comes from the catalog records of the translation groups (their path and
language). One search finds the translations of the item and of its
language root: the records tell their group apart.

A translation the requester may not see stays out, as in the restricted
search plone.app.multilingual makes: the records are checked one by one as
Plone's catalog restricts a search (:class:`RestrictedFilter`). The search
itself is not restricted: on a large catalog, the restriction to items
effective now (``effectiveRange``) costs more than all the rest of the
expansion (1.2 ms of 1.4 at 12,000 items), for the three records it keeps.
"""

from AccessControl import getSecurityManager
from DateTime import DateTime
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslatable
from plone.base.interfaces import IPloneSiteRoot
from plone.restapi.interfaces import IExpandableElement
from Products.CMFCore.utils import getToolByName
from socialhub.core.interfaces import ISocialHubCoreLayer
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


def viewable_translations(item):
    """``{language: URL}`` of ``item`` and its translations the requester may View."""
    return viewable_translation_groups(item)[0]


def viewable_translation_groups(*items):
    """:func:`viewable_translations` of each of ``items``, with one catalog search."""
    groups = [ITG(item, None) for item in items]
    wanted = sorted({group for group in groups if group is not None})
    found = {group: {} for group in wanted}
    if wanted:
        catalog = getToolByName(items[0], "portal_catalog")
        query = wanted[0] if len(wanted) == 1 else wanted
        visible = RestrictedFilter(catalog)
        for brain in catalog.unrestrictedSearchResults(TranslationGroup=query):
            if not visible(brain):
                continue
            members = found.get(brain.TranslationGroup)
            if members is None:
                # A record whose group is not among its metadata (it
                # should not be): search each group alone.
                return [viewable_group(catalog, group) for group in groups]
            members[brain.Language] = brain.getURL()
    return [{} if group is None else dict(found[group]) for group in groups]


def viewable_group(catalog, group):
    """``{language: URL}`` of the viewable members of the translation group."""
    if group is None:
        return {}
    return {
        brain.Language: brain.getURL()
        for brain in catalog.searchResults(TranslationGroup=group)
    }


class RestrictedFilter:
    """Whether the requester would find a catalog record in a restricted search.

    What Plone's ``CatalogTool.searchResults`` adds to a query, asked of one
    record: one of the requester's roles or groups among the record's
    ``allowedRolesAndUsers``, and, unless the requester may see inactive
    content, the record effective now (the ``effectiveRange`` index's own
    entry and time, to the minute).
    """

    def __init__(self, catalog):
        user = getSecurityManager().getUser()
        self.allowed = set(catalog._listAllowedRolesAndUsers(user))
        self.roles = catalog._catalog.getIndex("allowedRolesAndUsers")
        self.dates = None
        if not catalog.allow_inactive({}):
            self.dates = catalog._catalog.getIndex("effectiveRange")
            self.now = self.dates._convertDateTime(DateTime())

    def __call__(self, brain):
        record_id = brain.getRID()
        granted = self.roles.getEntryForObject(record_id, default=())
        if not self.allowed.intersection(granted):
            return False
        if self.dates is None:
            return True
        since, until = self.dates.getEntryForObject(record_id, default=(None, None))
        return (since is None or since <= self.now) and (
            until is None or self.now <= until
        )


@implementer(IExpandableElement)
@adapter(ITranslatable, ISocialHubCoreLayer)
class Translations:
    """The ``translations`` component, as plone.restapi gives it."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        result = {
            "translations": {"@id": f"{self.context.absolute_url()}/@translations"}
        }
        if not expand:
            return result
        root = getMultiAdapter(
            (self.context, self.request), name="plone_portal_state"
        ).navigation_root()
        if IPloneSiteRoot.providedBy(root):
            # Outside a language root: plone.restapi gives no items either.
            return result
        translations, root_translations = viewable_translation_groups(
            self.context, root
        )
        language = self.context.Language()
        result["translations"]["items"] = [
            {"@id": url, "language": code}
            for code, url in translations.items()
            if code != language
        ]
        result["translations"]["root"] = root_translations
        return result
