"""POST ``@claim-request``: ask to manage an entry a registration collided with.

``{claim_token, name, email, message}``: the claim token of a 409 answer of
``@register-organisation`` (it names the entries without showing them). The
secretariat (reviewers) and the entries' owners are mailed; the request
says nothing of the entries. 202; 400 for bad input or token, 410 for an
expired or used token, 429 for a client that asks too often.
"""

from socialhub.core import _
from socialhub.core.tokens import TokenError
from socialhub.hub.registration import registration
from socialhub.hub.registration.restapi import JSONPostService


class ClaimRequestPost(JSONPostService):
    """Send a claim request to the secretariat and the owners."""

    def reply(self):
        values, errors = registration.check_claim(self.body())
        if errors:
            self.refuse(errors)
        try:
            registration.request_claim(self.request, values)
        except TokenError as error:
            self.refuse_token(error)
        self.request.response.setStatus(202)
        return {
            "message": self.translate(
                _(
                    "claim_request_sent",
                    default="Your request was sent. The secretariat will check it "
                    "and write to you at ${email}.",
                    mapping={"email": values["email"]},
                )
            )
        }
