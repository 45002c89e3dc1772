"""GET ``@invitations``: every invitation, newest first (secretariat only).

On a language root, the invitations in its language; on the site root, all.
Parameters: ``status`` (sent, claimed, declined, expired; repeat for
several), ``b_start``, ``b_size`` (default 25, at most 100).
"""

from plone.restapi.services import Service
from socialhub.core.params import batch
from socialhub.core.params import Choice
from socialhub.core.params import Parameters
from socialhub.core.params import ParsedBatch
from socialhub.hub.invitations import storage
from socialhub.hub.invitations.serialize import listed_invitations
from socialhub.hub.invitations.serialize import serialize


PARAMETERS = Parameters(Choice("status", storage.STATUSES, multiple=True), *batch())


class InvitationsGet(Service):
    """The invitations of the site or of a language root."""

    def reply(self):
        parameters = PARAMETERS.parse(self.request)
        found = listed_invitations(self.context, parameters["status"])
        invitations = ParsedBatch(
            self.request, found, parameters["b_start"], parameters["b_size"]
        )
        result = {
            "@id": invitations.canonical_url,
            "items_total": invitations.items_total,
            "items": [serialize(record) for record in invitations],
        }
        if invitations.links:
            result["batching"] = invitations.links
        return result
