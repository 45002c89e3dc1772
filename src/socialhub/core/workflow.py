"""Reading an item's workflow history."""

from plone import api


def last_transition(item):
    """The history entry of the transition that put ``item`` in its state.

    A dict with ``action``, ``actor``, ``time``, ``comments`` and
    ``review_state``; empty for an item without workflow history.
    """
    workflow_tool = api.portal.get_tool("portal_workflow")
    for workflow in workflow_tool.getWorkflowsFor(item):
        history = item.workflow_history.get(workflow.getId(), ())
        if history:
            return history[-1]
    return {}
