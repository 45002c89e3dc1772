"""Member accounts of people who register themselves (socialhub.hub.accounts)."""

from plone import api
from socialhub.core.tokens import ExpiredToken
from socialhub.core.tokens import InvalidToken
from socialhub.core.tokens import UsedToken
from socialhub.hub import accounts
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING

import unittest


PASSWORD = "a-long-Secret-42"


class TestAccounts(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.acl_users = self.portal.acl_users

    def authenticates(self, login, password):
        return self.acl_users.authenticate(login, password, self.layer["request"])

    def test_a_new_member_logs_in_with_their_address_after_confirming(self):
        userid = accounts.create_member("Ada@Example.org ", "Ada L.", "fr")
        self.assertTrue(userid.startswith("member-"))
        self.assertNotIn("ada", userid)
        user = api.user.get(userid=userid)
        self.assertEqual(user.getProperty("email"), "ada@example.org")
        self.assertEqual(user.getProperty("fullname"), "Ada L.")
        self.assertEqual(user.getProperty("language"), "fr")
        self.assertFalse(user.getProperty("listed"))
        self.assertEqual(user.getUserName(), "ada@example.org")
        self.assertTrue(accounts.is_pending(userid))
        self.assertIsNone(self.authenticates("ada@example.org", PASSWORD))

        token = accounts.confirmation_token(userid)
        self.assertEqual(accounts.confirm_member(token, PASSWORD), userid)
        self.assertFalse(accounts.is_pending(userid))
        self.assertIsNotNone(self.authenticates("ada@example.org", PASSWORD))

    def test_an_active_member_is_not_pending(self):
        userid = accounts.create_member("grace@example.org", "Grace", "en", active=True)
        self.assertFalse(accounts.is_pending(userid))

    def test_one_account_per_address(self):
        accounts.create_member("ada@example.org", "Ada", "en")
        with self.assertRaises(ValueError):
            accounts.create_member("ADA@example.org", "Ada", "en")
        with self.assertRaises(ValueError):
            accounts.create_member("  ", "Nobody", "en")

    def test_members_are_found_by_address_in_any_case(self):
        userid = accounts.create_member("ada@example.org", "Ada", "en")
        self.assertEqual(accounts.find_member_by_email("ADA@Example.org"), userid)
        self.assertIsNone(accounts.find_member_by_email("ad@example.org"))
        self.assertIsNone(accounts.find_member_by_email(""))
        # An account made otherwise (login = user id) is found by its e-mail.
        api.user.create(email="Old@Example.org", username="oldtimer", password=PASSWORD)
        self.assertEqual(accounts.find_member_by_email("old@example.org"), "oldtimer")

    def test_a_confirmation_works_once(self):
        userid = accounts.create_member("ada@example.org", "Ada", "en")
        token = accounts.confirmation_token(userid)
        accounts.confirm_member(token, PASSWORD)
        with self.assertRaises(UsedToken):
            accounts.confirm_member(token, "another-Secret-43")
        self.assertIsNone(self.authenticates("ada@example.org", "another-Secret-43"))

    def test_expired_and_tampered_tokens_are_refused(self):
        userid = accounts.create_member("ada@example.org", "Ada", "en")
        with self.assertRaises(ExpiredToken):
            accounts.confirm_member(accounts.confirmation_token(userid, -1), PASSWORD)
        token = accounts.confirmation_token(userid)
        with self.assertRaises(InvalidToken):
            accounts.confirm_member(token[:-3] + "abc", PASSWORD)
        self.assertTrue(accounts.is_pending(userid))

    def test_a_refused_password_leaves_the_link_usable(self):
        userid = accounts.create_member("ada@example.org", "Ada", "en")
        token = accounts.confirmation_token(userid)
        for bad in ("", None, "short"):
            with self.subTest(password=bad):
                with self.assertRaises(accounts.AccountError) as raised:
                    accounts.confirm_member(token, bad)
                self.assertEqual(raised.exception.field, "password")
        self.assertEqual(accounts.pending_member(token), userid)
        self.assertEqual(accounts.confirm_member(token, PASSWORD), userid)

    def test_a_removed_account_cannot_be_confirmed(self):
        userid = accounts.create_member("ada@example.org", "Ada", "en")
        token = accounts.confirmation_token(userid)
        api.user.delete(username=userid)
        with self.assertRaises(accounts.AccountError):
            accounts.confirm_member(token, PASSWORD)
