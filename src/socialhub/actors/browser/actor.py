"""The view page of an organisation: logo, mission, country, verification."""

from datetime import datetime
from datetime import UTC
from plone import api
from socialhub.core.browser.records import RecordView


#: The state of socialhub_verification_workflow in which an organisation is
#: public and verified.
VERIFIED_STATE = "verified"


class ActorView(RecordView):
    """An organisation as a reader of the directory needs it."""

    def logo_url(self):
        """The address of the logo's preview scale, or None without a logo."""
        if not self.context.logo:
            return None
        return f"{self.context.absolute_url()}/@@images/logo/preview"

    def verification(self):
        """``{"on", "expired", "expires"}`` of a verified organisation, else None.

        Verified is the ``verified`` state of the verification workflow; the
        date is the one the ``socialhub.verification`` record keeps, written
        in the page's locale ("" when none was recorded). A verification may
        expire (``verification_expires``, kept by the project hub's
        verification history): ``expired`` is then true and the page shows
        "Verification expired" instead of the verified badge.
        """
        if api.content.get_state(self.context, default=None) != VERIFIED_STATE:
            return None
        expires = getattr(self.context, "verification_expires", None)
        return {
            "on": self.date(getattr(self.context, "verified_on", None)),
            "expired": bool(expires and expires < datetime.now(UTC)),
            "expires": self.date(expires) if expires else "",
        }

    def facts(self):
        """What the organisation is, in short: country, founding year, website."""
        context = self.context
        return {
            "acronym": context.acronym,
            "country": self.country(context.headquarters_country),
            "founded": self.year(context.founded_year),
            "website": self.value("website"),
            "social_links": self.value("social_links") or [],
            "is_funder": bool(context.is_funder),
        }
