"""Install handler of the courses plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section


SECTION_ID = "courses"
SECTION_TITLE = _("section_courses", default="Courses")
SECTION_DESCRIPTION = _(
    "section_courses_description",
    default="E-courses and MOOCs on social protection, instructor-led and self-paced.",
)


def post_install(setup_tool):
    """Create the courses section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Course"], SECTION_DESCRIPTION)
