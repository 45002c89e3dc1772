"""POST ``@workflow/<transition>``: nothing changes unless the transition may run.

plone.restapi's transition service saves the publication dates it is given
(``effective``, ``expires``) and dates the item before it asks the workflow
whether the transition may run; the error it then catches was answered 400
while the dates were committed, so an anonymous visitor could expire any
published item. Here the transition must be one the user may take on the
item, and dates may only be given by someone who may edit the item, before
plone.restapi's service runs. (A refused request commits nothing anyway:
:func:`socialhub.core.guard.publisher.refuse_changes`.)
"""

from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.workflow.transition import (
    WorkflowTransition as BaseWorkflowTransition,
)
from Products.CMFCore.permissions import ModifyPortalContent
from socialhub.core import _
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


#: The body properties that change the item's fields.
DATE_PROPERTIES = ("effective", "expires", "effectiveDate", "expirationDate")


class WorkflowTransition(BaseWorkflowTransition):
    """plone.restapi's transition, checked before it changes anything."""

    def reply(self):
        if self.transition is not None:
            self.check(json_body(self.request))
        return super().reply()

    def check(self, data):
        """Refuse an unknown transition, or dates from someone who may not edit."""
        if not isinstance(data.get("comment", ""), str):
            self.refuse_field(
                "comment", _("error_property_text", default="Give a text.")
            )
        if not isinstance(data.get("include_children", False), bool):
            self.refuse_field(
                "include_children",
                _("error_property_boolean", default="Give true or false."),
            )
        available = [
            transition["id"]
            for transition in self.wftool.getTransitionsFor(self.context)
        ]
        if self.transition not in available and not self.is_same_state(self.context):
            message = _(
                "error_transition_unavailable",
                default="The transition ${transition} is not available here; "
                "available: ${available}.",
                mapping={
                    "transition": self.transition,
                    "available": ", ".join(available) or "-",
                },
            )
            raise BadRequest(translate(message, context=self.request))
        dates = [name for name in DATE_PROPERTIES if name in data]
        if dates and not api.user.has_permission(ModifyPortalContent, obj=self.context):
            message = _(
                "error_transition_dates",
                default="Only those who may edit this item may set its "
                "publication dates (${fields}).",
                mapping={"fields": ", ".join(dates)},
            )
            raise Forbidden(translate(message, context=self.request))

    def refuse_field(self, name, message):
        raise BadRequest(
            [{"field": name, "message": translate(message, context=self.request)}]
        )
