"""Install and uninstall handlers of the events plugin."""

from plone import api
from plone.app.contenttypes.content import Event as PloneEvent
from socialhub.core import _
from socialhub.core.sections import ensure_section
from socialhub.core.sections import Section
from socialhub.core.storedclasses import replace_classes
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import retire_sections
from socialhub.events.content import Event
from socialhub.events.content import upgrade_events


PROFILE_ID = "socialhub.events:default"
SECTION_ID = "events"
SECTION_TITLE = _("section_events", default="Events")
SECTION_DESCRIPTION = _(
    "section_events_description",
    default="Webinars, conferences, workshops and live chats on social protection.",
)


def post_install(setup_tool):
    """Create the events section in every language root.

    Events the site has already get SocialHub's class, as new ones do.
    """
    ensure_section(SECTION_ID, SECTION_TITLE, ["Event"], SECTION_DESCRIPTION)
    upgrade_events(api.portal.get())


def pre_uninstall(setup_tool):
    """Refuse to uninstall while an add-on that needs this one is installed."""
    refuse_while_needed(PROFILE_ID)


def post_uninstall(setup_tool):
    """Make every event a plain Plone Event again; retire the sections.

    Events stay: the live ones, and their versions in CMFEditions' histories,
    get plone.app.contenttypes' class (the uninstall profile gives the FTI
    its class and behaviours back), and are reindexed without SocialHub's
    behaviour markers. Sections holding events become plain Folders, empty
    ones go (:func:`socialhub.core.uninstall.retire_sections`).
    """
    portal = api.portal.get()
    retire_sections(SECTION_ID)
    replace_classes(portal, {Event: PloneEvent}, converted=(Section,))
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Event"):
        brain._unrestrictedGetObject().reindexObject(idxs=["object_provides"])
