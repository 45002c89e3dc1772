"""Workflow rules that DCWorkflow guards cannot express.

Sending content back (``reject``) needs a comment: the author reads it in
the review history. A guard cannot see the comment, which plone.restapi
passes to ``doActionFor`` (``POST @workflow/reject {"comment": ...}``): a
subscriber to the before-transition event refuses it. The
``WorkflowException`` becomes a 400 answer of ``@workflow``.

(Verifying an organisation records who and when:
:mod:`socialhub.actors.subscribers`.)
"""

from Products.CMFCore.WorkflowCore import WorkflowException
from socialhub.core.workflow import COMMENT_REQUIRED_MESSAGE
from zope.globalrequest import getRequest
from zope.i18n import translate


REVIEW_WORKFLOW = "socialhub_review_workflow"
VERIFICATION_WORKFLOW = "socialhub_verification_workflow"

# (workflow, transition) pairs that need a comment.
COMMENT_REQUIRED = frozenset(
    {(REVIEW_WORKFLOW, "reject"), (VERIFICATION_WORKFLOW, "reject")}
)


def _key(event):
    if event.transition is None:
        return None
    return (event.workflow.getId(), event.transition.getId())


def require_comment(obj, event):
    """Refuse a transition of ``COMMENT_REQUIRED`` without a comment."""
    if _key(event) not in COMMENT_REQUIRED:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    if not comment.strip():
        raise WorkflowException(
            translate(COMMENT_REQUIRED_MESSAGE, context=getRequest())
        )
