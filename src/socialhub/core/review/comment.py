"""A workflow transition with a comment, in the Classic UI.

The State menu sends "Send back" (and an organisation's "Reject") here: the
workflow policy refuses them without a comment (socialhub.policies), so the
menu cannot perform them in one click as it does the others. The form asks
for the comment, shows the policy's message next to the field when it is
missing, and performs the transition with it.
"""

from plone.base import PloneMessageFactory as PMF
from plone.z3cform.layout import wrap_form
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.statusmessages.interfaces import IStatusMessage
from socialhub.core import _
from socialhub.core.workflow import COMMENT_REQUIRED_MESSAGE
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import error
from z3c.form import field
from z3c.form import form
from z3c.form.interfaces import WidgetActionExecutionError
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import Invalid
from zope.schema.interfaces import RequiredMissing

import plone.api


class ITransitionComment(Interface):
    """The comment a transition needs."""

    comment = schema.Text(
        title=_("label_transition_comment", default="Comment"),
        description=_(
            "help_transition_comment",
            default="Tell the author why: they read it in the item's history.",
        ),
        required=True,
    )


#: An empty comment: the workflow policy's own message, next to the field.
CommentRequiredMessage = error.ErrorViewMessage(
    COMMENT_REQUIRED_MESSAGE,
    error=RequiredMissing,
    field=ITransitionComment["comment"],
)


class TransitionCommentForm(form.Form):
    """Performs ``workflow_action`` (a query parameter) with a comment."""

    fields = field.Fields(ITransitionComment)
    ignoreContext = True
    enableCSRFProtection = True

    def update(self):
        self.transition = self.available_transition()
        if self.transition is None:
            IStatusMessage(self.request).add(
                _(
                    "error_transition_not_available",
                    default="This change of state is not available here.",
                ),
                type="error",
            )
            self.request.response.redirect(self.context.absolute_url())
            return
        self.label = translate(
            self.transition["title"], domain="plone", context=self.request
        )
        self.description = self.context.Title()
        super().update()

    def render(self):
        if self.request.response.getStatus() in (301, 302):
            return ""
        return super().render()

    def available_transition(self):
        """The action info of the requested transition, if the user may do it."""
        workflow_action = self.request.form.get("workflow_action")
        workflow_tool = plone.api.portal.get_tool("portal_workflow")
        for action in workflow_tool.listActionInfos(object=self.context):
            if (
                action["category"] == "workflow"
                and action["allowed"]
                and action["id"] == workflow_action
            ):
                return action
        return None

    @property
    def action(self):
        """Posts back here, keeping the transition in the query string."""
        query = urlencode({"workflow_action": self.transition["id"]})
        return f"{self.request.getURL()}?{query}"

    @button.buttonAndHandler(
        _("label_confirm_transition", default="Confirm"), name="confirm"
    )
    def handle_confirm(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        workflow_tool = plone.api.portal.get_tool("portal_workflow")
        try:
            workflow_tool.doActionFor(
                self.context, self.transition["id"], comment=data["comment"]
            )
        except WorkflowException as exc:
            # The policy refuses a blank comment ("   "), which z3c.form keeps;
            # its message is translated already.
            raise WidgetActionExecutionError("comment", Invalid(str(exc))) from exc
        IStatusMessage(self.request).add(PMF("Item state changed."))
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(PMF("label_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


TransitionCommentView = wrap_form(TransitionCommentForm)
