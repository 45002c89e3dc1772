"""Reading an item's workflow history; what waits for a reviewer."""

from dataclasses import dataclass
from plone import api
from socialhub.core import _


#: The states in which an item waits for a reviewer: ``pending`` review of
#: the editorial workflow, ``pending_verification`` of an organisation.
WAITING_STATES = ("pending", "pending_verification")

#: Said when a transition that needs a comment (sending back, rejecting) is
#: asked for without one: by the workflow policy (socialhub.policies), over
#: REST and in the Classic UI's comment form.
COMMENT_REQUIRED_MESSAGE = _(
    "error_comment_required",
    default="A comment is required to reject: tell the author why.",
)


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


@dataclass(frozen=True)
class WaitingItem:
    """An item waiting for review: its catalog brain and its submission.

    ``submission`` is the history entry of the transition that put it in its
    waiting state (see :func:`last_transition`), empty if it has none.
    """

    brain: object
    submission: dict

    @property
    def submitted_at(self):
        """The submission's time (a ``DateTime``), or None."""
        return self.submission.get("time")

    @property
    def submitted_by(self):
        """``{"id", "fullname"}`` of who submitted it, or None."""
        actor = self.submission.get("actor")
        if not actor:
            return None
        user = api.user.get(userid=actor)
        fullname = user.getProperty("fullname") if user is not None else ""
        return {"id": actor, "fullname": fullname or actor}

    @property
    def comment(self):
        """The comment given with the submission ("" if none)."""
        return self.submission.get("comments", "")


def waiting_items(context, portal_types=(), languages=()):
    """The items under ``context`` waiting for review, oldest submission first.

    Only what the current user may View (a catalog query); ``portal_types``
    and ``languages`` narrow the query when given.
    """
    query = {
        "path": "/".join(context.getPhysicalPath()),
        "review_state": list(WAITING_STATES),
    }
    if portal_types:
        query["portal_type"] = list(portal_types)
    if languages:
        query["Language"] = list(languages)
    catalog = api.portal.get_tool("portal_catalog")
    waiting = [
        WaitingItem(brain, last_transition(brain.getObject()))
        for brain in catalog(query)
    ]
    # Full precision for the order; ISO 8601 keeps seconds only.
    return sorted(
        waiting,
        key=lambda item: item.submitted_at.timeTime() if item.submitted_at else 0,
    )
