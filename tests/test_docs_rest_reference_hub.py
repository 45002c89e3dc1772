"""The REST reference's examples of the project hub (``docs/rest/``).

Registration, invitations, verification and reports, recorded from the demo
site over HTTP as ``test_docs_rest_reference`` records the other endpoints
(and in the same layer). The signed tokens of the links are taken from the
mail the server sends and written ``TOKEN`` in the examples; the ids drawn
at random (invitations, reports) are given fixed stand-ins.
"""

from datetime import timedelta
from plone import api
from socialhub.hub.demo import DEMO_PARTNER_ORGANISATION
from socialhub.hub.demo import DEMO_REPORTED
from socialhub.hub.invitations import invite
from socialhub.hub.reports import storage as reports
from socialhub.hub.verification.history import validity_days
from tests.hubmail import MailCatcher
from tests.test_docs_rest_reference import RestReferenceTestCase

import re
import transaction


CONFIRM_LINK = re.compile(r"@@confirm-registration\?token=(\S+)")
ORGANISATION = {
    "title": "Horizon Social Foundation",
    "website": "https://horizon.example.org",
    "country": "SN",
    "actor_type": ["ngo"],
    "themes": ["cash-transfers"],
    "description": "Cash transfers in the Sahel.",
    "contact_name": "Awa Diop",
    "contact_email": "awa@example.org",
    "accept_terms": True,
}
INVITATION = {
    "organisation": "Harmattan Mutual Health Network",
    "website": "https://harmattan.example.org",
    "country": "SN",
    "contact_name": "Aminata Sow",
    "email": "aminata@example.org",
    "language": "fr",
    "message": "We would be glad to list your network.",
}
BATCH = (
    "organisation,country,contact_name,email,language\n"
    "Sahel Cash Alliance,ML,Moussa Keita,moussa@example.org,fr\n"
    "Andes Social Network,XX,Lucía Rojas,not-an-address,es\n"
)
PASSWORD = "a-long-Secret-42"


class HubReferenceTestCase(RestReferenceTestCase):
    def setUp(self):
        super().setUp()
        self.mails = MailCatcher(self)

    def mailed(self, pattern):
        """The token of the last mailed link that ``pattern`` finds."""
        for _to, _subject, body in reversed(self.mails.sent):
            found = pattern.search(body)
            if found:
                return found.group(1)
        self.fail(f"No mail links {pattern.pattern}")


class TestRegistration(HubReferenceTestCase):
    def test_register_confirm(self):
        answer = self.record(
            "register_organisation",
            self.anonymous.post("en/@register-organisation", json=ORGANISATION),
            201,
        )
        self.assertEqual(answer["review_state"], "registered")
        token = self.mailed(CONFIRM_LINK)
        confirm = {"token": token, "password": PASSWORD}
        self.record(
            "confirm_registration",
            self.anonymous.post("@confirm-registration", json=confirm),
            200,
        )
        answer = self.record(
            "confirm_registration_used",
            self.anonymous.post("@confirm-registration", json=confirm),
            410,
        )
        self.assertEqual(answer["message"], "This link has already been used.")

    def test_register_invalid(self):
        answer = self.record(
            "register_organisation_invalid",
            self.anonymous.post(
                "en/@register-organisation",
                json={**ORGANISATION, "country": "XX", "contact_email": "awa"},
            ),
            400,
        )
        self.assertEqual(
            sorted(error["field"] for error in answer["errors"]),
            ["contact_email", "country"],
        )
        transaction.begin()
        actors = self.layer["portal"]["en"]["actors"]
        self.assertNotIn("horizon-social-foundation", actors.objectIds())
        self.assertEqual(self.mails.sent, [])  # no account to confirm

    def test_register_duplicate_then_claim(self):
        known = api.content.get(path=f"/{DEMO_PARTNER_ORGANISATION}")
        answer = self.record(
            "register_organisation_duplicate",
            self.anonymous.post(
                "en/@register-organisation",
                json={**ORGANISATION, "title": known.Title()},
            ),
            409,
        )
        self.assertEqual(answer["entries"][0]["title"], known.Title())
        answer = self.record(
            "claim_request",
            self.anonymous.post(
                "@claim-request",
                json={
                    "claim_token": answer["claim_token"],
                    "name": "Awa Diop",
                    "email": "awa@example.org",
                    "message": "I direct it.",
                },
            ),
            202,
        )
        self.assertIn("awa@example.org", answer["message"])

    def test_register_initiative(self):
        answer = self.record(
            "register_initiative",
            self.admin.post(
                "en/@register-initiative",
                json={
                    "title": "Cash for the Sahel",
                    "lead_organisation": "Sahel Cash Alliance",
                    "lead_organisation_website": "https://sahel-cash.example.org",
                },
            ),
            201,
        )
        self.assertIn("lead_organisation_to_complete", answer)


