"""Settings of self-registration (registry records ``socialhub.hub.registration.*``)."""

from socialhub.core import _
from zope import schema
from zope.interface import Interface


class IRegistrationSettings(Interface):
    """How often one client may register or ask to claim, how long links work.

    Installed by the hub profile; a site administrator changes them in the
    registry (``@registry`` over REST, or the Configuration Registry page).
    """

    registration_limit = schema.Int(
        title=_("label_registration_limit", default="Registrations per client"),
        description=_(
            "help_registration_limit",
            default="How many organisations one address may register in a period.",
        ),
        default=5,
        min=1,
    )
    registration_period = schema.Int(
        title=_("label_registration_period", default="Registration period (seconds)"),
        default=3600,
        min=1,
    )
    claim_limit = schema.Int(
        title=_("label_claim_limit", default="Claim requests per client"),
        description=_(
            "help_claim_limit",
            default="How many requests to claim an entry one address may send "
            "in a period.",
        ),
        default=3,
        min=1,
    )
    claim_period = schema.Int(
        title=_("label_claim_period", default="Claim request period (seconds)"),
        default=3600,
        min=1,
    )
    terms_page = schema.TextLine(
        title=_("label_terms_page", default="Terms of use page"),
        description=_(
            "help_terms_page",
            default="The id of the page of the terms of use in each language "
            "root, which the registration form links to.",
        ),
        default="terms",
        required=False,
    )
    confirmation_days = schema.Int(
        title=_("label_confirmation_days", default="Days a confirmation link works"),
        default=7,
        min=1,
    )
