"""Verifying an organisation records who verified it and when."""

from DateTime import DateTime
from plone import api
from socialhub.actors.behaviors.verification import DEFAULT_METHOD


#: The workflow of organisations (socialhub.policies:default binds it).
VERIFICATION_WORKFLOW = "socialhub_verification_workflow"


def record_verification(obj, event):
    """Record who verified an organisation and when; a revocation clears it."""
    if event.transition is None or event.workflow.getId() != VERIFICATION_WORKFLOW:
        return
    transition = event.transition.getId()
    if transition == "verify":
        obj.verified_by = api.user.get_current().getId()
        obj.verified_on = DateTime().asdatetime()
        if not getattr(obj, "verification_method", None):
            obj.verification_method = DEFAULT_METHOD
    elif transition == "revoke":
        obj.verified_by = None
        obj.verified_on = None
