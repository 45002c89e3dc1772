"""A person's works: the items whose people rows point to their record.

Publications (authors), courses (instructors), events (speakers) and
initiatives (team) hold ``{"person": <UID>}`` in their rows; the
``person_uids`` index (:mod:`socialhub.people.indexers`) finds them in one
catalog query, filtered by what the reader may View, in the person's
language (or language-neutral).
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslatable
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.uuid.interfaces import IUUID


#: The lists of works, by portal_type, in the order a page shows them.
WORK_KINDS = (
    ("publications", "Publication"),
    ("initiatives", "Initiative"),
    ("courses", "Course"),
    ("events", "Event"),
)
#: The most items a list shows.
MAX_WORKS = 100


def person_record_uids(person):
    """The UIDs of ``person`` and of its translations: a row may point to any."""
    uids = {IUUID(person)}
    if ITranslatable.providedBy(person):
        translations = ITranslationManager(person).get_restricted_translations()
        uids.update(IUUID(item) for item in translations.values())
    return sorted(uids)


def works(person):
    """``{kind: [brain, ...]}`` of the items the reader may View, newest first.

    Items in the person's language (or language-neutral) whose rows point to
    the person's record in any language.
    """
    query = {
        "person_uids": person_record_uids(person),
        "portal_type": [portal_type for kind, portal_type in WORK_KINDS],
        "sort_on": "effective",
        "sort_order": "descending",
    }
    language = ILanguage(person).get_language()
    if language:
        query["Language"] = [language, ""]
    catalog = api.portal.get_tool("portal_catalog")
    found = {kind: [] for kind, portal_type in WORK_KINDS}
    kinds = {portal_type: kind for kind, portal_type in WORK_KINDS}
    for brain in catalog.searchResults(**query)[: MAX_WORKS * len(WORK_KINDS)]:
        items = found[kinds[brain.portal_type]]
        if len(items) < MAX_WORKS:
            items.append(brain)
    return found
