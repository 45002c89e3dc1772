"""POST ``@confirm-registration``: ``{token, password}`` confirms an account.

The REST twin of the page a confirmation link opens. 200 with the login
name and the member's entries; 400 for a bad token or a refused password
(the link stays usable), 410 for an expired or used one.
"""

from socialhub.core import _
from socialhub.core.tokens import TokenError
from socialhub.hub.accounts import AccountError
from socialhub.hub.registration import registration
from socialhub.hub.registration.restapi import JSONPostService


class ConfirmRegistrationPost(JSONPostService):
    """Confirm a registrant's e-mail address and set their password."""

    def reply(self):
        data = self.body()
        errors = [
            {"field": name, "message": registration.REQUIRED_MESSAGE}
            for name in ("token", "password")
            if not data.get(name)
        ]
        errors.extend(
            {"field": name, "message": registration.TEXT_MESSAGE}
            for name in ("token", "password")
            if data.get(name) and not isinstance(data[name], str)
        )
        if errors:
            self.refuse(errors)
        try:
            result = registration.confirm_registration(data["token"], data["password"])
        except (TokenError, AccountError) as error:
            self.refuse_token(error)
        return {
            "message": self.translate(
                _(
                    "registration_confirmed",
                    default="Your address is confirmed. Log in with ${login} and "
                    "the password you chose.",
                    mapping={"login": result["login"]},
                )
            ),
            "login": result["login"],
            "entries": result["entries"],
        }
