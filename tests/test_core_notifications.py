"""Review transitions mail the reviewers and the author, in the item's language."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import SOCIALHUB_MAIL_INTEGRATION_TESTING

import unittest


def mails(portal):
    """(recipient, subject, body) of every message the MockMailHost got."""
    found = []
    for raw in portal.MailHost.messages:
        message = message_from_bytes(raw)
        subject = str(make_header(decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode(message.get_content_charset())
        found.append((message["To"], subject, body))
    return found


class TestReviewMail(unittest.TestCase):
    layer = SOCIALHUB_MAIL_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        api.user.create(
            email="reviewer@example.org",
            username="reviewer",
            password="reviewer-pw",
            roles=["Reviewer"],
        )
        api.user.create(
            email="author@example.org", username="author", password="author-pw"
        )
        for language in ("en", "fr"):
            api.user.grant_roles(
                username="author", obj=self.portal[language], roles=["Contributor"]
            )

    def draft(self, language="en", title="Cash transfers"):
        login(self.portal, "author")
        item = api.content.create(
            container=self.portal[language]["publications"],
            type="Publication",
            title=title,
        )
        self.portal.MailHost.reset()
        return item

    def test_submit_mails_the_reviewers(self):
        item = self.draft()
        api.content.transition(obj=item, transition="submit", comment="Ready")
        ((recipient, subject, body),) = mails(self.portal)
        self.assertEqual(recipient, "reviewer@example.org")
        self.assertEqual(subject, "Review requested: Cash transfers")
        self.assertIn('author did "submit" on "Cash transfers".', body)
        self.assertIn("Ready", body)
        self.assertIn(item.absolute_url(), body)

    def test_reject_and_publish_mail_the_author_with_the_comment(self):
        item = self.draft()
        api.content.transition(obj=item, transition="submit")
        login(self.portal, "reviewer")
        self.portal.MailHost.reset()
        api.content.transition(obj=item, transition="reject", comment="Add sources")
        api.content.transition(obj=item, transition="publish", comment="Thanks")
        self.assertEqual(
            [(recipient, subject) for recipient, subject, _body in mails(self.portal)],
            [
                ("author@example.org", "Sent back to you: Cash transfers"),
                ("author@example.org", "Published: Cash transfers"),
            ],
        )
        self.assertIn("Add sources", mails(self.portal)[0][2])

    def test_in_the_language_of_the_item(self):
        item = self.draft("fr", "Transferts monétaires")
        api.content.transition(obj=item, transition="submit")
        ((_recipient, subject, _body),) = mails(self.portal)
        self.assertEqual(subject, "Révision demandée : Transferts monétaires")

    def test_other_transitions_send_nothing(self):
        item = self.draft()
        api.content.transition(obj=item, transition="submit")
        self.portal.MailHost.reset()
        api.content.transition(obj=item, transition="retract")
        self.assertEqual(mails(self.portal), [])
