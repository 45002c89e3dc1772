"""What a listing card of an actor shows besides the common ones."""

from socialhub.core.interfaces import CardFields


actor_card = CardFields(
    "acronym",
    "is_funder",
    "founded_year",
    "headquarters_country",
)
