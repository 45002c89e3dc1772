"""Third-party verification over REST: partners, scope, history, expiry, reminders."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.hub.verification import history
from socialhub.hub.verification.reminders import send_reminders
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock

import functools
import requests
import transaction
import unittest


REVIEWER = ("reviewer", "reviewer-secret-1")
OWNER = ("owner", "owner-secret-1")
AFRICA = ("verifier-africa", "africa-secret-1")
ASIA = ("verifier-asia", "asia-secret-1")
MEMBER = ("member", "member-secret-1")


def create_users(portal):
    """The reviewer, an owner, two verifiers and a plain member."""
    for (username, password), roles in (
        (REVIEWER, ["Reviewer"]),
        (OWNER, ["Member"]),
        (AFRICA, ["Member"]),
        (ASIA, ["Member"]),
        (MEMBER, ["Member"]),
    ):
        api.user.create(
            email=f"{username}@example.org",
            username=username,
            password=password,
            roles=roles,
        )
    api.user.grant_roles(
        username=OWNER[0], obj=portal["en"]["actors"], roles=["Contributor"]
    )


def owned_actor(portal, title, country, submit=True):
    """An organisation of the owner, submitted for verification."""
    with api.env.adopt_user(username=OWNER[0]):
        actor = api.content.create(
            container=portal["en"]["actors"],
            type="Actor",
            title=title,
            headquarters_country=country,
        )
        if submit:
            api.content.transition(obj=actor, transition="submit_for_verification")
    return actor


get = functools.partial(requests.get, timeout=60)


class VerificationTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        create_users(self.portal)
        self.kenyan = owned_actor(self.portal, "Kenya Cash Alliance", "KE")
        self.indian = owned_actor(self.portal, "India Social Forum", "IN")
        transaction.commit()
        self.admin = api_session(self.layer, self)
        for partner, scope in (
            ("africa", {"geography": ["002"]}),
            ("asia", {"geography": ["142"]}),
        ):
            created = self.admin.post(
                "@verification-partners",
                json={"id": partner, "title": f"{partner.title()} Network", **scope},
            )
            self.assertEqual(created.status_code, 201, created.text)
        transaction.begin()
        api.group.add_user(groupname="verifiers-africa", username=AFRICA[0])
        api.group.add_user(groupname="verifiers-asia", username=ASIA[0])
        transaction.commit()
        self.africa = api_session(self.layer, self, AFRICA)
        self.asia = api_session(self.layer, self, ASIA)
        self.reviewer = api_session(self.layer, self, REVIEWER)
        self.owner = api_session(self.layer, self, OWNER)
        self.anonymous = api_session(self.layer, self, None)

    def url(self, actor, view=""):
        return f"{actor.absolute_url()}{view}"

    def state(self, actor):
        transaction.begin()
        return api.content.get_state(obj=self.portal["en"]["actors"][actor.getId()])


class TestPartners(VerificationTestCase):
    def test_partners_listed_for_the_secretariat(self):
        response = self.admin.get("@verification-partners")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [(p["id"], p["geography"], p["members"]) for p in response.json()["items"]],
            [
                ("verifiers-africa", ["002"], [AFRICA[0]]),
                ("verifiers-asia", ["142"], [ASIA[0]]),
            ],
        )

    def test_only_the_secretariat_manages_partners(self):
        for session in (self.reviewer, self.africa, self.anonymous):
            with self.subTest(auth=session.auth):
                for method in ("get", "post"):
                    response = getattr(session, method)(
                        "@verification-partners",
                        **(
                            {"json": {"id": "x1", "title": "X", "themes": []}}
                            if method == "post"
                            else {}
                        ),
                    )
                    self.assertEqual(response.status_code, 401, response.text)
        transaction.begin()
        self.assertIsNone(api.group.get(groupname="verifiers-x1"))

    def test_bad_partner_refused_and_nothing_created(self):
        for body, field, message in (
            (
                {"title": "No id", "themes": ["social-assistance"]},
                "id",
                ("2 to 40 lowercase letters, digits and hyphens."),
            ),
            (
                {"id": "p1", "themes": ["social-assistance"]},
                "title",
                ("The partner's name is required."),
            ),
            (
                {"id": "p1", "title": "P"},
                "geography",
                ("Give the scope: at least one region, country or theme."),
            ),
            (
                {"id": "p1", "title": "P", "geography": ["ZZZ"]},
                "geography",
                ("A list of terms of the geography taxonomy."),
            ),
            (
                {"id": "p1", "title": "P", "themes": "social-assistance"},
                "themes",
                ("A list of terms of the themes taxonomy."),
            ),
            (
                {
                    "id": "p1",
                    "title": "P",
                    "themes": ["social-assistance"],
                    "organisation": "nope",
                },
                "organisation",
                ("Not the UID of an organisation of the directory."),
            ),
            (
                {
                    "id": "p1",
                    "title": "P",
                    "themes": ["social-assistance"],
                    "members": [],
                },
                "members",
                "Unknown property.",
            ),
        ):
            with self.subTest(field=field, body=body):
                response = self.admin.post("@verification-partners", json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["errors"], [{"field": field, "message": message}]
                )
        transaction.begin()
        self.assertIsNone(api.group.get(groupname="verifiers-p1"))
        response = self.admin.post(
            "@verification-partners",
            data="{not json",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400, response.text)

    def test_changing_the_scope_changes_who_sees_the_organisation(self):
        self.assertEqual(self.asia.get(self.url(self.kenyan)).status_code, 401)
        changed = self.admin.post(
            "@verification-partners",
            json={"id": "asia", "title": "Asia Network", "geography": ["142", "KE"]},
        )
        self.assertEqual(changed.status_code, 200, changed.text)
        self.assertEqual(self.asia.get(self.url(self.kenyan)).status_code, 200)
        found = self.asia.get("@search", params={"portal_type": "Actor"}).json()
        self.assertEqual(
            sorted(item["title"] for item in found["items"]),
            ["India Social Forum", "Kenya Cash Alliance"],
        )


class TestVerifyInScope(VerificationTestCase):
    def test_verifier_in_scope_verifies(self):
        found = self.africa.get("@search", params={"portal_type": "Actor"}).json()
        self.assertEqual([i["title"] for i in found["items"]], ["Kenya Cash Alliance"])
        response = self.africa.post(
            self.url(self.kenyan, "/@verification"),
            json={"action": "verify", "method": "third_party", "reference": "AFR-17"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.state(self.kenyan), "verified")
        body = response.json()
        self.assertEqual(body["status"], "verified")
        self.assertFalse(body["expired"])
        (record,) = body["items"]
        self.assertEqual(
            {
                k: record[k]
                for k in (
                    "action",
                    "method",
                    "partner",
                    "partner_title",
                    "person",
                    "reference",
                )
            },
            {
                "action": "verify",
                "method": "third_party",
                "partner": "verifiers-africa",
                "partner_title": "Africa Network",
                "person": AFRICA[0],
                "reference": "AFR-17",
            },
        )
        expires = datetime.fromisoformat(record["expires"])
        self.assertAlmostEqual((expires - datetime.now(UTC)).days, 729, delta=1)
        # The organisation's own serialization has the verification component.
        item = self.anonymous.get(self.url(self.kenyan)).json()
        self.assertEqual(item["@components"]["verification"]["status"], "verified")

    def test_verifier_out_of_scope_cannot_see_nor_verify(self):
        self.assertEqual(self.asia.get(self.url(self.kenyan)).status_code, 401)
        response = self.asia.post(
            self.url(self.kenyan, "/@verification"), json={"action": "verify"}
        )
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self.state(self.kenyan), "pending_verification")
        # Once public, the out-of-scope verifier sees it but may not revoke.
        self.africa.post(
            self.url(self.kenyan, "/@verification"), json={"action": "verify"}
        )
        response = self.asia.post(
            self.url(self.kenyan, "/@verification"),
            json={"action": "revoke", "reason": "Why not"},
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(
            response.json()["message"],
            "You may not verify this organisation: it is not in the scope of your "
            "verification partner.",
        )
        self.assertEqual(self.state(self.kenyan), "verified")
        transaction.begin()
        self.assertEqual(
            len(history.history(self.portal["en"]["actors"][self.kenyan.getId()])), 1
        )

    def test_members_and_owners_may_not_verify(self):
        for session, status in ((self.owner, 403), (self.anonymous, 401)):
            with self.subTest(auth=session.auth):
                response = session.post(
                    self.url(self.kenyan, "/@verification"), json={"action": "verify"}
                )
                self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(self.state(self.kenyan), "pending_verification")

    def test_bad_decisions_refused_and_nothing_changed(self):
        url = self.url(self.kenyan, "/@verification")
        for body, field, message in (
            (
                {"action": "approve"},
                "action",
                ("Choose one of: verify, reject, revoke, reverify."),
            ),
            (
                {"action": "revoke", "reason": "x"},
                "action",
                'This organisation cannot be given "revoke" in its current state.',
            ),
            (
                {"action": "reject"},
                "reason",
                ("Say why: a reason is required to reject or revoke."),
            ),
            (
                {"action": "verify", "method": "guess"},
                "method",
                ("Unknown verification method."),
            ),
            (
                {"action": "verify", "expires": "2001-01-01"},
                "expires",
                (
                    "The expiry is "
                    "a future date (YYYY-MM-DD), only to verify or reverify."
                ),
            ),
            (
                {"action": "verify", "reference": 5},
                "reference",
                ("The reference is a text of at most 200 characters."),
            ),
            ({"action": "verify", "by": "me"}, "by", "Unknown property."),
        ):
            with self.subTest(body=body):
                response = self.africa.post(url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["errors"], [{"field": field, "message": message}]
                )
        self.assertEqual(self.state(self.kenyan), "pending_verification")
        self.assertEqual(
            history.history(self.portal["en"]["actors"][self.kenyan.getId()]), []
        )

    def test_revocation_keeps_its_reason_and_reviewers_see_the_history(self):
        url = self.url(self.kenyan, "/@verification")
        self.africa.post(url, json={"action": "verify", "reference": "AFR-1"})
        response = self.africa.post(
            url, json={"action": "revoke", "reason": "The office closed."}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.state(self.kenyan), "registered")
        items = self.reviewer.get(url).json()["items"]
        self.assertEqual(
            [(i["action"], i["reason"], i["person"]) for i in items],
            [("verify", "", AFRICA[0]), ("revoke", "The office closed.", AFRICA[0])],
        )
        # The owner sees the history without the verifier's person and reference.
        owned = self.owner.get(url).json()["items"]
        self.assertEqual([i["action"] for i in owned], ["verify", "revoke"])
        self.assertNotIn("person", owned[0])
        self.assertNotIn("reference", owned[0])

    def test_reviewer_reject_through_workflow_is_recorded(self):
        response = self.reviewer.post(
            self.url(self.indian, "/@workflow/reject"),
            json={"comment": "Unknown address"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        (record,) = self.reviewer.get(self.url(self.indian, "/@verification")).json()[
            "items"
        ]
        self.assertEqual(
            (record["action"], record["partner"], record["person"], record["reason"]),
            ("reject", None, REVIEWER[0], "Unknown address"),
        )

    def test_anonymous_sees_the_status_not_the_history(self):
        self.africa.post(
            self.url(self.kenyan, "/@verification"), json={"action": "verify"}
        )
        body = self.anonymous.get(self.url(self.kenyan, "/@verification")).json()
        self.assertEqual(body["status"], "verified")
        self.assertNotIn("items", body)


class TestExpiry(VerificationTestCase):
    def expire(self):
        transaction.begin()
        actor = self.portal["en"]["actors"][self.kenyan.getId()]
        record = history.history(actor)[-1]
        record["expires"] = datetime.now(UTC) - timedelta(days=1)
        actor.verification_expires = record["expires"]
        transaction.commit()
        return actor

    def test_expired_verification_shows_as_expired_and_reminds_once(self):
        url = self.url(self.kenyan, "/@verification")
        self.africa.post(url, json={"action": "verify", "expires": "2099-01-31"})
        body = self.anonymous.get(url).json()
        self.assertEqual(body["expires"][:10], "2099-01-31")
        page = get(self.url(self.kenyan))
        self.assertIn("Verified organisation", page.text)
        self.expire()
        body = self.anonymous.get(url).json()
        self.assertEqual((body["status"], body["expired"]), ("expired", True))
        page = get(self.url(self.kenyan))
        self.assertIn("Verification expired on", page.text)
        self.assertNotIn("Verified organisation", page.text)
        sent = []
        with mock.patch(
            "socialhub.core.notifications._send",
            side_effect=lambda *args: sent.append(args),
        ):
            transaction.begin()
            self.assertEqual(send_reminders(self.portal), 1)
            transaction.commit()
            self.assertEqual(send_reminders(self.portal), 0)
        self.assertEqual(
            sorted(recipient for recipient, _subject, _body in sent),
            ["owner@example.org", "verifier-africa@example.org"],
        )
        self.assertEqual(sent[0][1], "Verification expired: Kenya Cash Alliance")

    def test_reverify_renews_the_expiry(self):
        url = self.url(self.kenyan, "/@verification")
        self.africa.post(url, json={"action": "verify"})
        self.expire()
        response = self.africa.post(
            url, json={"action": "reverify", "reference": "AFR-2"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual((body["status"], body["expired"]), ("verified", False))
        self.assertEqual([i["action"] for i in body["items"]], ["verify", "reverify"])

    def test_validity_is_a_registry_record(self):
        transaction.begin()
        api.portal.set_registry_record("socialhub.hub.verification_validity_days", 30)
        transaction.commit()
        body = self.africa.post(
            self.url(self.kenyan, "/@verification"), json={"action": "verify"}
        ).json()
        expires = datetime.fromisoformat(body["items"][0]["expires"])
        self.assertAlmostEqual((expires - datetime.now(UTC)).days, 29, delta=1)


class TestVerificationPage(VerificationTestCase):
    def test_verifier_sees_history_and_form_owner_no_form(self):
        self.africa.post(
            self.url(self.kenyan, "/@verification"), json={"action": "verify"}
        )
        page = get(self.url(self.kenyan), auth=AFRICA)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Verification history", page.text)
        self.assertIn("@@verification-decision", page.text)
        page = get(self.url(self.kenyan), auth=OWNER)
        self.assertIn("Verification history", page.text)
        self.assertNotIn("@@verification-decision", page.text)
        page = get(self.url(self.kenyan))
        self.assertNotIn("Verification history", page.text)


class TestVerificationMail(VerificationTestCase):
    def test_verifiers_in_scope_told_of_submissions_owner_of_revocations(self):
        sent = []
        with mock.patch(
            "socialhub.core.notifications._send",
            side_effect=lambda *args: sent.append(args),
        ):
            transaction.begin()
            owned_actor(self.portal, "Nairobi Pensions", "KE")
            transaction.commit()
            self.assertIn(
                (
                    "verifier-africa@example.org",
                    "Verification requested: Nairobi Pensions",
                ),
                [(recipient, subject) for recipient, subject, _body in sent],
            )
            self.assertNotIn("verifier-asia@example.org", [m[0] for m in sent])
            url = self.url(self.kenyan, "/@verification")
            self.africa.post(url, json={"action": "verify"})
            sent.clear()
            self.africa.post(url, json={"action": "revoke", "reason": "Closed."})
        ((recipient, subject, body),) = sent
        self.assertEqual(
            (recipient, subject),
            ("owner@example.org", "Verification revoked: Kenya Cash Alliance"),
        )
        self.assertIn("Closed.", body)
