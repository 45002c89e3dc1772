"""Install handler of the events plugin."""

from socialhub.core import _
from socialhub.core.sections import ensure_section


SECTION_ID = "events"
SECTION_TITLE = _("section_events", default="Events")
SECTION_DESCRIPTION = _(
    "section_events_description",
    default="Webinars, conferences, workshops and live chats on social protection.",
)


def post_install(setup_tool):
    """Create the events section in every language root."""
    ensure_section(SECTION_ID, SECTION_TITLE, ["Event"], SECTION_DESCRIPTION)
