"""Invitations over REST: invite, CSV batch, claim, decline, refusals (#19)."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.hub.invitations import invite
from socialhub.hub.invitations import storage
from socialhub.hub.invitations.reminders import send_reminders
from socialhub.testing import api_session
from socialhub.testing import field_errors
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from tests.hubmail import MailCatcher

import time
import transaction
import unittest


INVITATION = {
    "organisation": "Harmattan Mutual Health Network",
    "website": "https://harmattan.example.org",
    "country": "SN",
    "contact_name": "Aminata Sow",
    "email": "aminata.sow@harmattan.example.org",
    "language": "en",
    "message": "We would be glad to list your network.",
}
CSV = (
    "organisation,country,contact_name,email,language,website\n"
    "Réseau des caisses,FR,Claire Dubois,claire@caisses.example.org,fr,\n"
    "Bad country,Senegal,Ana,ana@example.org,en,\n"
    "Red de cuidados,ES,Lucía Pérez,lucia@cuidados.example.org,es,https://cuidados.example.org\n"
    "No mail,SN,Moussa,,en,\n"
)
USERS = {
    "member": (),
    "reviewer": ("Reviewer",),
    "siteadmin": ("Site Administrator",),
}
NOT_VALID = "This link is not valid. Check that you copied it whole."
USED = "This link has already been used."


class InvitationTests:
    """A secretariat (Manager) session, members of each role, caught mail."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        for username, roles in USERS.items():
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=f"{username}-password",
                roles=["Member", *roles],
            )
        transaction.commit()
        self.mail = MailCatcher(self)
        self.api = api_session(self.layer, self)
        self.anonymous = api_session(self.layer, self, auth=None)

    def session(self, username):
        return api_session(self.layer, self, (username, f"{username}-password"))

    def invite(self, **overrides):
        response = self.api.post("@invitations", json={**INVITATION, **overrides})
        self.assertEqual(response.status_code, 201, response.text)
        return response.json(), self.mail.tokens()[-1]

    def actors(self, language="en"):
        transaction.begin()
        return sorted(self.portal[language]["actors"].objectIds())

    def invitations(self):
        transaction.begin()
        return storage.records(self.portal)


