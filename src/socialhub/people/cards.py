"""What a listing card of a person shows besides the common ones."""

from socialhub.core.interfaces import CardFields


person_card = CardFields("orcid", "available_to_media")
