"""What a listing card of a course shows besides the common ones."""

from socialhub.core.interfaces import CardFields


course_card = CardFields(
    "course_format",
    "course_level",
    "course_start",
    "course_end",
    "course_certificate",
)
