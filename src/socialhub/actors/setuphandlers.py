"""Install handler of the actors plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section


SECTION_ID = "actors"
SECTION_TITLE = _("section_actors", default="Organisations")
SECTION_DESCRIPTION = _(
    "section_actors_description",
    default="Agencies, networks, communities and funders working on social protection.",
)


def post_install(setup_tool):
    """Create the actors section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Actor"], SECTION_DESCRIPTION)
