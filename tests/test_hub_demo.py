"""The demo site has one verification partner and one open report."""

from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING

import unittest


class TestHubDemo(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.admin = api_session(self.layer, self)

    def test_a_partner_with_a_scope(self):
        (partner,) = self.admin.get("@verification-partners").json()["items"]
        self.assertEqual(
            (partner["id"], partner["title"], partner["geography"]),
            ("verifiers-africa-cash-network", "Africa Cash Network", ["002"]),
        )
        self.assertTrue(partner["organisation"])

    def test_an_open_report(self):
        (report,) = self.admin.get("@reports").json()["items"]
        self.assertEqual(
            (report["item"]["@type"], report["reason"], report["status"]),
            ("Initiative", "wrong_information", "open"),
        )

    def test_demo_organisations_have_a_verification_record(self):
        verification = self.admin.get("en/actors/ilo/@verification").json()
        self.assertEqual(verification["status"], "verified")
        self.assertEqual([i["action"] for i in verification["items"]], ["verify"])
