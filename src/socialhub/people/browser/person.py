"""The view page of a person: photo, affiliations, expertise, works, contact."""

from plone.restapi.interfaces import ISerializeToJsonSummary
from socialhub.core import _
from socialhub.core.browser.records import ORCID_URL
from socialhub.core.browser.records import RecordView
from socialhub.core.restapi.rows import viewable_rows
from socialhub.people.works import works
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


LANGUAGES_VOCABULARY = "socialhub.vocabularies.Languages"

#: The heading of each list of works.
WORK_LABELS = {
    "publications": _("label_works_publications", default="Publications"),
    "initiatives": _("label_works_initiatives", default="Initiatives"),
    "courses": _("label_works_courses", default="Courses"),
    "events": _("label_works_events", default="Events"),
}


class PersonView(RecordView):
    """A person as a reader of the platform needs them."""

    def photo_url(self):
        """The address of the photo's preview scale, or None without a photo."""
        if not self.context.photo:
            return None
        return f"{self.context.absolute_url()}/@@images/photo/preview"

    def affiliations(self):
        """The organisations the reader may View, as cards with the role."""
        rows = viewable_rows(self.context.affiliations, ("organisation",))
        uids = [row["organisation"] for row in rows if "organisation" in row]
        catalog = self.context.portal_catalog
        brains = {brain.UID: brain for brain in catalog.searchResults(UID=uids)}
        cards = []
        for row in rows:
            brain = brains.get(row.get("organisation"))
            if brain is None:
                continue
            cards.append(
                {
                    "url": brain.getURL(),
                    "title": brain.Title,
                    "description": brain.Description,
                    "role": row.get("role"),
                }
            )
        return cards

    def facts(self):
        """Languages spoken, ORCID iD and media availability."""
        orcid = self.context.orcid
        return {
            "languages": self.spoken_languages(),
            "orcid": orcid,
            "orcid_url": orcid and ORCID_URL + orcid,
            "website": self.value("website"),
            "available_to_media": bool(self.context.available_to_media),
            "press_contact": self.context.press_contact
            if self.context.available_to_media
            else None,
        }

    def spoken_languages(self):
        """The names of the languages the person speaks."""
        factory = getUtility(IVocabularyFactory, LANGUAGES_VOCABULARY)
        vocabulary = factory(self.context)
        return [
            vocabulary.getTerm(code).title if code in vocabulary else code
            for code in self.context.languages_spoken or ()
        ]

    def work_groups(self):
        """The non-empty lists of works: ``[{"kind", "label", "entries"}]``,
        each entry ``{"url", "title", "description"}``."""
        groups = []
        for kind, brains in works(self.context).items():
            if not brains:
                continue
            items = []
            for brain in brains:
                summary = getMultiAdapter(
                    (brain, self.request), ISerializeToJsonSummary
                )()
                items.append(
                    {
                        "url": summary["@id"],
                        "title": summary.get("title") or "",
                        "description": summary.get("description") or "",
                    }
                )
            groups.append({"kind": kind, "label": WORK_LABELS[kind], "entries": items})
        return groups
