"""SocialHub's extension of Plone's Event: kind, mode, speakers, materials.

Plone's own ``Event`` type stays what it is (dates, location, recurrence,
iCalendar export, calendars); the ``socialhub.event`` behaviour adds what a
webinar, a conference or a live chat needs, including the materials of a
"flipped conference", published before the event, and what remains after it
(recording, slides, summary).
"""

from plone.app.multilingual.dx import directives as multilingual
from plone.autoform.interfaces import IFormFieldProvider
from plone.dexterity.interfaces import IDexterityContent
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.behaviors.materials import material_relations
from socialhub.core.behaviors.organisations import organisation_relations
from socialhub.core.behaviors.organisations import organisations_picker
from socialhub.core.behaviors.people import person_lists
from socialhub.core.behaviors.relations import related_items
from socialhub.core.behaviors.relations import relation_choice
from socialhub.core.fields import PersonList
from socialhub.core.fields import WebURL
from socialhub.core.interfaces import ISocialHubContent
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import provider
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


EVENT_KINDS = SimpleVocabulary(
    [
        SimpleTerm("webinar", title=_("event_kind_webinar", default="Webinar")),
        SimpleTerm(
            "conference", title=_("event_kind_conference", default="Conference")
        ),
        SimpleTerm("workshop", title=_("event_kind_workshop", default="Workshop")),
        SimpleTerm("forum", title=_("event_kind_forum", default="Forum")),
        SimpleTerm("live_chat", title=_("event_kind_live_chat", default="Live chat")),
        SimpleTerm("training", title=_("event_kind_training", default="Training")),
    ]
)

EVENT_MODES = SimpleVocabulary(
    [
        SimpleTerm("online", title=_("event_mode_online", default="Online")),
        SimpleTerm("in_person", title=_("event_mode_in_person", default="In person")),
        SimpleTerm("hybrid", title=_("event_mode_hybrid", default="Hybrid")),
    ]
)

MATERIAL_TYPES = ["Publication", "File", "Document"]
SUMMARY_TYPES = ["Document", "News Item"]

AFTER_FIELDS = ("recording_url", "slides", "summary")

# Nothing of the behaviour is text to translate: kinds, modes, addresses,
# people, files and relations are the same in every language (the people and
# relations by their directives).
LANGUAGE_INDEPENDENT = (
    "event_kind",
    "event_mode",
    "stream_url",
    "registration_url",
    "recording_url",
    "slides",
)


class ISocialHubEventMarker(ISocialHubContent):
    """Marker of the Events that have the ``socialhub.event`` behaviour.

    It extends ``ISocialHubContent``, so the strict REST deserializer of
    socialhub.core refuses unknown properties for these Events too.
    """


@provider(IFormFieldProvider)
class ISocialHubEvent(model.Schema):
    """What a SocialHub event adds to Plone's Event."""

    model.fieldset(
        "event_materials",
        label=_("fieldset_event_materials", default="Materials"),
        fields=["materials", *AFTER_FIELDS],
    )

    event_kind = schema.Choice(
        title=_("label_event_kind", default="Kind of event"),
        vocabulary=EVENT_KINDS,
        required=False,
    )
    event_mode = schema.Choice(
        title=_("label_event_mode", default="Mode"),
        description=_(
            "help_event_mode",
            default="Whether the event takes place online, in person or both.",
        ),
        vocabulary=EVENT_MODES,
        required=False,
    )
    stream_url = WebURL(
        title=_("label_stream_url", default="Stream address"),
        description=_(
            "help_stream_url",
            default="Where to follow the event online, e.g. the webinar room.",
        ),
        required=False,
    )
    registration_url = WebURL(
        title=_("label_registration_url", default="Registration address"),
        # People also register by e-mail.
        allow_mailto=True,
        required=False,
    )
    speakers = PersonList(
        title=_("label_speakers", default="Speakers"),
        description=_(
            "help_speakers",
            default="Each with a name and optionally an affiliation, an ORCID iD "
            "and a web address.",
        ),
    )
    person_lists("speakers")
    organisers = organisation_relations(_("label_organisers", default="Organisers"))
    organisations_picker("organisers")
    materials = material_relations(
        _("label_event_materials", default="Materials"),
        _(
            "help_event_materials",
            default="Publications, files and pages to read before the event.",
        ),
        MATERIAL_TYPES,
    )
    related_items("materials", portal_types=MATERIAL_TYPES)
    recording_url = WebURL(
        title=_("label_recording_url", default="Recording address"),
        description=_(
            "help_recording_url",
            default="Where to watch the recording after the event.",
        ),
        required=False,
    )
    slides = NamedBlobFile(
        title=_("label_slides", default="Slides"),
        required=False,
    )
    summary = relation_choice(
        _("label_event_summary", default="Summary"),
        SUMMARY_TYPES,
        _(
            "help_event_summary",
            default="A page or news item that reports on the event.",
        ),
    )
    related_items("summary", portal_types=SUMMARY_TYPES, single=True)

    multilingual.languageindependent(*LANGUAGE_INDEPENDENT)


def _context_property(name):
    """A property of the adapter that reads and writes ``name`` on the content."""

    def get(self):
        return getattr(self.context, name)

    def set(self, value):
        setattr(self.context, name, value)

    return property(get, set)


@implementer(ISocialHubEvent)
@adapter(IDexterityContent)
class SocialHubEvent:
    """Stores the behaviour's fields as attributes of the Event itself.

    Like Plone's lead image behaviour: the catalog then indexes
    ``event_kind`` and ``event_mode`` straight from the object.
    """

    def __init__(self, context):
        self.context = context

    event_kind = _context_property("event_kind")
    event_mode = _context_property("event_mode")
    stream_url = _context_property("stream_url")
    registration_url = _context_property("registration_url")
    speakers = _context_property("speakers")
    organisers = _context_property("organisers")
    materials = _context_property("materials")
    recording_url = _context_property("recording_url")
    slides = _context_property("slides")
    summary = _context_property("summary")
