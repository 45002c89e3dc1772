"""What a listing card of a publication shows besides the common ones."""

from socialhub.core.interfaces import CardFields


publication_card = CardFields(
    "publication_date",
    "author_names",
)
