"""``@verification`` on an organisation: its status and history; verify, reject, revoke.

GET (whoever may View the organisation): ``status`` (``verified``,
``expired`` or the workflow state), ``verified_on``, ``expires``,
``expired``; ``items`` is the history for those who may review it
(reviewers, managers, the verifiers of partners covering it: everything) and
for its owners (without the verifier's person and reference); others get no
history. Also the expandable element ``verification`` of the organisation.

POST ``{"action", "method", "reference", "reason", "expires"}`` (verifiers in
scope, reviewers, managers): ``verify`` or ``reject`` a pending organisation,
``revoke`` or ``reverify`` a verified one; ``reason`` is required to reject
and revoke; ``expires`` (a date, default today + the validity) only for
verify and reverify.
"""

from datetime import date
from datetime import datetime
from datetime import UTC
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.interfaces import IExpandableElement
from plone.restapi.services import Service
from socialhub.actors.behaviors.verification import VERIFICATION_METHODS
from socialhub.actors.content.actor import IActor
from socialhub.core import _
from socialhub.core.errors import refuse_field
from socialhub.hub.interfaces import IHubLayer
from socialhub.hub.verification import history
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.component import adapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer


REVIEW = "Review portal content"
#: The workflow transition of each action (reverify keeps the state).
TRANSITIONS = {"verify": "verify", "reject": "reject", "revoke": "revoke"}
REFERENCE_MAX = 200
REASON_MAX = 2000


def may_review(actor):
    """Whether the current user may verify, reject or revoke ``actor``."""
    return api.user.has_permission(REVIEW, obj=actor)


def is_owner(actor):
    """Whether the current user owns ``actor`` (locally)."""
    user = api.user.get_current()
    return "Owner" in (user.getRolesInContext(actor) or ())


def verification_info(actor, request, with_history):
    """The JSON of ``@verification`` for the current user."""
    info = {"@id": f"{actor.absolute_url()}/@verification", **history.status(actor)}
    if with_history:
        if may_review(actor):
            info["items"] = [history.serialize(r) for r in history.history(actor)]
        elif is_owner(actor):
            info["items"] = [
                history.serialize(r, full=False) for r in history.history(actor)
            ]
    return info


@implementer(IExpandableElement)
@adapter(IActor, IHubLayer)
class Verification:
    """The ``verification`` component of an organisation (history when expanded)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        return {"verification": verification_info(self.context, self.request, expand)}


class VerificationGet(Service):
    """GET ``@verification``."""

    def reply(self):
        return verification_info(self.context, self.request, True)


class VerificationPost(Service):
    """POST ``@verification``: a verification decision."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        Decision(self.context, self.request).apply(data)
        return verification_info(self.context, self.request, True)


class Decision:
    """Check and apply one verification decision (REST and the Classic UI form)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def apply(self, data):
        """403 unless the user may review, 400 naming a wrong field, else decide."""
        actor = self.context
        if not may_review(actor):
            raise Forbidden(
                self.translate(
                    _(
                        "error_verification_forbidden",
                        default="You may not verify this organisation: it is not "
                        "in the scope of your verification partner.",
                    )
                )
            )
        if not isinstance(data, dict):
            raise BadRequest(
                self.translate(
                    _(
                        "error_json_object",
                        default=("The request body must be a JSON object."),
                    )
                )
            )
        decision = self.validate(data)
        action = decision["action"]
        history.pending_details(
            self.request,
            method=decision["method"],
            reference=decision["reference"],
            expires=decision["expires"],
        )
        if action == "reverify":
            history.append_record(actor, "reverify")
            actor.reindexObject()
        else:
            api.content.transition(
                obj=actor, transition=TRANSITIONS[action], comment=decision["reason"]
            )
        return decision

    def translate(self, message):
        return translate(message, context=self.request)

    def field_error(self, field, message):
        refuse_field(field, message, self.request)

    def validate(self, data):
        """The decision, or 400 naming the first wrong field."""
        unknown = sorted(
            set(data) - {"action", "method", "reference", "reason", "expires"}
        )
        if unknown:
            self.field_error(
                unknown[0],
                _("error_unknown_property", default="Unknown property."),
            )
        action = data.get("action")
        if action not in history.ACTIONS:
            self.field_error(
                "action",
                _(
                    "error_verification_action",
                    default="Choose one of: verify, reject, revoke, reverify.",
                ),
            )
        allowed = self.allowed_actions()
        if action not in allowed:
            self.field_error(
                "action",
                _(
                    "error_verification_action_state",
                    default='This organisation cannot be given "${action}" in '
                    "its current state.",
                    mapping={"action": action},
                ),
            )
        method = data.get("method") or None
        if method is not None and method not in dict(VERIFICATION_METHODS):
            self.field_error(
                "method",
                _("error_verification_method", default="Unknown verification method."),
            )
        reference = data.get("reference")
        reference = "" if reference is None else reference
        if not isinstance(reference, str) or len(reference) > REFERENCE_MAX:
            self.field_error(
                "reference",
                _(
                    "error_verification_reference",
                    default="The reference is a text of at most 200 characters.",
                ),
            )
        reason = data.get("reason")
        reason = "" if reason is None else reason
        if not isinstance(reason, str) or len(reason) > REASON_MAX:
            self.field_error(
                "reason",
                _(
                    "error_verification_reason_text",
                    default="The reason is a text of at most 2000 characters.",
                ),
            )
        if action in ("reject", "revoke") and not reason.strip():
            self.field_error(
                "reason",
                _(
                    "error_verification_reason_required",
                    default="Say why: a reason is required to reject or revoke.",
                ),
            )
        expires = self.expiry(data.get("expires"), action)
        return {
            "action": action,
            "method": method,
            "reference": reference.strip(),
            "reason": reason.strip(),
            "expires": expires,
        }

    def expiry(self, value, action):
        if value in (None, ""):
            return None
        problem = _(
            "error_verification_expires",
            default="The expiry is a future date (YYYY-MM-DD), only to verify or "
            "reverify.",
        )
        if not isinstance(value, str) or action not in ("verify", "reverify"):
            self.field_error("expires", problem)
        try:
            day = date.fromisoformat(value[:10]) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None or day <= date.today():
            self.field_error("expires", problem)
        return datetime(day.year, day.month, day.day, tzinfo=UTC)

    def allowed_actions(self):
        state = api.content.get_state(self.context, default=None)
        workflow = api.portal.get_tool("portal_workflow")
        available = {t["id"] for t in workflow.getTransitionsFor(self.context)}
        allowed = {a for a, t in TRANSITIONS.items() if t in available}
        if state == "verified":
            allowed.add("reverify")
        return allowed
