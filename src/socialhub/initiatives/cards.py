"""What a listing card of an initiative shows besides the common ones."""

from socialhub.core.interfaces import CardFields


initiative_card = CardFields(
    "initiative_status",
    "initiative_start",
    "initiative_end",
)
