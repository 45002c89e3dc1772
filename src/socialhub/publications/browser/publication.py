"""The view page of a Publication: citation, authors, abstract, where to read it."""

from socialhub.core.browser.records import RecordView


DOI_URL = "https://doi.org/"


class PublicationView(RecordView):
    """A publication as a reader of the library needs it."""

    def citation(self):
        """The parts of the citation line.

        ``{"authors", "year", "title", "publishers", "doi", "doi_url",
        "isbn"}``: authors and publishers are names joined with commas,
        publishers only those the reader may see.
        """
        context = self.context
        doi = context.doi
        return {
            "authors": ", ".join(person["name"] for person in self.people("authors")),
            "year": self.year(
                context.publication_date.year if context.publication_date else None
            ),
            "title": context.Title(),
            "publishers": ", ".join(card["title"] for card in self.cards("publishers")),
            "doi": doi,
            "doi_url": doi and DOI_URL + doi,
            "isbn": context.isbn,
        }

    def read_links(self):
        """Where to read the publication: its file and its external address."""
        links = []
        download = self.file_link("file")
        if download is not None:
            links.append({"kind": "file", **download})
        if self.context.external_url:
            links.append({"kind": "external", "url": self.context.external_url})
        return links