class TestInvite(InvitationTests, unittest.TestCase):
    def test_invite_one_creates_a_private_entry_and_mails_a_link(self):
        before = self.actors()
        invitation, token = self.invite()
        self.assertEqual(invitation["status"], "sent")
        self.assertEqual(invitation["organisation"], INVITATION["organisation"])
        self.assertEqual(invitation["email"], INVITATION["email"])
        self.assertNotIn("token", invitation)
        entry = invitation["entry"]
        self.assertEqual(entry["review_state"], "registered")
        self.assertEqual(len(self.actors()), len(before) + 1)
        data = self.api.get(entry["@id"]).json()
        self.assertEqual(data["contact_email"], INVITATION["email"])
        self.assertEqual(data["headquarters_country"], "SN")
        self.assertEqual(data["website"], INVITATION["website"])
        self.assertEqual(self.anonymous.get(entry["@id"]).status_code, 401)
        ((recipient, subject, body),) = self.mail.sent
        self.assertEqual(recipient, INVITATION["email"])
        self.assertEqual(
            subject, "Harmattan Mutual Health Network is invited to SocialHub"
        )
        self.assertIn("Dear Aminata Sow", body)
        self.assertIn(INVITATION["message"], body)
        self.assertIn(f"{self.portal.absolute_url()}/en/@@invitation?token=", body)
        # The token is not stored anywhere in the invitation.
        self.assertNotIn(token, str(dict(self.invitations()[0])))

    def test_mail_in_the_invitation_language(self):
        invitation, _token = self.invite(language="fr")
        self.assertIn("/fr/actors/", invitation["entry"]["@id"])
        ((_to, subject, body),) = self.mail.sent
        self.assertEqual(
            subject, "Invitation sur SocialHub pour Harmattan Mutual Health Network"
        )
        self.assertIn("/fr/@@invitation?token=", body)

    def test_refused_fields_create_nothing(self):
        before = self.actors()
        response = self.api.post(
            "en/@invitations",
            json={
                **INVITATION,
                "organisation": " ",
                "country": "Senegal",
                "email": "aminata@",
                "language": "de",
                "website": "javascript:alert(1)",
                "contact_name": 7,
                "nickname": "x",
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["type"], "BadRequest")
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "nickname",
                    "message": "Unknown field: use organisation, country, "
                    "contact_name, email, language, website, message.",
                },
                {"field": "organisation", "message": "Enter the organisation's name."},
                {
                    "field": "country",
                    "message": "Enter a country as its ISO 3166-1 alpha-2 code, "
                    "e.g. SN for Senegal.",
                },
                {"field": "contact_name", "message": "Give a text."},
                {
                    "field": "email",
                    "message": "Enter an e-mail address such as name@example.org.",
                },
                {
                    "field": "language",
                    "message": "Choose the invitation's language: en, fr, es.",
                },
                {
                    "field": "website",
                    "message": "Enter a web address that starts with http:// or https://.",
                },
            ],
        )
        self.assertEqual(self.actors(), before)
        self.assertEqual(self.invitations(), [])
        self.assertEqual(self.mail.sent, [])

    def test_second_open_invitation_to_an_address_is_refused(self):
        self.invite()
        response = self.api.post(
            "en/@invitations", json={**INVITATION, "email": INVITATION["email"].upper()}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "email",
                    "message": "An invitation to this e-mail address is open "
                    "already: Harmattan Mutual Health Network.",
                }
            ],
        )
        self.assertEqual(len(self.invitations()), 1)

    def test_language_root_takes_its_own_language(self):
        response = self.api.post("fr/@invitations", json=INVITATION)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "language",
                    "message": "Invitez dans la langue de cette racine de langue, "
                    "ou depuis la racine du site.",
                }
            ],
        )
        response = self.api.post("@invitations", json={**INVITATION, "language": "es"})
        self.assertEqual(response.status_code, 201, response.text)
        self.assertIn("/es/actors/", response.json()["entry"]["@id"])

    def test_bad_bodies(self):
        for body, status in (
            ("{", 400),
            ("[]", 400),
            ('"text"', 400),
            ('{"csv": 5}', 400),
        ):
            with self.subTest(body=body):
                response = self.api.post(
                    "en/@invitations",
                    data=body,
                    headers={"Content-Type": "application/json"},
                )
                self.assertEqual(response.status_code, status, response.text)
                self.assertIn("message", response.json())
        self.assertEqual(self.invitations(), [])


