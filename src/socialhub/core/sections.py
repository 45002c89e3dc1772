"""Section folders: one per plugin in every language root, e.g. /fr/publications.

A plugin's install handler calls :func:`ensure_section`; the sections of the
languages are linked as translations of each other and only accept the
plugin's own types. A section is a :class:`Section`, a folder that many
writers can fill at the same time.
"""

from Acquisition import aq_base
from contextlib import contextmanager
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.contentrules.engine.interfaces import IRuleAssignmentManager
from plone.dexterity.utils import createContentInContainer
from plone.folder.default import DefaultOrdering
from plone.supermodel import model
from socialhub.core.compat.plonefolder import use_default_ordering
from socialhub.core.content import change_class
from socialhub.core.content import Container
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.i18n import translate

import logging


SECTION_TYPE = "Section"
FOLDER_TYPE = "Folder"

logger = logging.getLogger("socialhub.core")


class ISection(model.Schema):
    """The schema of a Section: a folder with behaviours only."""


class Section(Container):
    """A folder of records that many writers fill at the same time.

    A section holds thousands of records, added concurrently over REST. A
    stock Dexterity folder writes two objects of its own at every add, and the
    ZODB cannot merge two concurrent writes of either (they have no conflict
    resolution), so concurrent adds to one folder fail with ConflictError:

    - plone.folder's default ordering appends every new id to a list stored on
      the folder. Nothing uses the order of a section's records (listings sort
      on dates and titles), so a section keeps none: it uses plone.folder's
      ``unordered`` ordering, which stores nothing (and refuses to reorder).
    - Dexterity reindexes a folder at every ContainerModifiedEvent, and CMF's
      full reindex first stamps the folder's modification date: every add
      rewrote the folder and its catalog entry. A section's modification date
      is the date of its own last edit instead: ``notifyModified`` leaves it
      alone and :func:`date_section_edit` dates the section's own edits.
    """

    # plone.folder's private ordering name (fenced:
    # socialhub.core.compat.plonefolder).
    _ordering = "unordered"

    def _setObject(self, id, object, *args, **kwargs):
        with self._records_changing():
            return super()._setObject(id, object, *args, **kwargs)

    def _delObject(self, id, *args, **kwargs):
        with self._records_changing():
            return super()._delObject(id, *args, **kwargs)

    def manage_renameObject(self, id, new_id, REQUEST=None):
        """Rename a record (the section's catalog entry does not change)."""
        with self._records_changing():
            return super().manage_renameObject(id, new_id, REQUEST)

    @contextmanager
    def _records_changing(self):
        # Renaming removes and adds: the flag is the outermost change's.
        changing = getattr(self, "_v_records_changing", False)
        self._v_records_changing = True
        try:
            yield
        finally:
            self._v_records_changing = changing

    def reindexObject(self, idxs=(), update_metadata=1, uid=None):
        """Reindex the section, except for a record added, removed or renamed.

        Dexterity reindexes a folder fully at the ContainerModifiedEvent of
        every addition, removal and renaming; nothing a section's catalog
        entry holds changes then (it is not re-dated, and keeps no order), so that
        reindex, a quarter of the cost of adding a record, is skipped.
        """
        if not idxs and getattr(self, "_v_records_changing", False):
            return
        super().reindexObject(list(idxs), update_metadata, uid)

    def notifyModified(self):
        """Leave the date alone: the section's records changed, not the section.

        CMF calls this at every full reindex, which Dexterity does when a
        record is added, renamed or removed (see the class).
        """


def date_section_edit(section, event):
    """Date an edit of the section itself (title, description, settings).

    Subscribed to the object-modified events of ``Section`` only, except the
    ContainerModifiedEvent its records' additions and removals fire.
    """
    if IContainerModifiedEvent.providedBy(event):
        return
    Container.notifyModified(section)
    section.reindexObject(idxs=["modified"])


def upgrade_section(section):
    """Make a section ready for concurrent writers; idempotent.

    A section created before :class:`Section` existed is a plain Dexterity
    Container with an order list: it gets the class (keeping its place among
    its siblings) and loses the list. Every section gets its storage of
    content-rule assignments, which plone.app.contentrules otherwise adds to
    a folder at the first add into it (concurrent first adds would both
    write the folder). Writes nothing for a section that is up to date.
    """
    IRuleAssignmentManager(section)
    folder = aq_base(section)
    if not isinstance(folder, Section):
        change_class(section, Section)
    use_default_ordering(folder)
    annotations = IAnnotations(section)
    for key in (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY):
        if key in annotations:
            del annotations[key]


def upgrade_sections():
    """Apply :func:`upgrade_section` to every section of the site."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=SECTION_TYPE):
        upgrade_section(brain._unrestrictedGetObject())


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
        if section is not None and section.portal_type == FOLDER_TYPE:
            # The section an uninstall left as a Folder because it held
            # content (socialhub.core.uninstall.retire_sections), or a
            # folder of that id made by hand: it becomes the section.
            aq_base(section).portal_type = SECTION_TYPE
            upgrade_section(section)
            section.reindexObject()
        elif section is not None and section.portal_type != SECTION_TYPE:
            logger.warning(
                "%s is a %s, not a section: left alone",
                "/".join(section.getPhysicalPath()),
                section.portal_type,
            )
            continue
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
        upgrade_section(section)
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


def section_types(section):
    """The types of a section's records: those it accepts, whoever looks.

    ``ISelectableConstrainTypes.getLocallyAllowedTypes`` lists only what the
    current user may add (nothing for a visitor): the section's setting is
    read instead, as :func:`ensure_section` makes it, else the types its FTI
    allows. The section page, the landing page and the relation pickers use it.
    """
    constraints = ISelectableConstrainTypes(section)
    fti = section.getTypeInfo()
    allowed = list(fti.allowed_content_types) if fti is not None else []
    if constraints.getConstrainTypesMode() == ENABLED:
        local = getattr(aq_base(section), "locally_allowed_types", None) or ()
        chosen = [name for name in local if name in allowed]
        if chosen:
            return chosen
    return allowed
