"""Who can see and do what, for every type, state and role, through HTTP.

For each SocialHub type (and Plone's pages) in each state of its workflow,
and for each role (Anonymous, Member, Owner, Editor, Translator, Reviewer,
Site Administrator), the status of GET, PATCH and DELETE, and whether the
item shows up in @search, @facets counts and @review-queue; the status of
@workflow, @translations, @history and @sharing; and that nothing answered
to someone who may not View the item contains its title, UID or contact
details. The expectations are written out below, from the policies'
documented decisions, not computed from the workflow definitions.

The Verifier is a member of a verification partner (socialhub.hub) whose
scope (Africa) covers every organisation made here (headquarters: Kenya):
it sees the organisations waiting for verification and nothing else
beyond a member's view. The project hub's endpoints are checked per role in
``test_hub_endpoints``.
"""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


ROLES = (
    "Anonymous",
    "Member",
    "Owner",
    "Editor",
    "Translator",
    "Reviewer",
    "Site Administrator",
    "Verifier",
)
STAFF = {"Editor", "Reviewer", "Site Administrator"}
EVERYONE = set(ROLES)

# Who may View, and who may Modify, an item in each state.
VIEW = {
    "private": {"Owner"} | STAFF,
    "pending": {"Owner"} | STAFF,
    "published": EVERYONE,
    "archived": EVERYONE - {"Anonymous"},
    "registered": {"Owner"} | STAFF,
    "pending_verification": {"Owner", "Verifier"} | STAFF,
    "verified": EVERYONE,
}
MODIFY = {
    "private": {"Owner", "Editor", "Site Administrator"},
    "pending": {"Editor", "Reviewer", "Site Administrator"},
    "published": {"Owner", "Editor", "Site Administrator"},
    "archived": {"Site Administrator"},
    "registered": {"Owner"} | STAFF,
    "pending_verification": STAFF,
    "verified": {"Owner"} | STAFF,
}
DELETE = {
    "private": {"Owner", "Editor", "Site Administrator"},
    "pending": {"Editor", "Site Administrator"},
    "published": {"Editor", "Site Administrator"},
    "archived": {"Site Administrator"},
    "registered": {"Owner", "Editor", "Site Administrator"},
    "pending_verification": {"Editor", "Site Administrator"},
    "verified": {"Editor", "Site Administrator"},
}
# Who sees the contact details of an actor, initiative or person they may View.
CONTACT_READERS = {"Owner"} | STAFF

EDITORIAL = ("private", "pending", "published", "archived")
VERIFICATION = ("registered", "pending_verification", "verified")
# type: (section, states, path of the transitions from the initial state)
TYPES = {
    "Publication": ("publications", EDITORIAL),
    "Initiative": ("initiatives", EDITORIAL),
    "Course": ("courses", EDITORIAL),
    "Event": ("events", EDITORIAL),
    "Person": ("people", EDITORIAL),
    "Document": ("", EDITORIAL),
    "Actor": ("actors", VERIFICATION),
}
TRANSITIONS = {
    "private": [],
    "pending": ["submit"],
    "published": ["publish"],
    "archived": ["publish", "archive"],
    "registered": [],
    "pending_verification": ["submit_for_verification"],
    "verified": ["verify"],
}
WAITING = {"pending", "pending_verification"}
USERS = {
    "Member": ("member", ()),
    "Owner": ("owner", ()),
    "Editor": ("editor", ("Editor",)),
    "Translator": ("translator", ()),
    "Reviewer": ("reviewer", ("Reviewer",)),
    "Site Administrator": ("siteadmin", ("Site Administrator",)),
    "Verifier": ("verifier", ()),
}
#: Who may review an organisation (verify, reject, revoke) it may View.
REVIEWERS = {"Reviewer", "Site Administrator", "Verifier"}
CONTACT = "secret-contact@example.org"


