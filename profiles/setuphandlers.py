"""Post handlers of the site-level profiles."""

from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.multilingual.interfaces import ITranslationManager
from socialhub.core import _
from socialhub.profiles.democontent import load_demo_content
from zope.i18n import translate


def setup_languages(setup_tool):
    """Create a language root folder (``/en``, ``/fr``, ``/es``) per language.

    plone.app.multilingual creates them only for the languages configured when
    it is installed; this profile configures the languages afterwards
    (``registry.xml``), so it runs the same setup once more. Idempotent.
    """
    SetupMultilingualSite().setupSite(api.portal.get())


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
