"""Section folders: one per plugin in every language root, e.g. /fr/publications.

A plugin's install handler calls :func:`ensure_section`; the sections of the
languages are linked as translations of each other and only accept the
plugin's own types.
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model
from zope.i18n import translate


SECTION_TYPE = "Section"


class ISection(model.Schema):
    """The schema of a Section: a folder with behaviours only."""


def language_roots():
    """``{language: container}``: the language root folders of the site.

    A site without plone.app.multilingual's root folders gives its portal for
    its default language, so a plugin installed alone still gets its section.
    """
    portal = api.portal.get()
    languages = api.portal.get_registry_record("plone.available_languages", default=[])
    roots = {code: portal[code] for code in languages if code in portal.objectIds()}
    if roots:
        return roots
    default = api.portal.get_registry_record("plone.default_language", default="en")
    return {default: portal}


def ensure_section(section_id, title, addable_types, description=None):
    """Create the section ``section_id`` in every language root unless it exists.

    ``title`` and ``description`` are messages of the ``socialhub`` domain,
    translated into each root's language. The section accepts only
    ``addable_types``; it is published and linked to its translations.
    Returns ``{language: section}``. Idempotent.
    """
    sections = {}
    for language, root in language_roots().items():
        section = root.get(section_id)
        if section is None:
            # Sections are not addable by hand (global_allow is off).
            section = createContentInContainer(
                root,
                SECTION_TYPE,
                checkConstraints=False,
                id=section_id,
                title=translate(title, target_language=language),
                description=translate(description, target_language=language)
                if description
                else "",
                language=language,
            )
            _publish(section)
        _allow_only(section, addable_types)
        sections[language] = section
    _link_translations(sections)
    return sections


def _allow_only(section, portal_types):
    constraints = ISelectableConstrainTypes(section)
    constraints.setConstrainTypesMode(ENABLED)
    constraints.setLocallyAllowedTypes(list(portal_types))
    constraints.setImmediatelyAddableTypes(list(portal_types))


def _publish(section):
    transitions = {
        transition["id"]
        for transition in api.portal.get_tool("portal_workflow").getTransitionsFor(
            section
        )
    }
    if "publish" in transitions:
        api.content.transition(obj=section, transition="publish")


def _link_translations(sections):
    if len(sections) < 2:
        return
    default = api.portal.get_registry_record("plone.default_language", default="en")
    canonical = sections.get(default) or next(iter(sections.values()))
    manager = ITranslationManager(canonical)
    for language, section in sections.items():
        if section is not canonical and not manager.has_translation(language):
            manager.register_translation(language, section)
