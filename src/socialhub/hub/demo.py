"""Demo content of the project hub: one verification partner and one open report.

Called by the demo profile (``socialhub.profiles:demo``) after the demo
items exist. Applying it twice changes nothing.
"""

from plone import api
from socialhub.hub.reports import storage
from socialhub.hub.verification import partners


DEMO_PARTNER = "verifiers-africa-cash-network"
DEMO_PARTNER_ORGANISATION = "en/actors/africa-cash-network"
DEMO_REPORTED = "en/initiatives/pension-reform-vietnam"
DEMO_REPORT_COMMENT = "The reform was adopted in 2024, not in 2023."


def create_demo_hub(portal):
    """The Africa Cash Network verifies organisations in Africa; one report waits."""
    organisation = portal.unrestrictedTraverse(DEMO_PARTNER_ORGANISATION, None)
    if partners.get_partner(DEMO_PARTNER) is None and organisation is not None:
        if api.group.get(groupname=DEMO_PARTNER) is None:
            api.group.create(groupname=DEMO_PARTNER, title=organisation.Title())
        partners.save_partner(
            DEMO_PARTNER, organisation.Title(), organisation.UID(), ["002"], []
        )
    reported = portal.unrestrictedTraverse(DEMO_REPORTED, None)
    if reported is not None and not storage.open_reports_for(reported.UID()):
        storage.add_report(
            reported,
            "wrong_information",
            DEMO_REPORT_COMMENT,
            None,
            storage.reporter_key("demo"),
        )
