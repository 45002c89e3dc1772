"""The view page of an event: Plone's dates, place and iCalendar, SocialHub's fields."""

from plone.event.interfaces import IOccurrence
from socialhub.core.browser.records import RecordView


class EventView(RecordView):
    """An event as a participant needs it.

    plone.app.event's ``@@event_summary`` shows the dates, the place, the
    contact and the iCalendar (``ics_view``) link, as on Plone's own
    ``event_view``; this view adds kind and mode, the addresses to register,
    follow and watch, speakers, organisers, materials and terms.
    """

    def __call__(self):
        if IOccurrence.providedBy(self.context):
            # As plone.app.event's EventView: an occurrence cannot be edited.
            self.request.set("disable_border", True)
        return self.index()

    def facts(self):
        """Kind, mode, languages and the addresses of the event."""
        return {
            "kind": self.choice_title("event_kind"),
            "mode": self.choice_title("event_mode"),
            "languages": ", ".join(self.resource_languages()),
            "registration_url": self.value("registration_url"),
            "stream_url": self.value("stream_url"),
            "recording_url": self.value("recording_url"),
        }
