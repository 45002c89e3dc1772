"""The workflow policies through the REST API: review, verification, flags.

Covers socialhub.policies: the editorial review workflow of pages, the
verification workflow and record of organisations, their flags, the light
placeful policy, and the remapping of existing content on install.
"""

from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from Products.CMFCore.indexing import processQueue
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_WSGI_SERVER_FIXTURE
from socialhub.testing import SocialHubLayer

import transaction
import unittest


COMMENT_REQUIRED = "A comment is required to reject: tell the author why."
PASSWORDS = {
    "author": "author-secret-123",
    "reviewer": "reviewer-secret-123",
    "editor": "editor-secret-123",
    "member": "member-secret-123",
}
REVIEWED = "socialhub_review_workflow"
VERIFIED = "socialhub_verification_workflow"
LIGHT = "socialhub_self_publication_workflow"


class InstallOverContentLayer(SocialHubLayer):
    """A site that has content before ``socialhub.policies:default`` is applied.

    Publications and an actor are made under Plone's default workflow, then
    the policies are installed: their states must survive.
    """

    packages = ("socialhub",)
    profiles = (
        "socialhub.profiles:languages",
        "socialhub.actors:default",
        "socialhub.publications:default",
    )

    def setUpPloneSite(self, portal):
        super().setUpPloneSite(portal)
        with api.env.adopt_roles(["Manager"]):
            publications = portal["en"]["publications"]
            for state in ("published", "private", "pending"):
                item = api.content.create(
                    container=publications,
                    type="Publication",
                    id=f"legacy-{state}",
                    title=f"Legacy {state}",
                )
                if state != "private":
                    api.content.transition(obj=item, to_state=state)
            actor = api.content.create(
                container=portal["en"]["actors"],
                type="Actor",
                id="legacy-actor",
                title="Legacy actor",
            )
            api.content.transition(obj=actor, to_state="published")
            processQueue()
            applyProfile(portal, "socialhub.policies:default")
            processQueue()


INSTALL_OVER_CONTENT_FIXTURE = InstallOverContentLayer(
    name="SocialHubPoliciesOverContentLayer:Fixture"
)
INSTALL_OVER_CONTENT_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(INSTALL_OVER_CONTENT_FIXTURE, SOCIALHUB_WSGI_SERVER_FIXTURE),
    name="SocialHubPoliciesOverContentLayer:Functional",
)


class PoliciesTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        roles = {"reviewer": ["Reviewer"], "editor": ["Editor"]}
        for username, password in PASSWORDS.items():
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=password,
                roles=["Member", *roles.get(username, [])],
            )
        for section in ("publications", "actors"):
            api.user.grant_roles(
                username="author",
                obj=self.portal["en"][section],
                roles=["Contributor"],
            )
        transaction.commit()
        self.manager = api_session(self.layer, self)
        self.anonymous = api_session(self.layer, self, auth=None)
        self.author = self.session("author")
        self.reviewer = self.session("reviewer")
        self.editor = self.session("editor")
        self.member = self.session("member")

    def session(self, username):
        return api_session(self.layer, self, (username, PASSWORDS[username]))

    def create(self, session, section, portal_type, title):
        response = session.post(
            f"en/{section}", json={"@type": portal_type, "title": title}
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()["@id"]

    def transition(self, session, url, transition, status=200, **data):
        response = session.post(f"{url}/@workflow/{transition}", json=data)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def state(self, url):
        return self.manager.get(url).json()["review_state"]


class TestEditorialReview(PoliciesTestCase):
    def setUp(self):
        super().setUp()
        self.url = self.create(self.author, "publications", "Publication", "Draft")

    def test_bindings(self):
        workflow_tool = api.portal.get_tool("portal_workflow")
        for portal_type in ("Publication", "Initiative", "Course", "CourseModule"):
            self.assertEqual(
                workflow_tool.getChainForPortalType(portal_type), (REVIEWED,)
            )
        for portal_type in ("Event", "Document", "News Item"):
            self.assertEqual(
                workflow_tool.getChainForPortalType(portal_type), (REVIEWED,)
            )
        self.assertEqual(workflow_tool.getChainForPortalType("Actor"), (VERIFIED,))
        # Sections keep Plone's default chain and stay public.
        self.assertNotIn(REVIEWED, workflow_tool.getChainForPortalType("Section"))
        self.assertEqual(
            api.content.get_state(self.portal["en"]["publications"]), "published"
        )

    def test_draft_is_private(self):
        self.assertEqual(self.state(self.url), "private")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)
        self.assertEqual(self.member.get(self.url).status_code, 401)
        self.assertEqual(self.reviewer.get(self.url).status_code, 200)
        edited = self.author.patch(self.url, json={"description": "Changed"})
        self.assertEqual(edited.status_code, 204, edited.text)

    def test_author_submits_reviewer_publishes(self):
        result = self.transition(self.author, self.url, "submit", comment="Ready")
        self.assertEqual(result["review_state"], "pending")
        # Submitted: the author no longer edits it.
        edited = self.author.patch(self.url, json={"description": "Changed"})
        self.assertEqual(edited.status_code, 401, edited.text)

        refused = self.transition(self.author, self.url, "publish", status=400)
        self.assertEqual(
            refused["message"],
            "The transition publish is not available here; available: retract.",
        )
        self.assertEqual(self.state(self.url), "pending")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)

        result = self.transition(self.reviewer, self.url, "publish")
        self.assertEqual(result["review_state"], "published")
        self.assertEqual(self.anonymous.get(self.url).status_code, 200)

    def test_author_cannot_publish_a_draft(self):
        refused = self.transition(self.author, self.url, "publish", status=400)
        self.assertEqual(
            refused["message"],
            "The transition publish is not available here; available: submit.",
        )
        self.assertEqual(self.state(self.url), "private")

        # A reviewer may publish a draft directly.
        self.transition(self.reviewer, self.url, "publish")
        self.assertEqual(self.state(self.url), "published")

    def test_reject_needs_a_comment(self):
        self.transition(self.author, self.url, "submit")
        for data in ({}, {"comment": "  "}):
            refused = self.transition(self.reviewer, self.url, "reject", 400, **data)
            self.assertEqual(refused["error"]["message"], COMMENT_REQUIRED)
            self.assertEqual(self.state(self.url), "pending")

    def test_rejection_comment_reaches_the_author(self):
        self.transition(self.author, self.url, "submit")
        result = self.transition(
            self.reviewer, self.url, "reject", comment="Add your sources"
        )
        self.assertEqual(result["review_state"], "private")
        workflow = self.author.get(f"{self.url}/@workflow").json()
        self.assertEqual(workflow["history"][-1]["comments"], "Add your sources")
        self.assertEqual(workflow["history"][-1]["action"], "reject")
        history = self.author.get(f"{self.url}/@history")
        self.assertEqual(history.status_code, 200, history.text)
        comments = [
            entry.get("comments")
            for entry in history.json()
            if entry["type"] == "workflow"
        ]
        self.assertIn("Add your sources", comments)
        # Back to a draft: the author edits it again.
        edited = self.author.patch(self.url, json={"description": "Sources"})
        self.assertEqual(edited.status_code, 204, edited.text)

    def test_retract(self):
        self.transition(self.author, self.url, "submit")
        # From pending only the owner retracts (a reviewer rejects).
        self.transition(self.reviewer, self.url, "retract", status=400)
        self.transition(self.author, self.url, "retract")
        self.assertEqual(self.state(self.url), "private")
        # From published only reviewers retract.
        self.transition(self.reviewer, self.url, "publish")
        self.transition(self.author, self.url, "retract", status=400)
        self.transition(self.reviewer, self.url, "retract")
        self.assertEqual(self.state(self.url), "private")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)

    def test_archive_and_restore(self):
        self.transition(self.reviewer, self.url, "publish")
        self.transition(self.author, self.url, "archive", status=400)
        self.transition(self.reviewer, self.url, "archive")
        self.assertEqual(self.state(self.url), "archived")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)
        self.assertEqual(self.member.get(self.url).status_code, 200)
        edited = self.author.patch(self.url, json={"description": "Changed"})
        self.assertEqual(edited.status_code, 401, edited.text)
        found = self.anonymous.get("en/@search", params={"portal_type": "Publication"})
        self.assertNotIn(self.url, [item["@id"] for item in found.json()["items"]])
        self.transition(self.reviewer, self.url, "restore")
        self.assertEqual(self.state(self.url), "published")
        self.assertEqual(self.anonymous.get(self.url).status_code, 200)


