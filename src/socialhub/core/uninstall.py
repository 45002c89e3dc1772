"""What the uninstall profiles of the SocialHub add-ons share.

An add-on is uninstalled the way Plone's Add-ons control panel (and REST's
``@addons/<id>/uninstall``) does it: its ``uninstall`` profile is applied.
Its ``pre_handler`` refuses, before anything changes, when uninstalling would
break the site: while an add-on that needs it is installed
(:func:`refuse_while_needed`), or while content of its own types exists,
which would be left without a type and a class (:func:`refuse_while_content`).
Its ``post_handler`` removes the sections it created, or, when they hold
content, makes them plain Folders (:func:`retire_sections`), and gives
objects of SocialHub classes Plone's classes
(:func:`socialhub.core.storedclasses.replace_classes`).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.contenttypes.content import Folder
from plone.base.interfaces.constrains import ACQUIRE
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.base.utils import get_installer
from socialhub.core import _
from socialhub.core.compat.plonefolder import use_default_ordering
from socialhub.core.content import change_class
from socialhub.core.sections import FOLDER_TYPE
from socialhub.core.sections import language_roots
from socialhub.core.sections import Section
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate

import logging


logger = logging.getLogger("socialhub.core")


def _refuse(message):
    """Stop the uninstall with ``message``: nothing has changed yet."""
    text = translate(message, context=getRequest())
    logger.info("Uninstall refused: %s", text)
    raise BadRequest(text)


def _product(profile_id):
    return profile_id.split(":", 1)[0]


def installed_dependents(profile_id):
    """The SocialHub add-ons installed whose profile depends on ``profile_id``.

    The site profiles (``socialhub.profiles``) only gather the add-ons and
    are not counted. Sorted product ids, e.g. ``["socialhub.actors"]``.
    """
    setup_tool = api.portal.get_tool("portal_setup")
    installer = get_installer(api.portal.get())
    dependency = f"profile-{profile_id}"
    return sorted(
        _product(profile["id"])
        for profile in setup_tool.listProfileInfo()
        if profile["id"].startswith("socialhub.")
        and not profile["id"].startswith("socialhub.profiles:")
        and dependency in (profile.get("dependencies") or ())
        and installer.is_profile_installed(profile["id"])
    )


def refuse_while_needed(profile_id):
    """Refuse to uninstall ``profile_id``'s add-on while another one needs it."""
    dependents = installed_dependents(profile_id)
    if dependents:
        _refuse(
            _(
                "error_uninstall_needed",
                default="${addon} is needed by ${dependents}: uninstall those first.",
                mapping={
                    "addon": _product(profile_id),
                    "dependents": ", ".join(dependents),
                },
            )
        )


def refuse_while_content(product, portal_types):
    """Refuse to uninstall ``product`` while content of ``portal_types`` exists.

    Uninstalling removes the types; their items would stay without a type
    and with a class of the add-on, and break once its code is gone. The
    message names the types and how many items each has, in every language
    and every state.
    """
    catalog = api.portal.get_tool("portal_catalog")
    counts = []
    for portal_type in portal_types:
        count = len(catalog.unrestrictedSearchResults(portal_type=portal_type))
        if count:
            counts.append(f"{portal_type} ({count})")
    if counts:
        _refuse(
            _(
                "error_uninstall_content",
                default="${addon} cannot be uninstalled while the site has "
                "content of its types: ${counts}. Delete that content first.",
                mapping={"addon": product, "counts": ", ".join(counts)},
            )
        )


def section_to_folder(section):
    """Make a section a plain Folder, with its id, title, state and content.

    Its content is ordered as it was created; the folder accepts what a new
    Folder accepts (no constraint of its own).
    """
    folder = aq_base(section)
    # Dexterity reads the type from this attribute.
    folder.portal_type = FOLDER_TYPE
    change_class(section, Folder)
    folder = aq_parent(aq_inner(section))[folder.getId()]
    use_default_ordering(folder)
    ordering = folder.getOrdering()  # empty until each child is added to it
    children = sorted(
        (folder[child_id] for child_id in folder.objectIds(ordered=False)),
        key=lambda child: (child.created(), child.getId()),
    )
    for child in children:
        ordering.notifyAdded(child.getId())
        child.reindexObject(idxs=["getObjPositionInParent"])
    constraints = ISelectableConstrainTypes(folder)
    constraints.setConstrainTypesMode(ACQUIRE)
    constraints.setLocallyAllowedTypes([])
    constraints.setImmediatelyAddableTypes([])
    folder.reindexObject()
    return folder


def retire_sections(section_id):
    """Remove a plugin's sections, ``/<language>/<section_id>``, on uninstall.

    A section that holds nothing is deleted; one that holds content (e.g.
    Plone's Events) becomes a plain Folder (:func:`section_to_folder`), so
    that the content stays where it is, at the same address. Returns the
    folders made.
    """
    folders = []
    for root in language_roots().values():
        section = root.get(section_id)
        if section is None or not isinstance(aq_base(section), Section):
            continue
        if section.objectCount():
            folders.append(section_to_folder(section))
        else:
            api.content.delete(section, check_linkintegrity=False)
    return folders
