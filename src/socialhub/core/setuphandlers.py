"""Install-time helpers shared by the SocialHub plugins."""

from plone import api
from plone.app.contenttypes.content import Folder
from plone.base.interfaces import INonInstallable
from Products.ZCTextIndex.OkapiIndex import OkapiIndex
from socialhub.core.compat.genericsetup import profile_infos
from socialhub.core.errors import ignore_client_errors
from socialhub.core.errors import record_client_errors
from socialhub.core.sections import Section
from socialhub.core.sections import SECTION_TYPE
from socialhub.core.sections import upgrade_sections
from socialhub.core.storedclasses import replace_classes
from socialhub.core.textpostings import MergeableOkapiIndex
from socialhub.core.textpostings import use_mergeable_postings
from socialhub.core.textpostings import use_stock_postings
from socialhub.core.transforms import use_linear_html_to_text
from socialhub.core.transforms import use_stock_html_to_text
from socialhub.core.uidgenerator import restore_counter_generator
from socialhub.core.uninstall import refuse_while_needed
from socialhub.core.uninstall import section_to_folder
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep every SocialHub ``uninstall`` profile out of the add-on lists.

    Plone shows an add-on's uninstall profile as something to install unless
    it is hidden; one utility covers the whole suite, plugins need none.
    """

    def getNonInstallableProfiles(self):
        return [
            profile["id"]
            for profile in profile_infos()
            if profile["id"].startswith("socialhub.")
            and profile["id"].endswith(":uninstall")
        ]

    def getNonInstallableProducts(self):
        return []


PROFILE_ID = "socialhub.core:default"
TRANSLATOR_ROLE = "Translator"
TRANSLATORS_GROUP = "translators"
# The site-level profiles that gather the suite: once the core is gone, the
# suite is no longer installed (the languages stay configured).
SUITE_PROFILES = ("socialhub.profiles:site", "socialhub.profiles:demo")


def post_install(setup_tool):
    """Create the "translators" group; prepare the site for concurrent writers.

    Members of the group have the Translator role. Sections created before
    :class:`socialhub.core.sections.Section` get its class and lose their
    order list; the catalog's text indexes keep postings that concurrent
    writers can both update (:mod:`socialhub.core.textpostings`); HTML is
    turned into text in linear time (:mod:`socialhub.core.transforms`). The
    site's error log keeps tracebacks of server errors only
    (:func:`socialhub.core.errors.ignore_client_errors`).
    """
    upgrade_sections()
    use_mergeable_postings()
    use_linear_html_to_text()
    ignore_client_errors(api.portal.get().error_log)
    if api.group.get(groupname=TRANSLATORS_GROUP) is None:
        api.group.create(
            groupname=TRANSLATORS_GROUP,
            title="Translators",
            description="Create and edit translations; reviewers publish them.",
            roles=[TRANSLATOR_ROLE],
        )
    else:  # kept with its members by an uninstall
        api.group.grant_roles(groupname=TRANSLATORS_GROUP, roles=[TRANSLATOR_ROLE])


def pre_uninstall(setup_tool):
    """Refuse to uninstall while a SocialHub add-on that needs the core is installed."""
    refuse_while_needed(PROFILE_ID)


def post_uninstall(setup_tool):
    """Give back what the core changed in Plone's tools, classes and security.

    Sections left over become plain Folders (each plugin has removed or
    converted its own). CMFUid's restored counter counts on from the ids it
    gave before; the text indexes get ZCTextIndex's own Okapi index back; no
    stored reference names a SocialHub class any more. The Translator role
    goes, from the site, the "translators" group (deleted when it has no
    members) and the local roles of folders. Sections are searchable types
    again; the error log records client errors again; portal_transforms
    gets Plone's ``html_to_text`` back.
    """
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=SECTION_TYPE):
        section_to_folder(brain._unrestrictedGetObject())
    restore_counter_generator(portal)
    use_stock_postings()
    record_client_errors(portal.error_log)
    use_stock_html_to_text()
    replace_classes(
        portal,
        {Section: Folder, MergeableOkapiIndex: OkapiIndex},
        converted=(Section, MergeableOkapiIndex),
    )
    remove_translator_role(portal)
    not_searched = api.portal.get_registry_record("plone.types_not_searched")
    api.portal.set_registry_record(
        "plone.types_not_searched",
        tuple(name for name in not_searched if name != SECTION_TYPE),
    )
    for profile_id in SUITE_PROFILES:
        if setup_tool.getLastVersionForProfile(profile_id) != "unknown":
            setup_tool.unsetLastVersionForProfile(profile_id)


def remove_translator_role(portal):
    """Remove the Translator role from the site, its principals and folders.

    The "translators" group goes when it has no members; with members it
    stays, without the role (installing the core again gives it back).
    """
    group = api.group.get(groupname=TRANSLATORS_GROUP)
    if group is not None and not group.getGroupMemberIds():
        api.group.delete(groupname=TRANSLATORS_GROUP)
    role_manager = portal.acl_users.portal_role_manager
    if TRANSLATOR_ROLE in role_manager.listRoleIds():
        # Also takes the role from the principals that have it.
        role_manager.removeRole(TRANSLATOR_ROLE)
    if TRANSLATOR_ROLE in portal.__ac_roles__:
        # Zope's own way to delete a role of the site (the Security tab's).
        portal._delRoles([TRANSLATOR_ROLE])
    catalog = api.portal.get_tool("portal_catalog")
    folders = [portal] + [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(is_folderish=True)
    ]
    for folder in folders:
        if _remove_local_role(folder, TRANSLATOR_ROLE) and folder is not portal:
            folder.reindexObjectSecurity()


def _remove_local_role(obj, role):
    """Take ``role`` from every principal's local roles on ``obj``."""
    changed = False
    for principal, roles in obj.get_local_roles():
        if role in roles:
            remaining = [name for name in roles if name != role]
            if remaining:
                obj.manage_setLocalRoles(principal, remaining)
            else:
                obj.manage_delLocalRoles([principal])
            changed = True
    return changed
