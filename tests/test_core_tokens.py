"""Signed, expiring, single-use tokens (socialhub.core.tokens)."""

from plone.keyring.interfaces import IKeyManager
from socialhub.core import tokens
from socialhub.core.tokens import ExpiredToken
from socialhub.core.tokens import InvalidToken
from socialhub.core.tokens import UsedToken
from socialhub.testing import SOCIALHUB_CORE_INTEGRATION_TESTING
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import time
import unittest


DAY = 24 * 3600


class TestTokens(unittest.TestCase):
    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_a_token_carries_its_subject(self):
        token = tokens.make_token("confirm", {"user": "ada"}, DAY)
        self.assertEqual(tokens.read_token("confirm", token), {"user": "ada"})
        self.assertEqual(tokens.redeem_token("confirm", token), {"user": "ada"})

    def test_reading_does_not_use_it_up_nor_write(self):
        token = tokens.make_token("confirm", "ada", DAY)
        tokens.read_token("confirm", token)
        tokens.read_token("confirm", token)
        self.assertNotIn(tokens.USED_KEY, IAnnotations(self.portal))
        self.assertEqual(tokens.redeem_token("confirm", token), "ada")

    def test_a_token_works_once(self):
        token = tokens.make_token("confirm", "ada", DAY)
        tokens.redeem_token("confirm", token)
        with self.assertRaises(UsedToken) as raised:
            tokens.redeem_token("confirm", token)
        self.assertEqual(raised.exception.status, 410)
        with self.assertRaises(UsedToken):
            tokens.read_token("confirm", token)

    def test_a_token_expires(self):
        token = tokens.make_token("confirm", "ada", -1)
        with self.assertRaises(ExpiredToken) as raised:
            tokens.read_token("confirm", token)
        self.assertEqual(raised.exception.status, 410)

    def test_a_token_is_for_one_purpose(self):
        token = tokens.make_token("confirm", "ada", DAY)
        with self.assertRaises(InvalidToken) as raised:
            tokens.redeem_token("invitation", token)
        self.assertEqual(raised.exception.status, 400)

    def test_tampered_or_malformed_tokens_are_refused(self):
        token = tokens.make_token("confirm", "ada", DAY)
        body, signature = token.split(".")
        forged = tokens.make_token("confirm", "root", DAY).split(".")[0]
        for bad in (
            f"{forged}.{signature}",
            f"{body}.{signature[:-2]}",
            body,
            "",
            "..",
            "a" * 5000,
            None,
            "%%%.%%%",
        ):
            with self.subTest(token=bad), self.assertRaises(InvalidToken):
                tokens.read_token("confirm", bad)

    def test_a_token_survives_a_key_rotation(self):
        token = tokens.make_token("confirm", "ada", DAY)
        getUtility(IKeyManager).rotate(tokens.RING)
        self.assertEqual(tokens.read_token("confirm", token), "ada")

    def test_plone_protects_weekly_rotations_do_not_void_tokens(self):
        token = tokens.make_token("invitation", "ada", 60 * DAY)
        for _week in range(6):
            getUtility(IKeyManager).rotate("_system")
        self.assertEqual(tokens.read_token("invitation", token), "ada")

    def test_expired_nonces_are_forgotten(self):
        kept = tokens.make_token("confirm", "kept", DAY)
        tokens.redeem_token("confirm", kept)
        tokens.redeem_token("confirm", tokens.make_token("confirm", "old", 60))
        self.assertEqual(tokens.forget_expired_tokens(now=time.time() + 120), 1)
        self.assertEqual(tokens.forget_expired_tokens(now=time.time() + 120), 0)
        with self.assertRaises(UsedToken):
            tokens.redeem_token("confirm", kept)
