"""SocialHub's types keep a version history, as Plone's Document does.

Every save through the REST API makes a version (CMFEditions'
``at_edit_autoversion``), ``@history`` lists them, an old version reads as
the item did then, with the same field permissions as the item, and an
editor can revert to it.
"""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from urllib.parse import quote

import transaction
import unittest


VERSIONED_TYPES = ("Publication", "Actor", "Initiative", "Course", "CourseModule")
CONTACT = "contact-2019@example.org"


class TestVersioning(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        # The editorial staff add and edit; a contributor only adds.
        for username, roles in (
            ("editor", ["Contributor", "Editor"]),
            ("contributor", ["Contributor"]),
        ):
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=f"{username}-password",
                roles=["Member", *roles],
            )
        api.user.create(
            email="member@example.org", username="member", password="member-password"
        )
        transaction.commit()
        self.editor = api_session(self.layer, self, ("editor", "editor-password"))
        self.contributor = api_session(
            self.layer, self, ("contributor", "contributor-password")
        )
        self.member = api_session(self.layer, self, ("member", "member-password"))
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)

    def create(self, container, portal_type, **fields):
        response = self.editor.post(
            container,
            json={"@type": portal_type, "title": "As first written", **fields},
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()["@id"]

    def items(self):
        """One item of every versioned type, by type."""
        course = self.create("en/courses", "Course")
        return {
            "Publication": self.create("en/publications", "Publication"),
            "Actor": self.create("en/actors", "Actor"),
            "Initiative": self.create("en/initiatives", "Initiative"),
            "Course": course,
            "CourseModule": self.create(course, "CourseModule"),
        }

    def edit(self, url, session=None, **fields):
        response = (session or self.editor).patch(url, json=fields)
        self.assertEqual(response.status_code, 204, response.text)

    def versions(self, url, session=None):
        response = (session or self.editor).get(f"{url}/@history")
        self.assertEqual(response.status_code, 200, response.text)
        return [
            entry["version"]
            for entry in response.json()
            if entry["type"] == "versioning"
        ]

    def test_types_are_versionable_as_the_document(self):
        repository = api.portal.get_tool("portal_repository")
        policies = repository.getPolicyMap()
        for portal_type in VERSIONED_TYPES:
            with self.subTest(portal_type=portal_type):
                self.assertIn(portal_type, repository.getVersionableContentTypes())
                self.assertEqual(policies[portal_type], policies["Document"])

    def test_every_save_makes_a_version(self):
        for portal_type, url in self.items().items():
            with self.subTest(portal_type=portal_type):
                self.assertEqual(self.versions(url), [0])
                self.edit(url, title="As edited")
                self.assertEqual(self.versions(url), [1, 0])

                old = self.editor.get(f"{url}/@history/0")
                self.assertEqual(old.status_code, 200, old.text)
                self.assertEqual(old.json()["title"], "As first written")
                self.assertEqual(old.json()["version"], "0")
                self.assertEqual(self.editor.get(url).json()["title"], "As edited")

    def test_revert(self):
        url = self.create("en/publications", "Publication")
        self.edit(url, title="As edited")
        response = self.editor.patch(f"{url}/@history", json={"version": 0})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.editor.get(url).json()["title"], "As first written")
        # version_on_revert: the revert is itself a version.
        self.assertEqual(self.versions(url), [2, 1, 0])

    def test_old_versions_only_for_those_plone_lets_see_them(self):
        url = self.create("en/publications", "Publication")
        published = self.manager.post(f"{url}/@workflow/publish")
        self.assertEqual(published.status_code, 200, published.text)
        self.edit(url, title="As edited")
        for session in (self.anonymous, self.member):
            for path in ("@history", "@history/0"):
                with self.subTest(user=session.auth, path=path):
                    response = session.get(f"{url}/{path}")
                    self.assertEqual(response.status_code, 401, response.text)
                    self.assertNotIn("As first written", response.text)
        response = self.member.patch(f"{url}/@history", json={"version": 0})
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self.manager.get(url).json()["title"], "As edited")

    def test_old_contact_details_follow_the_items_permission(self):
        url = self.create("en/actors", "Actor", contact_email=CONTACT)
        self.edit(url, contact_email="contact-2024@example.org")
        verified = self.manager.post(f"{url}/@workflow/verify")
        self.assertEqual(verified.status_code, 200, verified.text)

        old = self.editor.get(f"{url}/@history/0")
        self.assertEqual(old.status_code, 200, old.text)
        self.assertEqual(old.json()["contact_email"], CONTACT)
        # A contributor may read old versions, not contact details.
        old = self.contributor.get(f"{url}/@history/0")
        self.assertEqual(old.status_code, 200, old.text)
        self.assertEqual(old.json()["title"], "As first written")
        self.assertNotIn("contact_email", old.json())
        self.assertNotIn(CONTACT, old.text)

    def test_bad_versions(self):
        url = self.create("en/publications", "Publication")
        self.edit(url, title="As edited")
        for version in ("2", "x", "-1", "²"):
            with self.subTest(version=version):
                response = self.editor.get(f"{url}/@history/{version}")
                self.assertEqual(response.status_code, 404, response.text)
                self.assertEqual(
                    response.json()["message"],
                    f"Resource not found: {url}/@history/{quote(version)}",
                )
        for body, message in (
            ({}, 'Name the version to revert to, e.g. {"version": 0}.'),
            ([0], "The request body must be a JSON object."),
            ({"version": 2}, "This item has no version 2."),
            ({"version": "x"}, 'A version is a whole number from 0, not "x".'),
            ({"version": -1}, "A version is a whole number from 0, not -1."),
            ({"version": True}, "A version is a whole number from 0, not true."),
            ({"version": None}, "A version is a whole number from 0, not null."),
        ):
            with self.subTest(body=body):
                response = self.editor.patch(f"{url}/@history", json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(response.json()["message"], message)
        self.assertEqual(self.editor.get(url).json()["title"], "As edited")
        self.assertEqual(self.versions(url), [1, 0])
