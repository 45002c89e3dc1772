"""Install handler of the initiatives plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section


SECTION_ID = "initiatives"
SECTION_TITLE = _("section_initiatives", default="Initiatives")
SECTION_DESCRIPTION = _(
    "section_initiatives_description",
    default="Social protection projects and programmes, who leads, funds and "
    "partners in them.",
)


def post_install(setup_tool):
    """Create the initiatives section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Initiative"], SECTION_DESCRIPTION)
