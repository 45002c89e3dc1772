"""A person's works: the items whose people rows point to their record.

Publications (authors), courses (instructors), events (speakers) and
initiatives (team) hold ``{"person": <UID>}`` in their rows; the
``person_uids`` index (:mod:`socialhub.people.indexers`) finds them in one
catalog query, filtered by what the reader may View, in the person's
language (or language-neutral).
"""

from plone import api
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


def works(person):
    """``{kind: [brain, ...]}`` of the items the reader may View, newest first."""
    query = {
        "person_uids": IUUID(person),
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
