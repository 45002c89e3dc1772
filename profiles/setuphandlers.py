"""Post handlers of the site-level profiles."""

from plone import api
from plone.app.event.portlets.portlet_events import Assignment as EventsPortlet
from plone.app.event.portlets.portlet_events import IEventsPortlet
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.utils import get_installer
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from socialhub.core import _
from socialhub.profiles.democontent import load_demo_content
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.i18n import translate


def setup_languages(setup_tool):
    """Create a language root folder (``/en``, ``/fr``, ``/es``) per language.

    plone.app.multilingual creates them only for the languages configured when
    it is installed; this profile configures the languages afterwards
    (``registry.xml``), so it runs the same setup once more. Idempotent.
    """
    SetupMultilingualSite().setupSite(api.portal.get())


#: The name of plone.app.event's "Upcoming Events" portlet assignment.
EVENTS_PORTLET = "events"
EVENTS_PORTLET_COLUMN = "plone.rightcolumn"


#: The sections of a language root, in the order of its navigation.
SECTION_ORDER = ("publications", "actors", "initiatives", "courses", "events")


#: Record types Plone displays in its navigation by default, which
#: SocialHub's sections list instead: the navigation portlet of an event
#: listed every event of its section (at 300 items an event's page cost 1.6
#: times a Document's; the list grows with the section).
NOT_NAVIGATION = ("Event",)


def setup_site(setup_tool):
    """Post handler of the site profile: the navigation and the Upcoming
    Events of each language root (:func:`records_not_in_navigation`,
    :func:`order_sections`, :func:`assign_events_portlets`)."""
    portal = api.portal.get()
    records_not_in_navigation()
    order_sections(portal)
    assign_events_portlets(portal)


def records_not_in_navigation():
    """Take :data:`NOT_NAVIGATION` out of the navigation's displayed types
    (the registry's XML import can add list elements, not remove them)."""
    displayed = api.portal.get_registry_record("plone.displayed_types")
    wanted = tuple(name for name in displayed if name not in NOT_NAVIGATION)
    if wanted != tuple(displayed):
        api.portal.set_registry_record("plone.displayed_types", wanted)


def order_sections(portal):
    """Each language root's sections first, in :data:`SECTION_ORDER`: the
    order of its navigation. Sections not installed are skipped."""
    for root in _language_roots(portal):
        present = [section for section in SECTION_ORDER if section in root]
        for position, section in enumerate(present):
            root.moveObjectToPosition(section, position)


def assign_events_portlets(portal):
    """Upcoming Events per language root.

    plone.app.event assigns one "Upcoming Events" portlet to the site root,
    which every page inherits: it searches the whole site, so a French page
    listed English events, and its cache (keyed on the events found, not on
    the page's language) served one language's list, dates formatted for
    that language, to the others. Each language root gets its own portlet
    searching that root only (and SocialHub's renderer,
    :class:`socialhub.profiles.portlets.EventsRenderer`, finds its events for
    each page); the site-wide one goes. Idempotent.
    """
    site_mapping = portlet_assignments(portal, EVENTS_PORTLET_COLUMN)
    assignment = site_mapping.get(EVENTS_PORTLET)
    if IEventsPortlet.providedBy(assignment) and not assignment.search_base_uid:
        del site_mapping[EVENTS_PORTLET]
    for root in _language_roots(portal):
        mapping = portlet_assignments(root, EVENTS_PORTLET_COLUMN)
        if EVENTS_PORTLET not in mapping:
            mapping[EVENTS_PORTLET] = EventsPortlet(
                count=5, state=("published",), search_base_uid=root.UID()
            )


def _language_roots(portal):
    languages = api.portal.get_registry_record("plone.available_languages")
    return [portal[language] for language in languages if language in portal]


def portlet_assignments(context, column):
    """The portlets assigned to ``context`` itself in ``column``."""
    manager = getUtility(IPortletManager, name=column, context=context)
    return getMultiAdapter((context, manager), IPortletAssignmentMapping)


WELCOME_ID = "welcome"
WELCOME_TITLE = _("demo_welcome_title", default="Welcome to SocialHub")
WELCOME_DESCRIPTION = _(
    "demo_welcome_description",
    default=(
        "A multilingual knowledge platform for social policy: publications, "
        "organisations, initiatives, courses and events."
    ),
)


def create_demo_content(setup_tool):
    """Add the demo content to a site that has the SocialHub site profile.

    Content that exists already is left alone, so applying the profile twice
    changes nothing.
    """
    portal = api.portal.get()
    default_language = api.portal.get_registry_record("plone.default_language")
    languages = api.portal.get_registry_record("plone.available_languages")
    pages = {
        language: _welcome_page(portal[language], language) for language in languages
    }
    for language in languages:
        _introduce(portal[language], language)
    manager = ITranslationManager(pages[default_language])
    for language, page in pages.items():
        if language != default_language and not manager.has_translation(language):
            manager.register_translation(language, page)
    load_demo_content(portal)
    if get_installer(portal).is_product_installed("socialhub.hub"):
        from socialhub.hub.demo import create_demo_hub
        from socialhub.hub.invitations.demo import add_demo_invitation

        add_demo_invitation()
        create_demo_hub(portal)


def _introduce(language_root, language):
    """Give a language root without a description the demo's introduction.

    The root's landing page (socialhub.search's ``landing_view``) shows it
    under the site's title, above the sections.
    """
    if not language_root.Description():
        language_root.setDescription(
            translate(WELCOME_DESCRIPTION, target_language=language)
        )
        language_root.reindexObject(idxs=["Description"])


def _welcome_page(language_root, language):
    """The published welcome page of a language root, created if missing."""
    if WELCOME_ID in language_root:
        return language_root[WELCOME_ID]
    page = api.content.create(
        container=language_root,
        type="Document",
        id=WELCOME_ID,
        title=translate(WELCOME_TITLE, target_language=language),
        description=translate(WELCOME_DESCRIPTION, target_language=language),
        language=language,
    )
    api.content.transition(obj=page, to_state="published")
    return page
