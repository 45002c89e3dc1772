"""GET ``@review-queue``: the items waiting for review under the context.

Every item in a waiting state (``pending`` review, ``pending_verification``
of an actor), oldest submission first, with who submitted it, when and with
which comment. Parameters: ``portal_type`` and ``language`` (repeat for
several; default: every type and language), ``b_start``, ``b_size`` (default
25, at most 100). Only for reviewers; only what the reviewer may View.
"""

from plone import api
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.core.params import batch
from socialhub.core.params import Parameter
from socialhub.core.params import Parameters
from socialhub.core.params import ParsedBatch
from socialhub.core.workflow import last_transition
from zope.component import getMultiAdapter


WAITING_STATES = ("pending", "pending_verification")
PARAMETERS = Parameters(
    Parameter("portal_type", multiple=True),
    Parameter("language", multiple=True),
    *batch(),
)


class ReviewQueueGet(Service):
    """The review queue of a section, a language root or the site."""

    def reply(self):
        parameters = PARAMETERS.parse(self.request)
        query = {
            "path": "/".join(self.context.getPhysicalPath()),
            "review_state": list(WAITING_STATES),
        }
        if parameters["portal_type"]:
            query["portal_type"] = parameters["portal_type"]
        if parameters["language"]:
            query["Language"] = parameters["language"]
        catalog = api.portal.get_tool("portal_catalog")
        waiting = sorted(
            (self.entry(brain) for brain in catalog(query)),
            key=lambda entry: entry.pop("_submitted_at"),
        )
        batch = ParsedBatch(
            self.request, waiting, parameters["b_start"], parameters["b_size"]
        )
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": list(batch),
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def entry(self, brain):
        """A brain's summary with who submitted it, when, and the comment."""
        summary = getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
        submission = last_transition(brain.getObject())
        actor = submission.get("actor")
        user = api.user.get(userid=actor) if actor else None
        summary.update(
            {
                # Full precision for the order; ISO 8601 keeps seconds only.
                "_submitted_at": submission["time"].timeTime() if submission else 0,
                "review_state": brain.review_state,
                "language": brain.Language,
                "submitted": submission["time"].ISO8601() if submission else None,
                "submitted_by": {
                    "id": actor,
                    "fullname": (user.getProperty("fullname") if user else "") or actor,
                }
                if actor
                else None,
                "comment": submission.get("comments", ""),
            }
        )
        return summary
