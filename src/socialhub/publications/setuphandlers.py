"""Install and uninstall handlers of the publications plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.uninstall import refuse_while_content
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections


PROFILE_ID = "socialhub.publications:default"
PORTAL_TYPES = ("Publication",)
SECTION_ID = "publications"
SECTION_TITLE = _("section_publications", default="Publications")
SECTION_DESCRIPTION = _(
    "section_publications_description",
    default="Reviewed reports, briefs, papers and books on social protection.",
)


def post_install(setup_tool):
    """Create the publications section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Publication"], SECTION_DESCRIPTION)


def pre_uninstall(setup_tool):
    """Refuse to uninstall while publications exist: they would lose their type."""
    refuse_while_needed(PROFILE_ID)
    refuse_while_content("socialhub.publications", PORTAL_TYPES)


def post_uninstall(setup_tool):
    """Remove the publications sections (see :func:`retire_sections`)."""
    retire_sections(SECTION_ID)
