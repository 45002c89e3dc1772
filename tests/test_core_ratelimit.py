"""How often one client may do a thing (socialhub.core.ratelimit)."""

from socialhub.core import ratelimit
from socialhub.core.ratelimit import RateLimited
from socialhub.testing import SOCIALHUB_CORE_INTEGRATION_TESTING
from zope.annotation.interfaces import IAnnotations

import unittest


HOUR = 3600


class TestRateLimit(unittest.TestCase):
    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]

    def test_refuses_past_the_limit_then_allows_again(self):
        for minute in range(3):
            ratelimit.check_rate("register", "10.0.0.1", 3, HOUR, now=1000 + minute)
        with self.assertRaises(RateLimited) as raised:
            ratelimit.check_rate("register", "10.0.0.1", 3, HOUR, now=1100)
        self.assertEqual(raised.exception.getStatus(), 429)
        self.assertEqual(raised.exception.retry_after, HOUR - 100)
        self.assertEqual(
            str(raised.exception),
            "Too many attempts from you: try again in 59 minutes.",
        )
        self.assertEqual(self.request.response.getHeader("Retry-After"), "3500")
        # The refused attempt is not counted; the oldest one ages out.
        ratelimit.check_rate("register", "10.0.0.1", 3, HOUR, now=1000 + HOUR + 1)

    def test_keys_and_buckets_are_counted_apart(self):
        ratelimit.check_rate("register", "10.0.0.1", 1, HOUR, now=1000)
        ratelimit.check_rate("register", "10.0.0.2", 1, HOUR, now=1000)
        ratelimit.check_rate("report", "10.0.0.1", 1, HOUR, now=1000)
        with self.assertRaises(RateLimited):
            ratelimit.check_rate("report", "10.0.0.1", 1, HOUR, now=1001)

    def test_addresses_are_not_stored(self):
        ratelimit.check_rate("register", "ada@example.org", 2, HOUR, now=1000)
        stored = IAnnotations(self.portal)[ratelimit.ATTEMPTS_KEY]
        (key,) = stored.keys()
        self.assertTrue(key.startswith("register:"))
        self.assertNotIn("ada", key)

    def test_old_attempts_are_forgotten(self):
        ratelimit.check_rate("register", "10.0.0.1", 5, HOUR, now=1000)
        ratelimit.check_rate("register", "10.0.0.2", 5, HOUR, now=5000)
        self.assertEqual(ratelimit.forget_old_attempts(HOUR, now=5000), 1)
        self.assertEqual(ratelimit.forget_old_attempts(HOUR, now=5000), 0)
        self.assertEqual(
            ratelimit.recent_attempts("register", "10.0.0.2", HOUR, now=5000),
            (5000,),
        )

    def test_client_address_is_zopes(self):
        self.request._client_addr = "192.0.2.7"
        self.assertEqual(ratelimit.client_address(self.request), "192.0.2.7")
        self.request._client_addr = ""
        self.assertEqual(ratelimit.client_address(self.request), "unknown")