class TestBatch(InvitationTests, unittest.TestCase):
    def test_good_rows_invited_bad_rows_refused_with_reasons(self):
        before = {language: self.actors(language) for language in ("fr", "es")}
        response = self.api.post("@invitations", json={"csv": CSV})
        self.assertEqual(response.status_code, 201, response.text)
        report = response.json()
        self.assertEqual(
            [(row["row"], row["organisation"]) for row in report["created"]],
            [(2, "Réseau des caisses"), (4, "Red de cuidados")],
        )
        self.assertEqual(
            report["refused"],
            [
                {
                    "row": 3,
                    "organisation": "Bad country",
                    "errors": [
                        {
                            "field": "country",
                            "message": "Enter a country as its ISO 3166-1 "
                            "alpha-2 code, e.g. SN for Senegal.",
                        }
                    ],
                },
                {
                    "row": 5,
                    "organisation": "No mail",
                    "errors": [
                        {
                            "field": "email",
                            "message": "Enter an e-mail address such as "
                            "name@example.org.",
                        }
                    ],
                },
            ],
        )
        self.assertEqual(len(self.actors("fr")), len(before["fr"]) + 1)
        self.assertEqual(len(self.actors("es")), len(before["es"]) + 1)
        self.assertEqual(
            [(to, subject) for to, subject, _body in self.mail.sent],
            [
                (
                    "claire@caisses.example.org",
                    "Invitation sur SocialHub pour Réseau des caisses",
                ),
                (
                    "lucia@cuidados.example.org",
                    "Invitación a SocialHub para Red de cuidados",
                ),
            ],
        )

    def test_csv_file_upload_is_for_the_backend_page(self):
        response = self.api.post(
            "@invitations",
            files={"csv": ("batch.csv", CSV.encode("utf-8"), "text/csv")},
        )
        self.assertEqual(response.status_code, 415, response.text)
        self.assertEqual(
            response.json()["message"],
            "The REST API takes request bodies as application/json, not "
            "multipart/form-data.",
        )
        self.assertEqual(self.invitations(), [])

    def test_batch_of_bad_rows_only_is_refused_and_creates_nothing(self):
        before = self.actors()
        response = self.api.post(
            "en/@invitations",
            json={
                "csv": "organisation,country,contact_name,email,language\n"
                "X,XX,Y,y@example.org,en\n"
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"], "No row could be invited: see the refused rows."
        )
        self.assertEqual(response.json()["created"], [])
        self.assertEqual(len(response.json()["refused"]), 1)
        self.assertEqual(self.actors(), before)
        self.assertEqual(self.invitations(), [])

    def test_unreadable_csv(self):
        for text, message in (
            (
                "name,mail\nX,y@example.org\n",
                "The first row must name the columns organisation, country, "
                "contact_name, email, language and may add website, message, "
                "each once.",
            ),
            (
                "",
                "Give a CSV text whose first row names the columns: organisation, "
                "country, contact_name, email, language, website, message.",
            ),
        ):
            with self.subTest(text=text):
                response = self.api.post("@invitations", json={"csv": text})
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    field_errors(response), [{"field": "csv", "message": message}]
                )
        self.assertEqual(self.invitations(), [])


