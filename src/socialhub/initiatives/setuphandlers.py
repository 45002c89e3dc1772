"""Install and uninstall handlers of the initiatives plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.uninstall import refuse_while_content
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections


PROFILE_ID = "socialhub.initiatives:default"
PORTAL_TYPES = ("Initiative",)
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


def pre_uninstall(setup_tool):
    """Refuse to uninstall while initiatives exist: they would lose their type."""
    refuse_while_needed(PROFILE_ID)
    refuse_while_content("socialhub.initiatives", PORTAL_TYPES)


def post_uninstall(setup_tool):
    """Remove the initiatives sections (see :func:`retire_sections`)."""
    retire_sections(SECTION_ID)
