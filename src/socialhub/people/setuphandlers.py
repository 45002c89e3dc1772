"""Install and uninstall handlers of the people plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.uninstall import refuse_while_content
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections


PROFILE_ID = "socialhub.people:default"
PORTAL_TYPES = ("Person",)
SECTION_ID = "people"
SECTION_TITLE = _("section_people", default="People")
SECTION_DESCRIPTION = _(
    "section_people_description",
    default="Experts, authors, contributors and reviewers of the community.",
)


def post_install(setup_tool):
    """Create the people section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Person"], SECTION_DESCRIPTION)


def pre_uninstall(setup_tool):
    """Refuse to uninstall while people exist: they would lose their type."""
    refuse_while_needed(PROFILE_ID)
    refuse_while_content("socialhub.people", PORTAL_TYPES)


def post_uninstall(setup_tool):
    """Remove the people sections (see :func:`retire_sections`)."""
    retire_sections(SECTION_ID)
