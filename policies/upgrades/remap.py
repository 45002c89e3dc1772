"""Keep content in a valid state when its workflow changes.

Changing the chain of a type (by importing ``workflows.xml`` from a profile or
an upgrade step) does not touch the content: each item keeps, in its
``workflow_history``, the status of its former workflow and has none in the
new one, so it would read as the new workflow's initial state while its
permissions still are those of its former state. :func:`remap_content` gives
each item the state of the new workflow mapped from its former state
(``published`` stays ``published`` and so on), applies that state's
permissions and reindexes it.

GenericSetup imports ``workflows.xml`` before a profile's post_handler runs,
so the former chain is no longer known there: the former state is read from
the history instead (the workflow whose last entry is the newest). An
upgrade step that changes the chain *in code* may call
:func:`rebind_with_remap`, which is ``plone.app.workflow.remap.remap_workflow``
(the "Types" control panel's helper): it knows the former chain because it
changes it itself.

Usage in an upgrade step (``upgrades/configure.zcml``)::

    def upgrade_1000_to_1001(context):
        context.runImportStepFromProfile(PROFILE, "workflows")
        remap_content(api.portal.get(), ["Publication"], {"visible": "published"})
"""

from DateTime import DateTime
from plone import api
from plone.app.workflow.remap import remap_workflow
from Products.DCWorkflow.utils import modifyRolesForPermission

import logging
import transaction


logger = logging.getLogger("socialhub.policies")

SAVEPOINT_EVERY = 100
REMAP_COMMENT = "State mapped from {workflow} ({state}) on a workflow change"


def current_workflow_state(obj, workflow_tool):
    """``(workflow_id, state)`` of the newest entry in ``obj``'s history.

    ``(None, None)`` for an item without history.
    """
    newest = (None, None, None)
    for workflow_id, history in getattr(obj, "workflow_history", {}).items():
        if not history:
            continue
        entry = history[-1]
        time = entry.get("time")
        if newest[0] is None or (time is not None and time >= newest[2]):
            newest = (workflow_id, entry.get("review_state"), time)
    return newest[0], newest[1]


def remap_object(obj, state_map=None, workflow_tool=None):
    """Put ``obj`` in a valid state of each workflow of its chain.

    Nothing happens when the newest history entry already belongs to a
    workflow of the chain. Otherwise the former state is mapped through
    ``state_map`` (``{former_state: new_state}``); a state with the same id
    in the new workflow is kept; anything else becomes the initial state.
    Permissions only the former workflow managed go back to acquiring.
    Returns True when the item was remapped.
    """
    state_map = state_map or {}
    workflow_tool = workflow_tool or api.portal.get_tool("portal_workflow")
    chain = workflow_tool.getChainFor(obj)
    if not chain:
        return False
    old_id, old_state = current_workflow_state(obj, workflow_tool)
    if old_id in chain:
        return False
    new_permissions = set()
    for workflow_id in chain:
        new_permissions.update(workflow_tool[workflow_id].permissions)
    old_workflow = workflow_tool.get(old_id) if old_id else None
    if old_workflow is not None:
        for permission in old_workflow.permissions:
            if permission not in new_permissions:
                # An empty list makes the permission acquired again.
                modifyRolesForPermission(obj, permission, [])
    for workflow_id in chain:
        workflow = workflow_tool[workflow_id]
        new_state = state_map.get(old_state)
        if new_state is None:
            new_state = (
                old_state if old_state in workflow.states else workflow.initial_state
            )
        workflow_tool.setStatusOf(
            workflow_id,
            obj,
            {
                "action": None,
                "actor": None,
                "comments": REMAP_COMMENT.format(workflow=old_id, state=old_state),
                "review_state": new_state,
                "time": DateTime(),
            },
        )
        workflow.updateRoleMappingsFor(obj)
    obj.reindexObject(idxs=["allowedRolesAndUsers", "review_state"])
    return True


def remap_content(portal, type_ids, state_map=None):
    """Remap every item of ``type_ids`` (see :func:`remap_object`).

    Returns how many items were remapped.
    """
    catalog = api.portal.get_tool("portal_catalog")
    workflow_tool = api.portal.get_tool("portal_workflow")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=list(type_ids)):
        obj = brain._unrestrictedGetObject()
        if remap_object(obj, state_map, workflow_tool):
            count += 1
            if count % SAVEPOINT_EVERY == 0:
                transaction.savepoint(optimistic=True)
    logger.info("Remapped %d items of %s to their new workflow", count, type_ids)
    return count


def rebind_with_remap(portal, type_ids, chain, state_map=None):
    """Bind ``type_ids`` to ``chain`` and remap their content, in code.

    ``chain`` is a tuple of workflow ids or ``None`` for the default chain;
    ``plone.app.workflow.remap.remap_workflow`` does the work.
    """
    return remap_workflow(portal, tuple(type_ids), chain, state_map or {})


def update_verification_role_mappings(context=None):
    """Map the permissions of the verification workflow's states anew on its content.

    For a change of the permission maps of ``socialhub_verification_workflow``
    (importing a workflow does not touch existing content). Returns how many
    items were updated.
    """
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow = workflow_tool["socialhub_verification_workflow"]
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    # Organisations (socialhub.policies.setuphandlers.VERIFIED_TYPES).
    for brain in catalog.unrestrictedSearchResults(portal_type=["Actor"]):
        obj = brain._unrestrictedGetObject()
        if workflow.getId() in workflow_tool.getChainFor(obj):
            workflow.updateRoleMappingsFor(obj)
            obj.reindexObject(idxs=["allowedRolesAndUsers"])
            count += 1
    return count
