"""GET ``@review-queue``: the items waiting for review under the context.

Every item in a waiting state (``pending`` review, ``pending_verification``
of an actor), oldest submission first, with who submitted it, when and with
which comment. Parameters: ``portal_type`` and ``language`` (repeat for
several; default: every type and language), ``b_start``, ``b_size`` (default
25, at most 100). Only for reviewers; only what the reviewer may View.
"""

from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.core.params import batch
from socialhub.core.params import Parameter
from socialhub.core.params import Parameters
from socialhub.core.params import ParsedBatch
from socialhub.core.workflow import waiting_items
from zope.component import getMultiAdapter


PARAMETERS = Parameters(
    Parameter("portal_type", multiple=True),
    Parameter("language", multiple=True),
    *batch(),
)


class ReviewQueueGet(Service):
    """The review queue of a section, a language root or the site."""

    def reply(self):
        parameters = PARAMETERS.parse(self.request)
        waiting = [
            self.entry(item)
            for item in waiting_items(
                self.context,
                portal_types=parameters["portal_type"],
                languages=parameters["language"],
            )
        ]
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

    def entry(self, item):
        """A waiting item's summary with who submitted it, when, and the comment."""
        summary = getMultiAdapter((item.brain, self.request), ISerializeToJsonSummary)()
        summary.update(
            {
                "review_state": item.brain.review_state,
                "language": item.brain.Language,
                "submitted": item.submitted_at.ISO8601() if item.submitted_at else None,
                "submitted_by": item.submitted_by,
                "comment": item.comment,
            }
        )
        return summary
