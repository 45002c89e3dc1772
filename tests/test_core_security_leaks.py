"""Stock plone.restapi leaks closed on a SocialHub site, tested from outside."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


USER_VOCABULARIES = (
    "plone.app.vocabularies.Users",
    "plone.app.vocabularies.Principals",
    "plone.app.vocabularies.Groups",
)


class TestMembersCannotListUsers(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        api.user.create(email="m@example.org", username="member", password="member-pw")
        api.user.create(
            email="e@example.org",
            username="editor",
            password="editor-pw",
            roles=["Editor"],
        )
        api.user.create(
            email="private@example.org",
            username="privateperson",
            password="private-pw",
            properties={"fullname": "Private Person"},
        )
        transaction.commit()
        self.member = api_session(self.layer, self, ("member", "member-pw"))
        self.editor = api_session(self.layer, self, ("editor", "editor-pw"))

    def test_user_vocabularies_are_for_staff(self):
        for name in USER_VOCABULARIES:
            with self.subTest(vocabulary=name):
                response = self.member.get(
                    f"@vocabularies/{name}", params={"title": "Private"}
                )
                self.assertEqual(response.status_code, 403, response.text)
                self.assertNotIn("privateperson", response.text)
                self.assertEqual(
                    response.json()["message"],
                    f"You are not authorized to access the vocabulary '{name}'.",
                )
        staff = self.editor.get(
            "@vocabularies/plone.app.vocabularies.Users", params={"title": "Private"}
        )
        self.assertEqual(staff.status_code, 200, staff.text)
        self.assertEqual(
            [item["token"] for item in staff.json()["items"]], ["privateperson"]
        )

    def test_querystring_lists_no_users(self):
        for session in (self.member, self.editor):
            response = session.get("@querystring")
            self.assertEqual(response.status_code, 200, response.text)
            self.assertNotIn("privateperson", response.text)
            self.assertNotIn("Private Person", response.text)
            creator = response.json()["indexes"]["Creator"]
            self.assertEqual(creator["values"], {})
            self.assertEqual(creator["vocabulary"], "plone.app.vocabularies.Users")


class TestSharingCannotEscalate(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        api.user.create(email="a@example.org", username="author", password="author-pw")
        api.user.create(email="f@example.org", username="friend", password="friend-pw")
        api.user.grant_roles(username="author", obj=portal["en"], roles=["Contributor"])
        transaction.commit()
        self.author = api_session(self.layer, self, ("author", "author-pw"))

    def test_owner_grants_what_the_sharing_page_offers(self):
        created = self.author.post("en", json={"@type": "Document", "title": "Mine"})
        url = created.json()["@id"]
        response = self.author.post(
            f"{url}/@sharing",
            json={
                "entries": [{"id": "friend", "type": "user", "roles": {"Reader": True}}]
            },
        )
        self.assertEqual(response.status_code, 204, response.text)
        sharing = (
            api_session(self.layer, self)
            .get(f"{url}/@sharing", params={"search": "friend"})
            .json()
        )
        friend = next(entry for entry in sharing["entries"] if entry["id"] == "friend")
        self.assertIs(friend["roles"]["Reader"], True)

    def test_owner_cannot_grant_roles_they_do_not_hold(self):
        created = self.author.post("en", json={"@type": "Document", "title": "Mine"})
        self.assertEqual(created.status_code, 201, created.text)
        url = created.json()["@id"]
        response = self.author.post(
            f"{url}/@sharing",
            json={
                "entries": [
                    {
                        "id": "friend",
                        "type": "user",
                        "roles": {
                            "Reviewer": True,
                            "Manager": True,
                            "Site Administrator": True,
                        },
                    }
                ]
            },
        )
        # Stock plone.restapi answers 204 and drops the roles silently.
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(
            response.json()["message"],
            "You may not grant the role Manager here.",
        )
        manager = api_session(self.layer, self)
        sharing = manager.get(f"{url}/@sharing", params={"search": "friend"}).json()
        friend = next(entry for entry in sharing["entries"] if entry["id"] == "friend")
        granted = {role for role, value in friend["roles"].items() if value is True}
        self.assertEqual(granted, set())