class TestAnswer(InvitationTests, unittest.TestCase):
    def test_link_shows_the_invitation_without_using_it(self):
        _invitation, token = self.invite()
        for _twice in range(2):
            response = self.anonymous.get("en/@invitation", params={"token": token})
            self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual(answer["organisation"], INVITATION["organisation"])
        self.assertEqual(answer["status"], "sent")
        self.assertEqual(answer["actions"], ["claim", "decline"])
        self.assertNotIn(INVITATION["email"], response.text)
        self.assertNotIn(INVITATION["contact_name"], response.text)

    def test_claim_as_a_new_member(self):
        invitation, token = self.invite()
        response = self.anonymous.post(
            "en/@invitation",
            json={"token": token, "action": "claim", "password": "harmattan-2026"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        result = response.json()
        self.assertEqual(result["status"], "claimed")
        self.assertEqual(result["entry"]["@id"], invitation["entry"]["@id"])
        owner = api_session(self.layer, self, (result["login"], "harmattan-2026"))
        url = result["entry"]["@id"]
        self.assertEqual(owner.get(url).status_code, 200)
        self.assertEqual(
            owner.patch(url, json={"mission": "Mutual health"}).status_code, 204
        )
        submitted = owner.post(f"{url}/@workflow/submit_for_verification")
        self.assertEqual(submitted.status_code, 200, submitted.text)
        transaction.begin()
        user = api.user.get(userid=result["userid"])
        self.assertEqual(user.getProperty("email"), INVITATION["email"])
        self.assertEqual(user.getProperty("fullname"), "Aminata Sow")
        entry = api.content.get(path=url.replace(self.portal.absolute_url(), ""))
        self.assertEqual(entry.getOwner().getId(), result["userid"])
        self.assertEqual(
            [p for p, roles in entry.get_local_roles() if "Owner" in roles],
            [result["userid"]],
        )
        listed = self.api.get("@invitations").json()["items"][0]
        self.assertEqual(listed["status"], "claimed")
        self.assertEqual(listed["claimed_by"], result["userid"])

    def test_claim_while_logged_in(self):
        invitation, token = self.invite()
        member = self.session("member")
        response = member.post(
            "en/@invitation", json={"token": token, "action": "claim"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["userid"], "member")
        url = invitation["entry"]["@id"]
        self.assertEqual(member.get(url).status_code, 200)
        submitted = member.post(f"{url}/@workflow/submit_for_verification")
        self.assertEqual(submitted.status_code, 200, submitted.text)

    def test_new_account_refusals(self):
        _invitation, token = self.invite(email="member@example.org")
        for body, field, message in (
            (
                {"password": "short"},
                "password",
                "Choose a password of at least 8 characters for your new account.",
            ),
            (
                {"password": "long-enough"},
                "email",
                "An account with this invitation's e-mail address exists: log in, "
                "then open the link again to claim the entry.",
            ),
            ({"action": "accept"}, "action", "Choose an action: claim or decline."),
            ({"token": ""}, "token", "Give the token of the invitation link."),
            (
                {"role": "Manager"},
                "role",
                "Unknown field: use token, action, fullname, password.",
            ),
        ):
            with self.subTest(field=field):
                response = self.anonymous.post(
                    "en/@invitation", json={"token": token, "action": "claim", **body}
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    field_errors(response), [{"field": field, "message": message}]
                )
        self.assertEqual(self.invitations()[0]["status"], "sent")
        # The link still works.
        response = self.anonymous.get("en/@invitation", params={"token": token})
        self.assertEqual(response.status_code, 200, response.text)

    def test_decline_removes_the_entry(self):
        invitation, token = self.invite()
        before = self.actors()
        response = self.anonymous.post(
            "en/@invitation", json={"token": token, "action": "decline"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            response.json(),
            {"status": "declined", "organisation": INVITATION["organisation"]},
        )
        self.assertEqual(len(self.actors()), len(before) - 1)
        self.assertEqual(self.api.get(invitation["entry"]["@id"]).status_code, 404)
        listed = self.api.get("@invitations", params={"status": "declined"}).json()
        self.assertEqual([item["id"] for item in listed["items"]], [invitation["id"]])
        self.assertIsNone(listed["items"][0]["entry"])

    def test_used_link(self):
        _invitation, token = self.invite()
        first = self.anonymous.post(
            "en/@invitation", json={"token": token, "action": "decline"}
        )
        self.assertEqual(first.status_code, 200, first.text)
        for method, kwargs in (
            (
                "post",
                {"json": {"token": token, "action": "claim", "password": "12345678"}},
            ),
            ("get", {"params": {"token": token}}),
        ):
            with self.subTest(method=method):
                response = getattr(self.anonymous, method)("en/@invitation", **kwargs)
                self.assertEqual(response.status_code, 410, response.text)
                self.assertEqual(response.json()["message"], USED)

    def test_answered_invitation_refuses_its_other_links(self):
        invitation, token = self.invite()
        transaction.begin()
        record = storage.get(invitation["id"], self.portal)
        reminder_token = invite.link(record).split("token=")[1]
        transaction.commit()
        self.anonymous.post(
            "en/@invitation", json={"token": token, "action": "decline"}
        )
        response = self.anonymous.get(
            "en/@invitation", params={"token": reminder_token}
        )
        self.assertEqual(response.status_code, 410, response.text)
        self.assertEqual(
            response.json()["message"], "This invitation has already been answered."
        )

    def test_expired_link(self):
        invitation, token = self.invite()
        transaction.begin()
        storage.get(invitation["id"], self.portal)["expires"] = time.time() - 1
        transaction.commit()
        for method, kwargs in (
            ("get", {"params": {"token": token}}),
            ("post", {"json": {"token": token, "action": "decline"}}),
        ):
            with self.subTest(method=method):
                response = getattr(self.anonymous, method)("en/@invitation", **kwargs)
                self.assertEqual(response.status_code, 410, response.text)
                self.assertEqual(
                    response.json()["message"], "This invitation has expired."
                )
        listed = self.api.get("@invitations", params={"status": "expired"}).json()
        self.assertEqual(listed["items_total"], 1)

    def test_tampered_link(self):
        invitation, token = self.invite()
        body, signature = token.split(".")
        for tampered in (
            f"{body}.{signature[:-2]}xx",
            f"x{body}.{signature}",
            "nonsense",
        ):
            with self.subTest(tampered=tampered):
                for method, kwargs in (
                    ("get", {"params": {"token": tampered}}),
                    ("post", {"json": {"token": tampered, "action": "decline"}}),
                ):
                    response = getattr(self.anonymous, method)(
                        "en/@invitation", **kwargs
                    )
                    self.assertEqual(response.status_code, 400, response.text)
                    self.assertEqual(
                        field_errors(response),
                        [{"field": "token", "message": NOT_VALID}],
                    )
        self.assertEqual(self.api.get(invitation["entry"]["@id"]).status_code, 200)
        self.assertEqual(self.invitations()[0]["status"], "sent")


class TestSecretariat(InvitationTests, unittest.TestCase):
    def test_who_may_invite_and_list(self):
        expected = {
            None: 401,
            "member": 401,
            "reviewer": 201,
            "siteadmin": 201,
            "manager": 201,
        }
        for number, (who, status) in enumerate(expected.items()):
            with self.subTest(who=who):
                if who is None:
                    session = self.anonymous
                elif who == "manager":
                    session = self.api
                else:
                    session = self.session(who)
                body = {**INVITATION, "email": f"contact{number}@example.org"}
                response = session.post("en/@invitations", json=body)
                self.assertEqual(response.status_code, status, response.text)
                listed = session.get("en/@invitations")
                self.assertEqual(listed.status_code, 200 if status == 201 else 401)
                if status == 401:
                    self.assertEqual(response.json()["type"], "Unauthorized")
                    self.assertEqual(
                        response.json()["message"],
                        "You are not authorized to access this resource.",
                    )
                    self.assertNotIn("@example.org", listed.text)
        self.assertEqual(len(self.invitations()), 3)

    def test_list_filters_and_batches(self):
        for number in range(3):
            self.invite(email=f"c{number}@example.org", organisation=f"Org {number}")
        self.invite(email="fr@example.org", language="fr")
        everything = self.api.get("@invitations").json()
        self.assertEqual(everything["items_total"], 4)
        english = self.api.get("en/@invitations", params={"b_size": 2}).json()
        self.assertEqual(english["items_total"], 3)
        self.assertEqual(len(english["items"]), 2)
        self.assertIn("next", english["batching"])
        self.assertEqual(
            self.api.get("@invitations", params={"status": "claimed"}).json()[
                "items_total"
            ],
            0,
        )
        response = self.api.get("@invitations", params={"status": "open"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "status must be one of sent, claimed, declined, expired, not open.",
        )

    def test_reminders_are_sent_once(self):
        self.invite()
        self.invite(email="late@example.org")
        transaction.begin()
        (late,) = [
            r for r in storage.records(self.portal) if r["email"] == "late@example.org"
        ]
        late["created"] -= 8 * invite.DAY
        transaction.commit()
        self.mail.sent.clear()
        from zope.component.hooks import setSite

        setSite(self.portal)
        self.assertEqual(send_reminders(), (1, 0))
        self.assertEqual(send_reminders(), (0, 0))
        transaction.commit()
        ((recipient, subject, body),) = self.mail.sent
        self.assertEqual(recipient, "late@example.org")
        self.assertEqual(
            subject, "Reminder: Harmattan Mutual Health Network is invited to SocialHub"
        )
        # The reminder's link works.
        token = self.mail.tokens()[0]
        response = self.anonymous.get("en/@invitation", params={"token": token})
        self.assertEqual(response.status_code, 200, response.text)
        listed = {
            item["email"]: item["reminded"]
            for item in self.api.get("@invitations").json()["items"]
        }
        self.assertIsNotNone(listed["late@example.org"])
        self.assertIsNone(listed[INVITATION["email"]])

    def test_expired_invitations_are_marked(self):
        self.invite()
        transaction.begin()
        storage.records(self.portal)[0]["expires"] = time.time() - 1
        transaction.commit()
        from zope.component.hooks import setSite

        setSite(self.portal)
        self.assertEqual(send_reminders(), (0, 1))
        self.assertEqual(send_reminders(), (0, 0))
        self.assertEqual(storage.records(self.portal)[0]["status"], "expired")
