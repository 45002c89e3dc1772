"""The review queue in the Classic UI (``@@review-queue``).

What waits for a reviewer (the logic of the REST ``@review-queue``:
:func:`socialhub.core.workflow.waiting_items`), with each item's
transitions: the ones that need no comment (publish, verify) are buttons
that post back here; the ones that need a comment open the comment form.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from socialhub.core import _
from socialhub.core.workflow import waiting_items
from zope.i18n import translate


#: The Classic UI form of the transitions that need a comment; the workflow
#: definitions point their action URL at it.
COMMENT_FORM = "@@transition-with-comment"


class ReviewQueueView(BrowserView):
    """Lists the items waiting for review under the context, oldest first."""

    def __call__(self):
        if self.request.method == "POST":
            self.change_state()
            return self.request.response.redirect(self.url)
        return self.index()

    @property
    def url(self):
        return f"{self.context.absolute_url()}/@@review-queue"

    def items(self):
        """One dict per waiting item, ready for the template."""
        return [self.row(item) for item in waiting_items(self.context)]

    def row(self, item):
        brain = item.brain
        obj = brain.getObject()
        submitter = item.submitted_by
        return {
            "title": brain.Title,
            "url": brain.getURL(),
            "type_title": self.type_title(brain.portal_type),
            "language": brain.Language,
            "state_title": self.state_title(obj),
            "submitted": api.portal.get_localized_time(
                item.submitted_at, long_format=True
            )
            if item.submitted_at
            else "",
            "submitted_by": submitter["fullname"] if submitter else "",
            "comment": item.comment,
            "uid": brain.UID,
            "transitions": self.transitions(obj),
        }

    def type_title(self, portal_type):
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        if fti is None:
            return portal_type
        return translate(fti.Title(), domain=fti.i18n_domain, context=self.request)

    def state_title(self, obj):
        workflow_tool = api.portal.get_tool("portal_workflow")
        title = workflow_tool.getTitleForStateOnType(
            api.content.get_state(obj), obj.portal_type
        )
        return translate(title, domain="plone", context=self.request)

    def transitions(self, obj):
        """The transitions the reviewer may do: id, title, and the comment
        form's URL for those that need a comment (None for the others)."""
        workflow_tool = api.portal.get_tool("portal_workflow")
        found = []
        for action in workflow_tool.listActionInfos(object=obj):
            if action["category"] != "workflow" or not action["allowed"]:
                continue
            url = action["url"]
            found.append(
                {
                    "id": action["id"],
                    "title": translate(
                        action["title"], domain="plone", context=self.request
                    ),
                    "form_url": url if f"/{COMMENT_FORM}" in url else None,
                }
            )
        return found

    def change_state(self):
        """Performs the posted transition (one without a comment) on the
        posted item, and says how it went in a status message."""
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        uid = self.request.form.get("uid", "")
        workflow_action = self.request.form.get("workflow_action", "")
        obj = api.content.get(UID=uid) if uid else None
        allowed = {
            transition["id"]
            for transition in (self.transitions(obj) if obj is not None else ())
            if transition["form_url"] is None
        }
        if workflow_action not in allowed:
            messages.add(
                _(
                    "error_transition_not_available",
                    default="This change of state is not available here.",
                ),
                type="error",
            )
            return
        try:
            api.portal.get_tool("portal_workflow").doActionFor(obj, workflow_action)
        except WorkflowException as exc:
            messages.add(str(exc), type="error")
            return
        messages.add(
            _(
                "message_review_queue_state_changed",
                default="${title}: ${state}",
                mapping={"title": obj.Title(), "state": self.state_title(obj)},
            )
        )
