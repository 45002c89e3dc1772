"""@review-queue: what waits for reviewers, oldest first, with who submitted it."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


class TestReviewQueue(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        for username, fullname in (("ana", "Ana Author"), ("bruno", "Bruno Author")):
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=f"{username}-password",
                properties={"fullname": fullname},
            )
        api.user.create(
            email="r@example.org",
            username="reviewer",
            password="reviewer-pw",
            roles=["Reviewer"],
        )
        api.user.create(email="m@example.org", username="member", password="member-pw")
        api.user.grant_roles(username="ana", obj=portal["en"], roles=["Contributor"])
        api.user.grant_roles(username="bruno", obj=portal["fr"], roles=["Contributor"])
        transaction.commit()
        self.reviewer = api_session(self.layer, self, ("reviewer", "reviewer-pw"))
        self.submit(
            ("ana", "ana-password"), "en/publications", "Publication", "First draft"
        )
        self.submit(
            ("bruno", "bruno-password"), "fr/initiatives", "Initiative", "Deuxième"
        )
        self.draft = self.create(
            ("ana", "ana-password"), "en/publications", "Publication", "Not yet"
        )

    def create(self, auth, container, portal_type, title):
        session = api_session(self.layer, self, auth)
        created = session.post(container, json={"@type": portal_type, "title": title})
        self.assertEqual(created.status_code, 201, created.text)
        return created.json()

    def submit(self, auth, container, portal_type, title):
        item = self.create(auth, container, portal_type, title)
        session = api_session(self.layer, self, auth)
        submitted = session.post(
            f"{item['@id']}/@workflow/submit",
            json={"comment": f"Please review {title}"},
        )
        self.assertEqual(submitted.status_code, 200, submitted.text)

    def queue(self, **params):
        response = self.reviewer.get("@review-queue", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def test_oldest_first_with_submitter_and_comment(self):
        result = self.queue()
        self.assertEqual(result["items_total"], 2)
        self.assertEqual(
            [
                (item["title"], item["submitted_by"]["fullname"], item["comment"])
                for item in result["items"]
            ],
            [
                ("First draft", "Ana Author", "Please review First draft"),
                ("Deuxième", "Bruno Author", "Please review Deuxième"),
            ],
        )
        self.assertLessEqual(
            result["items"][0]["submitted"], result["items"][1]["submitted"]
        )
        self.assertNotIn("Not yet", str(result))

    def test_filters(self):
        self.assertEqual(
            [item["title"] for item in self.queue(language="fr")["items"]], ["Deuxième"]
        )
        self.assertEqual(
            [item["title"] for item in self.queue(portal_type="Publication")["items"]],
            ["First draft"],
        )

    def test_only_for_reviewers(self):
        for auth in (None, ("member", "member-pw"), ("ana", "ana-password")):
            with self.subTest(auth=auth):
                response = api_session(self.layer, self, auth).get("@review-queue")
                self.assertEqual(response.status_code, 401, response.text)
                self.assertNotIn("First draft", response.text)

    def test_bad_input(self):
        for params, message in (
            (
                {"state": "pending"},
                "Unknown parameter state: use portal_type, language, b_start, b_size.",
            ),
            ({"b_size": "0"}, "b_size must be a whole number of at least 1, not 0."),
            ({"b_size": "²"}, "b_size must be a whole number of at least 0, not ²."),
        ):
            with self.subTest(params=params):
                response = self.reviewer.get("@review-queue", params=params)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(response.json()["message"], message)

    def test_a_large_batch_is_reduced_to_the_maximum(self):
        response = self.reviewer.get("@review-queue", params={"b_size": "101"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["items_total"], 2)