class TestInvitations(HubReferenceTestCase):
    def test_invite_list_claim(self):
        expiry = invite.days(invite.EXPIRY_RECORD, invite.DEFAULT_EXPIRY_DAYS)
        self.normalise.offsets.append(timedelta(days=expiry))
        one = self.admin.post("@invitations", json=INVITATION)
        self.normalise.replace(one.json()["id"], "a1b2c3d4e5f60718")
        self.record("invitations_post", one, 201)
        batch = self.admin.post("@invitations", json={"csv": BATCH})
        self.normalise.replace(batch.json()["created"][0]["id"], "b1b2c3d4e5f60718")
        answer = self.record("invitations_post_csv", batch, 201)
        self.assertEqual(answer["refused"][0]["row"], 3)
        answer = self.record(
            "invitations", self.admin.get("@invitations", params={"b_size": 2}), 200
        )
        self.assertEqual(answer["items_total"], 3)  # and the demo's
        token = self.mails.tokens()[0]
        answer = self.record(
            "invitation",
            self.anonymous.get("fr/@invitation", params={"token": token}),
            200,
        )
        self.assertEqual(answer["organisation"], INVITATION["organisation"])
        claimed = self.anonymous.post(
            "fr/@invitation",
            json={"token": token, "action": "claim", "password": PASSWORD},
        )
        self.normalise.replace(claimed.json()["userid"], "member-0123456789")
        self.record("invitation_claim", claimed, 200)
        answer = self.record(
            "invitation_used",
            self.anonymous.post(
                "fr/@invitation", json={"token": token, "action": "decline"}
            ),
            410,
        )
        self.assertEqual(answer["type"], "HTTPGone")


class TestVerification(HubReferenceTestCase):
    def test_partners(self):
        self.record(
            "verification_partners_post",
            self.admin.post(
                "@verification-partners",
                json={
                    "id": "asia",
                    "title": "Asia Social Network",
                    "geography": ["142"],
                },
            ),
            201,
        )
        answer = self.record(
            "verification_partners", self.admin.get("@verification-partners"), 200
        )
        self.assertEqual(len(answer["items"]), 2)

    def test_verification(self):
        self.normalise.offsets.append(timedelta(days=validity_days()))
        self.record(
            "verification",
            self.admin.get(f"{DEMO_PARTNER_ORGANISATION}/@verification"),
            200,
        )
        answer = self.record(
            "verification_revoke_no_reason",
            self.admin.post(
                f"{DEMO_PARTNER_ORGANISATION}/@verification",
                json={"action": "revoke"},
            ),
            400,
        )
        self.assertEqual(answer["errors"][0]["field"], "reason")
        answer = self.record(
            "verification_revoke",
            self.admin.post(
                f"{DEMO_PARTNER_ORGANISATION}/@verification",
                json={"action": "revoke", "reason": "The network was dissolved."},
            ),
            200,
        )
        self.assertEqual(answer["items"][-1]["action"], "revoke")


class TestReports(HubReferenceTestCase):
    def setUp(self):
        super().setUp()
        transaction.begin()
        for number, report in enumerate(reports.all_reports(None)):
            self.normalise.replace(report["id"], f"1768471200000{number:06x}")

    def test_reports(self):
        self.record(
            "report",
            self.anonymous.post(
                f"{DEMO_REPORTED}/@report",
                json={"reason": "wrong_information", "comment": "Ended in 2023."},
            ),
            201,
        )
        transaction.begin()
        for report in reports.all_reports(None):
            if report["id"] not in self.normalise.replacements:
                self.normalise.replace(report["id"], "1768471200000ffffff")
        answer = self.record(
            "reports", self.admin.get("@reports", params={"b_size": 1}), 200
        )
        self.assertEqual(answer["items_total"], 2)
        report = answer["items"][0]["id"]
        self.record("reports_one", self.admin.get(f"@reports/{report}"), 200)
        answer = self.record(
            "reports_decide",
            self.admin.post(
                f"@reports/{report}",
                json={"decision": "dismiss", "comment": "Checked: correct."},
            ),
            200,
        )
        self.assertEqual(answer["status"], "closed")
