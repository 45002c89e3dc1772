"""Install and uninstall handlers of the courses plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.uninstall import refuse_while_content
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections


PROFILE_ID = "socialhub.courses:default"
PORTAL_TYPES = ("Course", "CourseModule")
SECTION_ID = "courses"
SECTION_TITLE = _("section_courses", default="Courses")
SECTION_DESCRIPTION = _(
    "section_courses_description",
    default="E-courses and MOOCs on social protection, instructor-led and self-paced.",
)


def post_install(setup_tool):
    """Create the courses section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Course"], SECTION_DESCRIPTION)


def pre_uninstall(setup_tool):
    """Refuse to uninstall while courses exist: they would lose their type."""
    refuse_while_needed(PROFILE_ID)
    refuse_while_content("socialhub.courses", PORTAL_TYPES)


def post_uninstall(setup_tool):
    """Remove the courses sections (see :func:`retire_sections`)."""
    retire_sections(SECTION_ID)
