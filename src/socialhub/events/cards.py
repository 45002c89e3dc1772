"""What a listing card of an event shows besides the common ones."""

from socialhub.core.interfaces import CardFields


event_card = CardFields(
    "start",
    "end",
    "event_kind",
    "event_mode",
    "location",
)
