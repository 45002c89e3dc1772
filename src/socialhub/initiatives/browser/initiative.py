"""The view page of an Initiative: status, period, countries, organisations."""

from socialhub.core.browser.records import RecordView


class InitiativeView(RecordView):
    """A project or programme as a reader needs it."""

    def countries(self):
        """The geography terms of the initiative, linked to its filtered section."""
        groups = self.terms(["geography"])
        return groups[0]["terms"] if groups else []

    def other_terms(self):
        """Its terms of every other taxonomy."""
        return [group for group in self.terms() if group["taxonomy"] != "geography"]