class TestPermissionMatrix(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        for username, roles in USERS.values():
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=f"{username}-password",
                roles=["Member", *roles],
            )
        api.group.add_user(groupname="translators", username="translator")
        api.user.grant_roles(username="owner", obj=portal["en"], roles=["Contributor"])
        transaction.commit()
        partner = api_session(self.layer, self).post(
            "@verification-partners",
            json={"id": "matrix", "title": "Matrix partner", "geography": ["002"]},
        )
        self.assertEqual(partner.status_code, 201, partner.text)
        transaction.begin()
        api.group.add_user(groupname="verifiers-matrix", username="verifier")
        transaction.commit()
        self.sessions = {"Anonymous": api_session(self.layer, self, auth=None)}
        for role, (username, _roles) in USERS.items():
            self.sessions[role] = api_session(
                self.layer, self, (username, f"{username}-password")
            )
        self.manager = api_session(self.layer, self)
        self.checked = 0

    def make(self, portal_type, section, state):
        """An item of the Owner's in ``state``, moved there by the reviewer."""
        data = {"@type": portal_type, "title": f"Secret {portal_type} {state}"}
        if portal_type in ("Actor", "Initiative", "Person"):
            data["contact_email"] = CONTACT
        if portal_type == "Actor":
            data["headquarters_country"] = "KE"
        container = f"en/{section}" if section else "en"
        response = self.sessions["Owner"].post(container, json=data)
        self.assertEqual(response.status_code, 201, response.text)
        item = response.json()
        for transition in TRANSITIONS[state]:
            session = self.sessions[
                "Owner" if transition.startswith("submit") else "Reviewer"
            ]
            done = session.post(f"{item['@id']}/@workflow/{transition}")
            self.assertEqual(done.status_code, 200, done.text)
        return item

    def test_matrix(self):
        for portal_type, (section, states) in TYPES.items():
            for state in states:
                item = self.make(portal_type, section, state)
                for role in ROLES:
                    with self.subTest(type=portal_type, state=state, role=role):
                        self.check(item, state, role)
                with self.subTest(type=portal_type, state=state, method="DELETE"):
                    self.check_delete(item, state)
        print(
            f"\n  Permission matrix: {self.checked} checks over {len(TYPES)} types, "
            f"{len(VIEW)} states and {len(ROLES)} roles."
        )

    def expect(self, response, status, *leaks):
        self.checked += 1
        self.assertEqual(response.status_code, status, response.text[:300])
        for secret in leaks:
            self.assertNotIn(secret, response.text)

    def check(self, item, state, role):
        session = self.sessions[role]
        url = item["@id"]
        may_view = role in VIEW[state]
        may_modify = role in MODIFY[state]
        secrets = (item["title"], item["UID"])
        hidden = () if may_view else secrets

        got = session.get(url)
        self.expect(got, 200 if may_view else 401, *hidden)
        if may_view and role not in CONTACT_READERS:
            self.assertNotIn(CONTACT, got.text)
        endpoints = ["@workflow", "@translations"]
        if item["@type"] != "Document":
            endpoints.append("@related")
        if item["@type"] == "Actor":
            endpoints.append("@verification")
        for endpoint in endpoints:
            response = session.get(f"{url}/{endpoint}")
            self.expect(response, 200 if may_view else 401, *hidden)
        for endpoint in ("@history", "@sharing"):
            response = session.get(f"{url}/{endpoint}")
            self.checked += 1
            if not may_view:
                self.assertEqual(response.status_code, 401, response.text[:300])
            for secret in hidden:
                self.assertNotIn(secret, response.text)

        # Searches echo their query in "@id": look at everything else.
        found = session.get("@search", params={"UID": item["UID"]})
        self.expect(found, 200)
        self.assertEqual(found.json()["items_total"], 1 if may_view else 0)
        facets = session.get(
            "en/@facets", params={"q": item["title"], "facets": "themes"}
        )
        self.expect(facets, 200)
        answer = {key: value for key, value in facets.json().items() if key != "@id"}
        self.assertEqual(answer["items_total"], 1 if may_view else 0)
        for secret in hidden:
            self.assertNotIn(secret, str(answer))

        queue = session.get("@review-queue")
        if role in {"Reviewer", "Site Administrator"}:
            self.expect(queue, 200)
            titles = [entry["title"] for entry in queue.json()["items"]]
            self.assertEqual(item["title"] in titles, state in WAITING)
        else:
            self.expect(queue, 401, *secrets)

        patched = session.patch(url, json={"description": f"by {role}"})
        self.expect(patched, 204 if may_modify else 401, *hidden)
        if not may_modify:
            self.assertNotEqual(
                self.manager.get(url).json()["description"], f"by {role}"
            )

    def test_invitations(self):
        """Only the secretariat (Reviewer, Site Administrator, Manager) lists
        and sends invitations; a link's holder answers one whoever they are."""
        secretariat = {"Reviewer", "Site Administrator"}
        for number, role in enumerate(ROLES):
            with self.subTest(role=role):
                session = self.sessions[role]
                may = role in secretariat
                body = {
                    "organisation": f"Invited by {role}",
                    "country": "SN",
                    "contact_name": "Secret Contact",
                    "email": f"invited{number}-{CONTACT}",
                    "language": "en",
                }
                sent = session.post("en/@invitations", json=body)
                self.expect(sent, 201 if may else 401, *(() if may else (CONTACT,)))
                listed = session.get("en/@invitations")
                self.expect(listed, 200 if may else 401, *(() if may else (CONTACT,)))
                page = session.get("en/@@invitations", allow_redirects=False)
                self.checked += 1
                self.assertEqual(page.status_code == 200, may, page.status_code)
                if not may:
                    self.assertNotIn(CONTACT, page.text)
                # The link's endpoint answers anyone (400: no valid token).
                self.expect(
                    session.get("en/@invitation", params={"token": "x"}), 400, CONTACT
                )
        listed = self.manager.get("@invitations").json()
        self.assertEqual(
            sorted(item["organisation"] for item in listed["items"]),
            ["Invited by Reviewer", "Invited by Site Administrator"],
        )

    def test_hub_endpoints(self):
        """The project hub's endpoints, per role; refusals change nothing."""
        pending = self.make("Actor", "actors", "pending_verification")
        verified = self.make("Actor", "actors", "verified")
        for role in ROLES:
            session = self.sessions[role]
            with self.subTest(role=role):
                self.expect(
                    session.get("@reports"),
                    200 if role in {"Reviewer", "Site Administrator"} else 401,
                )
                partners = session.get("@verification-partners")
                if role == "Site Administrator":
                    self.expect(partners, 200)
                else:
                    self.expect(partners, 401, "Matrix partner")
                # A reason is missing: who may decide gets 400, nothing changes.
                decision = session.post(
                    f"{pending['@id']}/@verification", json={"action": "reject"}
                )
                if role not in VIEW["pending_verification"]:
                    self.expect(decision, 401, pending["title"], pending["UID"])
                elif role in REVIEWERS:
                    self.expect(decision, 400)
                else:
                    self.expect(decision, 403)
                # Anyone may report a public entry (here with a bad reason).
                self.expect(
                    session.post(f"{verified['@id']}/@report", json={"reason": "x"}),
                    400,
                )
        self.assertEqual(
            self.manager.get(pending["@id"]).json()["review_state"],
            "pending_verification",
        )
        self.assertEqual(
            self.manager.get(f"{verified['@id']}/@verification").json()["items"][0][
                "action"
            ],
            "verify",
        )

    def check_delete(self, item, state):
        """Those who may not delete get 401 and the item stays; then one may."""
        allowed = [role for role in ROLES if role in DELETE[state]]
        for role in ROLES:
            if role not in DELETE[state]:
                hidden = () if role in VIEW[state] else (item["title"], item["UID"])
                self.expect(self.sessions[role].delete(item["@id"]), 401, *hidden)
                self.assertEqual(self.manager.get(item["@id"]).status_code, 200)
        self.expect(self.sessions[allowed[0]].delete(item["@id"]), 204)
        self.assertEqual(self.manager.get(item["@id"]).status_code, 404)

    def test_registration_endpoints(self):
        """Self-registration (socialhub.hub): who may call each endpoint.

        Anyone may register an organisation, confirm an account and ask to
        claim an entry (the token is the permission); only members register
        an initiative. What is registered is the registrant's only: the
        other roles' sessions see it as the matrix's "registered" state says.
        """
        api.portal.set_registry_record(
            "socialhub.hub.registration.registration_limit", 100
        )
        transaction.commit()
        made = {}
        for number, role in enumerate(ROLES):
            session = self.sessions[role]
            with self.subTest(role=role, endpoint="@register-organisation"):
                response = session.post(
                    "en/@register-organisation",
                    json={
                        "title": f"Registered by {role} {number}",
                        "website": f"https://registered-{number}.example.org",
                        "country": "SN",
                        "contact_name": "Contact",
                        "contact_email": f"contact-{number}@example.org",
                        "accept_terms": True,
                    },
                )
                self.expect(response, 201)
                made[role] = f"Registered by {role} {number}"
            with self.subTest(role=role, endpoint="@confirm-registration"):
                response = session.post(
                    "@confirm-registration", json={"token": "x.y", "password": "p"}
                )
                self.expect(response, 400)
            with self.subTest(role=role, endpoint="@claim-request"):
                self.expect(session.post("@claim-request", json={}), 400)
            with self.subTest(role=role, endpoint="@register-initiative"):
                response = session.post(
                    "en/@register-initiative",
                    json={"title": f"Initiative of {role}", "lead_organisation": "X"},
                )
                self.expect(response, 401 if role == "Anonymous" else 201)
        # A registered entry is private: staff find it, nobody else does.
        title = made["Anonymous"]
        for role in ROLES:
            with self.subTest(role=role, registered=title):
                found = self.sessions[role].get("@search", params={"Title": title})
                self.expect(found, 200)
                self.assertEqual(found.json()["items_total"], 1 if role in STAFF else 0)
