"""POST ``@register-organisation``: an organisation registers itself (anonymous).

On the site root or a language root (whose language the entry gets; at the
site root, the request's). Answers 201 with what the registrant needs: where
to look for the confirmation mail and the entry's state. Refusals: 400
naming each wrong field, 409 for an organisation that seems to be in the
directory (with a claim token, and the entries only if they are public), 429
for a client that registers too often. A filled honeypot gets the answer of a
success and nothing is made: a robot must not learn that it was caught.
"""

from plone import api
from socialhub.core import _
from socialhub.hub.registration import registration
from socialhub.hub.registration.restapi import JSONPostService

import logging


logger = logging.getLogger("socialhub.hub")


class RegisterOrganisationPost(JSONPostService):
    """Register an organisation and its contact person's account."""

    def reply(self):
        data = self.body()
        language = registration.entry_language(self.context, self.request)
        values, errors = registration.check_registration(data, language)
        if errors:
            self.refuse(errors)
        if registration.honeypot_filled(data):
            logger.info("Registration with a filled honeypot ignored")
            return self.success(values, language)
        try:
            registration.register_organisation(
                self.context, self.request, values, language
            )
        except registration.DuplicateEntry as duplicate:
            return self.conflict(duplicate)
        except registration.RegistrationError as error:
            self.refuse([{"message": error.message}])
        return self.success(values, language)

    def success(self, values, language):
        self.request.response.setStatus(201)
        return {
            "message": self.translate(
                _(
                    "registration_received",
                    default="Thank you. We sent a link to ${email}: open it to "
                    "confirm your address and choose your password, then log in "
                    "to complete the entry of ${title} and submit it for "
                    "verification.",
                    mapping={
                        "email": values["contact_email"],
                        "title": values["title"],
                    },
                )
            ),
            "email": values["contact_email"],
            "title": values["title"],
            "language": language,
            "review_state": "registered",
        }

    def conflict(self, duplicate):
        self.request.response.setStatus(409)
        return {
            "type": "Conflict",
            "message": self.translate(duplicate.message),
            "claim_token": duplicate.claim_token,
            "claim_url": f"{api.portal.get().absolute_url()}/@claim-request",
            "entries": [
                {"@id": item.absolute_url(), "title": item.Title()}
                for item in duplicate.public
            ],
        }