class TestActorVerification(PoliciesTestCase):
    def setUp(self):
        super().setUp()
        self.url = self.create(self.author, "actors", "Actor", "Grassroots Network")

    def test_registered_is_not_public(self):
        self.assertEqual(self.state(self.url), "registered")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)
        self.assertEqual(self.member.get(self.url).status_code, 401)
        self.assertEqual(self.reviewer.get(self.url).status_code, 200)

    def test_verify_records_who_when_how(self):
        self.transition(self.author, self.url, "submit_for_verification")
        self.assertEqual(self.state(self.url), "pending_verification")
        self.transition(self.author, self.url, "verify", status=400)
        recorded = self.reviewer.patch(
            self.url,
            json={
                "verification_method": "third_party",
                "verification_reference": "https://registry.example.org/42",
            },
        )
        self.assertEqual(recorded.status_code, 204, recorded.text)
        self.transition(self.reviewer, self.url, "verify", comment="Checked")
        self.assertEqual(self.anonymous.get(self.url).status_code, 200)
        actor = self.reviewer.get(self.url).json()
        self.assertEqual(actor["review_state"], "verified")
        self.assertEqual(actor["verified_by"], "reviewer")
        self.assertTrue(actor["verified_on"])
        self.assertEqual(actor["verification_method"]["token"], "third_party")
        self.assertEqual(
            actor["verification_reference"], "https://registry.example.org/42"
        )

    def test_record_is_read_only_for_editors(self):
        self.transition(self.reviewer, self.url, "verify")
        patched = self.editor.patch(
            self.url,
            json={"verified_by": "editor", "verification_method": "document_check"},
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        actor = self.manager.get(self.url).json()
        self.assertEqual(actor["verified_by"], "reviewer")
        # Verified without a method: the team's review is recorded.
        self.assertEqual(actor["verification_method"]["token"], "team_review")

    def test_reject_needs_a_reason(self):
        self.transition(self.author, self.url, "submit_for_verification")
        refused = self.transition(self.reviewer, self.url, "reject", status=400)
        self.assertEqual(refused["error"]["message"], COMMENT_REQUIRED)
        self.transition(self.reviewer, self.url, "reject", comment="No address")
        self.assertEqual(self.state(self.url), "rejected")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)
        history = self.author.get(f"{self.url}/@workflow").json()["history"]
        self.assertEqual(history[-1]["comments"], "No address")
        # Corrected, it goes back to the queue.
        self.transition(self.author, self.url, "submit_for_verification")

    def test_revoke(self):
        self.transition(self.reviewer, self.url, "verify")
        self.transition(self.author, self.url, "revoke", status=400)
        self.transition(self.reviewer, self.url, "revoke")
        self.assertEqual(self.state(self.url), "registered")
        self.assertEqual(self.anonymous.get(self.url).status_code, 401)
        self.assertIsNone(self.manager.get(self.url).json()["verified_by"])

    def test_flags_only_by_reviewers(self):
        self.transition(self.reviewer, self.url, "verify")
        for session in (self.editor, self.author):
            # plone.restapi skips fields without write permission silently.
            patched = session.patch(
                self.url, json={"actor_flags": ["remote"], "actor_flag_reason": "x"}
            )
            self.assertEqual(patched.status_code, 204, patched.text)
            actor = self.manager.get(self.url).json()
            self.assertEqual(actor["actor_flags"], [])
            self.assertIsNone(actor["actor_flag_reason"])
        patched = self.reviewer.patch(
            self.url,
            json={"actor_flags": ["remote", "small"], "actor_flag_reason": "Rural"},
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        actor = self.manager.get(self.url).json()
        self.assertEqual(
            sorted(flag["token"] for flag in actor["actor_flags"]), ["remote", "small"]
        )
        self.assertEqual(actor["actor_flag_reason"], "Rural")

        found = self.anonymous.get(
            "@search",
            params={"actor_flags": "remote", "metadata_fields": "actor_flags"},
        ).json()
        self.assertEqual([item["@id"] for item in found["items"]], [self.url])
        self.assertEqual(sorted(found["items"][0]["actor_flags"]), ["remote", "small"])
        found = self.anonymous.get("@search", params={"actor_flags": "new"}).json()
        self.assertEqual(found["items_total"], 0)


class TestPlacefulPolicy(PoliciesTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_roles(["Manager"]):
            self.blog = api.content.create(
                container=self.portal, type="Folder", id="blog", title="Blog"
            )
            api.content.transition(obj=self.blog, transition="publish")
        self.blog.manage_addProduct[
            "CMFPlacefulWorkflow"
        ].manage_addWorkflowPolicyConfig()
        config = api.portal.get_tool(
            "portal_placeful_workflow"
        ).getWorkflowPolicyConfig(self.blog)
        config.setPolicyIn("socialhub_light")
        config.setPolicyBelow("socialhub_light")
        api.user.grant_roles(username="author", obj=self.blog, roles=["Contributor"])
        transaction.commit()

    def test_policy_is_installed(self):
        tool = api.portal.get_tool("portal_placeful_workflow")
        policy = tool.getWorkflowPolicyById("socialhub_light")
        self.assertEqual(policy.getChainFor("Document"), (LIGHT,))

    def test_documents_in_the_folder_use_the_light_workflow(self):
        with api.env.adopt_roles(["Manager"]):
            inside = api.content.create(container=self.blog, type="Document", id="post")
            outside = api.content.create(
                container=self.portal, type="Document", id="page"
            )
        workflow_tool = api.portal.get_tool("portal_workflow")
        self.assertEqual(workflow_tool.getChainFor(inside), (LIGHT,))
        self.assertEqual(workflow_tool.getChainFor(outside), (REVIEWED,))

    def test_authors_publish_themselves(self):
        created = self.author.post(
            "blog", json={"@type": "Document", "title": "My post"}
        )
        self.assertEqual(created.status_code, 201, created.text)
        url = created.json()["@id"]
        self.assertEqual(self.anonymous.get(url).status_code, 401)
        self.transition(self.author, url, "publish")
        self.assertEqual(self.anonymous.get(url).status_code, 200)
        self.transition(self.author, url, "retract")
        self.assertEqual(self.anonymous.get(url).status_code, 401)


class TestRemapOnInstall(PoliciesTestCase):
    """Content made before the install keeps its state."""

    layer = INSTALL_OVER_CONTENT_FUNCTIONAL_TESTING

    def test_states_kept(self):
        publications = self.portal["en"]["publications"]
        for state in ("published", "private", "pending"):
            item = publications[f"legacy-{state}"]
            self.assertEqual(api.content.get_state(item), state)
            self.assertIn(REVIEWED, item.workflow_history)
            brain = api.content.find(UID=item.UID())[0]
            self.assertEqual(brain.review_state, state)
        actor = self.portal["en"]["actors"]["legacy-actor"]
        self.assertEqual(api.content.get_state(actor), "verified")

    def test_role_mappings_updated(self):
        base = "en/publications/legacy-"
        self.assertEqual(self.anonymous.get(f"{base}published").status_code, 200)
        self.assertEqual(self.anonymous.get(f"{base}private").status_code, 401)
        self.assertEqual(self.anonymous.get(f"{base}pending").status_code, 401)
        self.assertEqual(self.anonymous.get("en/actors/legacy-actor").status_code, 200)
        # Managed now, not by simple_publication_workflow: Delete objects.
        item = self.portal["en"]["publications"]["legacy-published"]
        roles = {
            entry["name"]
            for entry in item.rolesOfPermission("Delete objects")
            if entry["selected"]
        }
        self.assertEqual(roles, {"Editor", "Site Administrator", "Manager"})
        found = self.anonymous.get(
            "en/@search", params={"portal_type": "Publication"}
        ).json()
        self.assertIn("Legacy published", [item["title"] for item in found["items"]])
        self.assertNotIn("Legacy private", [item["title"] for item in found["items"]])

    def test_reinstall_keeps_states(self):
        item = self.portal["en"]["publications"]["legacy-pending"]
        api.content.transition(obj=item, transition="publish")
        applyProfile(self.portal, "socialhub.policies:default")
        self.assertEqual(api.content.get_state(item), "published")

    def test_uninstall_maps_back(self):
        actor = self.portal["en"]["actors"]["legacy-actor"]
        api.content.transition(obj=actor, transition="revoke")
        applyProfile(self.portal, "socialhub.policies:uninstall")
        transaction.commit()
        workflow_tool = api.portal.get_tool("portal_workflow")
        self.assertEqual(
            workflow_tool.getChainForPortalType("Publication"),
            ("simple_publication_workflow",),
        )
        publications = self.portal["en"]["publications"]
        for state in ("published", "private", "pending"):
            self.assertEqual(
                api.content.get_state(publications[f"legacy-{state}"]), state
            )
        self.assertEqual(api.content.get_state(actor), "private")
        self.assertEqual(
            self.anonymous.get("en/publications/legacy-published").status_code, 200
        )
