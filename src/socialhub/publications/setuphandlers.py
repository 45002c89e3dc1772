"""Install handler of the publications plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section


SECTION_ID = "publications"
SECTION_TITLE = _("section_publications", default="Publications")
SECTION_DESCRIPTION = _(
    "section_publications_description",
    default="Reviewed reports, briefs, papers and books on social protection.",
)


def post_install(setup_tool):
    """Create the publications section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Publication"], SECTION_DESCRIPTION)
