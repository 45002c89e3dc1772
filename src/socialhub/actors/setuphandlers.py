"""Install and uninstall handlers of the actors plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.uninstall import refuse_while_content
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections


PROFILE_ID = "socialhub.actors:default"
PORTAL_TYPES = ("Actor",)
SECTION_ID = "actors"
SECTION_TITLE = _("section_actors", default="Organisations")
SECTION_DESCRIPTION = _(
    "section_actors_description",
    default="Agencies, networks, communities and funders working on social protection.",
)


def post_install(setup_tool):
    """Create the actors section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Actor"], SECTION_DESCRIPTION)


def pre_uninstall(setup_tool):
    """Refuse to uninstall while organisations exist: they would lose their type."""
    refuse_while_needed(PROFILE_ID)
    refuse_while_content("socialhub.actors", PORTAL_TYPES)


def post_uninstall(setup_tool):
    """Remove the actors sections (see :func:`retire_sections`)."""
    retire_sections(SECTION_ID)
