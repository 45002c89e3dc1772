"""Reports over REST and in the Classic UI: anyone reports, reviewers decide."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.hub.reports import storage
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock

import functools
import re
import requests
import transaction
import unittest


REVIEWER = ("reviewer", "reviewer-secret-1")
OWNER = ("owner", "owner-secret-1")
ALICE = ("alice", "alice-secret-1")
BOB = ("bob", "bob-secret-1")


get = functools.partial(requests.get, timeout=60)


class ReportsTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        for (username, password), roles in (
            (REVIEWER, ["Reviewer"]),
            (OWNER, ["Member"]),
            (ALICE, ["Member"]),
            (BOB, ["Member"]),
        ):
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=password,
                roles=roles,
            )
        for section in ("actors", "initiatives", "people"):
            api.user.grant_roles(
                username=OWNER[0], obj=self.portal["en"][section], roles=["Contributor"]
            )
        self.actor = self.create("actors", "Actor", "Fake Foundation", "verify")
        self.initiative = self.create(
            "initiatives", "Initiative", "Cash for All", "publish"
        )
        transaction.commit()
        self.sent = []
        patcher = mock.patch(
            "socialhub.core.notifications._send",
            side_effect=lambda *args: self.sent.append(args),
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        self.anonymous = api_session(self.layer, self, None)
        self.alice = api_session(self.layer, self, ALICE)
        self.bob = api_session(self.layer, self, BOB)
        self.owner = api_session(self.layer, self, OWNER)
        self.reviewer = api_session(self.layer, self, REVIEWER)

    def create(self, section, portal_type, title, transition):
        with api.env.adopt_user(username=OWNER[0]):
            item = api.content.create(
                container=self.portal["en"][section], type=portal_type, title=title
            )
        api.content.transition(obj=item, transition=transition)
        return item

    def report(self, session, item, reason="wrong_information", comment="Not real."):
        return session.post(
            f"{item.absolute_url()}/@report",
            json={"reason": reason, "comment": comment},
        )

    def stored(self):
        transaction.begin()
        return storage.all_reports()

    def anonymous_titles(self):
        found = self.anonymous.get("@search", params={"SearchableText": "Fake"}).json()
        return [item["title"] for item in found["items"]]


class TestReporting(ReportsTestCase):
    def test_anonymous_reports_and_reviewers_see_it(self):
        response = self.report(self.anonymous, self.initiative, "spam", "Advertising")
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(
            response.json(),
            {
                "status": "open",
                "message": ("Thank you: a reviewer will look at your report."),
            },
        )
        queue = self.reviewer.get("@reports")
        self.assertEqual(queue.status_code, 200, queue.text)
        (report,) = queue.json()["items"]
        self.assertEqual(
            (
                report["item"]["title"],
                report["item"]["@type"],
                report["reason"],
                report["reason_title"],
                report["comment"],
                report["reporter"],
                report["status"],
            ),
            ("Cash for All", "Initiative", "spam", "Spam", "Advertising", None, "open"),
        )
        self.assertEqual(
            [(recipient, subject) for recipient, subject, _body in self.sent],
            [("reviewer@example.org", "Reported: Cash for All")],
        )
        one = self.reviewer.get(f"@reports/{report['id']}")
        self.assertEqual(one.json()["id"], report["id"])

    def test_member_reports_an_organisation(self):
        response = self.report(self.alice, self.actor)
        self.assertEqual(response.status_code, 201, response.text)
        (report,) = self.reviewer.get("@reports").json()["items"]
        self.assertEqual(
            (report["item"]["@type"], report["reporter"]), ("Actor", ALICE[0])
        )

    def test_the_queue_is_for_reviewers_only(self):
        self.report(self.alice, self.actor)
        for session in (self.owner, self.alice, self.anonymous):
            with self.subTest(auth=session.auth):
                self.assertEqual(session.get("@reports").status_code, 401)
                report_id = self.stored()[0]["id"]
                response = session.post(
                    f"@reports/{report_id}", json={"decision": "dismiss"}
                )
                self.assertEqual(response.status_code, 401)
        self.assertEqual(self.stored()[0]["status"], "open")

    def test_bad_reports_refused_and_nothing_stored(self):
        url = f"{self.actor.absolute_url()}/@report"
        for body, field, message in (
            (
                {},
                "reason",
                ("Choose a reason: spam, wrong_information, offensive or duplicate."),
            ),
            (
                {"reason": "boring"},
                "reason",
                ("Choose a reason: spam, wrong_information, offensive or duplicate."),
            ),
            (
                {"reason": "spam", "comment": 12},
                "comment",
                ("The comment is a text of at most 2000 characters."),
            ),
            (
                {"reason": "spam", "comment": "x" * 2001},
                "comment",
                ("The comment is a text of at most 2000 characters."),
            ),
            ({"reason": "spam", "email": "a@b.c"}, "email", "Unknown property."),
        ):
            with self.subTest(body=body):
                response = self.anonymous.post(url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["errors"], [{"field": field, "message": message}]
                )
        response = self.alice.post(
            f"{self.portal['en']['actors'].absolute_url()}/@report",
            json={"reason": "spam"},
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"], ("This kind of item cannot be reported.")
        )
        self.assertEqual(self.stored(), [])
        self.assertEqual(self.sent, [])

    def test_one_open_report_per_reporter(self):
        self.assertEqual(self.report(self.alice, self.actor).status_code, 201)
        response = self.report(self.alice, self.actor)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "You have already reported this item; a reviewer will look at it.",
        )
        self.assertEqual(len(self.stored()), 1)

    def test_reporters_are_rate_limited(self):
        transaction.begin()
        items = [
            self.create("initiatives", "Initiative", f"Initiative {n}", "publish")
            for n in range(6)
        ]
        transaction.commit()
        for item in items[:5]:
            self.assertEqual(self.report(self.anonymous, item).status_code, 201)
        response = self.report(self.anonymous, items[5])
        self.assertEqual(response.status_code, 429, response.text)
        self.assertEqual(
            response.json()["message"],
            "Too many attempts from you: try again in 60 minutes.",
        )
        self.assertEqual(len(self.stored()), 5)


class TestThreshold(ReportsTestCase):
    def reach_threshold(self):
        for session in (self.anonymous, self.alice):
            self.assertEqual(self.report(session, self.actor).status_code, 201)
        self.assertEqual(self.anonymous_titles(), ["Fake Foundation"])
        self.assertEqual(self.report(self.bob, self.actor).status_code, 201)

    def test_threshold_hides_until_a_reviewer_dismisses(self):
        self.reach_threshold()
        self.assertEqual(self.anonymous_titles(), [])
        self.assertEqual(self.anonymous.get(self.actor.absolute_url()).status_code, 401)
        self.assertEqual(self.alice.get(self.actor.absolute_url()).status_code, 401)
        facets = self.anonymous.get("@search", params={"portal_type": "Actor"}).json()
        self.assertEqual(facets["items_total"], 0)
        self.assertEqual(self.owner.get(self.actor.absolute_url()).status_code, 200)
        owner_mail = [m for m in self.sent if m[0] == "owner@example.org"]
        self.assertEqual(owner_mail[0][1], "Hidden pending review: Fake Foundation")
        for name in (ALICE[0], BOB[0]):
            self.assertNotIn(name, owner_mail[0][2])
        queue = self.reviewer.get("@reports").json()
        self.assertEqual(queue["items_total"], 3)
        self.assertTrue(queue["items"][0]["item"]["hidden"])
        decided = self.reviewer.post(
            f"@reports/{queue['items'][0]['id']}",
            json={"decision": "dismiss", "comment": "The foundation is real."},
        )
        self.assertEqual(decided.status_code, 200, decided.text)
        self.assertEqual(self.anonymous_titles(), ["Fake Foundation"])
        self.assertEqual(self.reviewer.get("@reports").json()["items_total"], 0)
        closed = self.reviewer.get("@reports", params={"status": "closed"}).json()
        self.assertEqual(closed["items_total"], 3)
        for report in closed["items"]:
            ((decision),) = report["decisions"]
            self.assertEqual(
                (decision["decision"], decision["by"], decision["comment"]),
                ("dismiss", REVIEWER[0], "The foundation is real."),
            )

    def test_a_person_is_reported_and_hidden_like_an_actor(self):
        person = self.create("people", "Person", "Fake Expert", "publish")
        transaction.commit()
        self.assertEqual(self.anonymous.get(person.absolute_url()).status_code, 200)
        for session in (self.anonymous, self.alice, self.bob):
            reported = self.report(session, person)
            self.assertEqual(reported.status_code, 201, reported.text)
        self.assertEqual(self.anonymous_titles(), ["Fake Foundation"])
        self.assertEqual(self.anonymous.get(person.absolute_url()).status_code, 401)
        self.assertEqual(self.owner.get(person.absolute_url()).status_code, 200)
        queue = self.reviewer.get("@reports").json()
        self.assertEqual(queue["items_total"], 3)
        self.assertEqual(
            {(i["item"]["@type"], i["item"]["hidden"]) for i in queue["items"]},
            {("Person", True)},
        )

    def test_threshold_is_a_registry_record(self):
        transaction.begin()
        api.portal.set_registry_record("socialhub.hub.reports_threshold", 1)
        transaction.commit()
        self.report(self.alice, self.actor)
        self.assertEqual(self.anonymous_titles(), [])

    def test_ask_fix_mails_the_owner_and_keeps_the_entry_hidden(self):
        self.reach_threshold()
        report_id = self.stored()[0]["id"]
        response = self.reviewer.post(
            f"@reports/{report_id}", json={"decision": "ask_fix"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["errors"],
            [
                {
                    "field": "comment",
                    "message": (
                        "Tell the owner what to correct: a comment is required."
                    ),
                }
            ],
        )
        self.sent.clear()
        response = self.reviewer.post(
            f"@reports/{report_id}",
            json={"decision": "ask_fix", "comment": "Add your registration number."},
        )
        self.assertEqual(response.status_code, 200, response.text)
        ((recipient, subject, body),) = self.sent
        self.assertEqual(
            (recipient, subject),
            ("owner@example.org", ("Please correct: Fake Foundation")),
        )
        self.assertIn("Add your registration number.", body)
        self.assertEqual(self.anonymous_titles(), [])
        self.assertEqual({r["status"] for r in self.stored()}, {"open"})

    def test_hide_and_remove(self):
        self.reach_threshold()
        report_id = self.stored()[0]["id"]
        response = self.reviewer.post(
            f"@reports/{report_id}", json={"decision": "hide"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.anonymous_titles(), [])
        self.assertEqual({r["status"] for r in self.stored()}, {"closed"})
        # A transition while hidden keeps it hidden.
        transaction.begin()
        actor = self.portal["en"]["actors"][self.actor.getId()]
        api.content.transition(obj=actor, transition="revoke")
        api.content.transition(obj=actor, transition="verify")
        transaction.commit()
        self.assertEqual(self.anonymous_titles(), [])
        response = self.reviewer.post(
            f"@reports/{report_id}", json={"decision": "remove"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertNotIn(self.actor.getId(), self.portal["en"]["actors"])

    def test_bad_decisions_refused(self):
        self.report(self.alice, self.actor)
        report_id = self.stored()[0]["id"]
        for body, field, message in (
            (
                {"decision": "ban"},
                "decision",
                ("Choose a decision: dismiss, hide, ask_fix or remove."),
            ),
            (
                {"decision": "hide", "comment": []},
                "comment",
                ("The comment is a text of at most 2000 characters."),
            ),
            ({"decision": "hide", "who": 1}, "who", "Unknown property."),
        ):
            with self.subTest(body=body):
                response = self.reviewer.post(f"@reports/{report_id}", json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["errors"], [{"field": field, "message": message}]
                )
        response = self.reviewer.post("@reports/nope", json={"decision": "dismiss"})
        self.assertEqual(response.status_code, 404, response.text)
        self.assertEqual(response.json()["type"], "NotFound")
        self.assertEqual([r["decisions"] for r in self.stored()], [[]])


class TestReportPages(ReportsTestCase):
    def test_report_form_and_queue_page(self):
        page = get(self.actor.absolute_url())
        self.assertIn("@@report", page.text)
        form = requests.Session()
        form.request = functools.partial(form.request, timeout=60)
        page = form.get(f"{self.actor.absolute_url()}/@@report")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
        sent = form.post(
            f"{self.actor.absolute_url()}/@@report",
            data={
                "reason": "duplicate",
                "comment": "Same as X",
                "_authenticator": token,
            },
        )
        self.assertEqual(sent.status_code, 200, sent.text[:500])
        self.assertIn("Thank you: a reviewer will look at your report.", sent.text)
        queue = get(f"{self.portal.absolute_url()}/@@reports-queue", auth=REVIEWER)
        self.assertEqual(queue.status_code, 200)
        self.assertIn("Fake Foundation", queue.text)
        self.assertIn("Same as X", queue.text)
        self.assertIn(
            "@@reports-queue",
            get(self.portal.absolute_url(), auth=REVIEWER).text,
        )
        denied = get(f"{self.portal.absolute_url()}/@@reports-queue", auth=OWNER)
        self.assertNotIn("Same as X", denied.text)
