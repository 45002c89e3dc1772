"""Relations of initiatives to actors and publications, on the whole suite.

The targets are Actors and Publications, so these tests run on the suite
layer, where every plugin is installed.
"""

from socialhub.testing import field_errors
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


class TestInitiativeRelations(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        self.lead = self.add("en/actors", "Actor", "Ministry of Community Development")
        self.partner = self.add("en/actors", "Actor", "District councils network")
        self.funder = self.add("en/actors", "Actor", "Child Fund")
        self.report = self.add(
            "en/publications", "Publication", "Child grant evaluation"
        )
        for item in (self.lead, self.partner, self.funder, self.report):
            self.make_public(item)
        self.secret = self.add("en/actors", "Actor", "Confidential donor")

    def add(self, container, portal_type, title, **fields):
        return super().add(container, portal_type, title=title, **fields)

    def test_round_trip(self):
        initiative = self.add(
            "en/initiatives",
            "Initiative",
            "Child grant",
            lead_organisation=self.lead["UID"],
            partners=[self.partner["UID"], self.lead["UID"]],
            funders=[self.funder["UID"]],
            related_publications=[self.report["UID"]],
        )
        got = self.api.get(initiative["@id"]).json()
        self.assertEqual(got["lead_organisation"]["UID"], self.lead["UID"])
        self.assertEqual(
            self.uids(got["partners"]), [self.partner["UID"], self.lead["UID"]]
        )
        self.assertEqual(self.uids(got["funders"]), [self.funder["UID"]])
        self.assertEqual(self.uids(got["related_publications"]), [self.report["UID"]])
        patched = self.api.patch(
            initiative["@id"], json={"lead_organisation": None, "partners": []}
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(initiative["@id"]).json()
        self.assertEqual((got["lead_organisation"], got["partners"]), (None, []))
        self.assertEqual(self.uids(got["funders"]), [self.funder["UID"]])

    def test_private_actors_not_shown_to_anonymous(self):
        initiative = self.add(
            "en/initiatives",
            "Initiative",
            "Child grant",
            lead_organisation=self.secret["UID"],
            partners=[self.secret["UID"], self.partner["UID"]],
            funders=[self.secret["UID"]],
            related_publications=[self.report["UID"]],
        )
        self.make_public(initiative)
        got = self.api.get(initiative["@id"]).json()
        self.assertEqual(got["lead_organisation"]["UID"], self.secret["UID"])
        self.assertEqual(self.uids(got["funders"]), [self.secret["UID"]])
        response = self.anonymous.get(initiative["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        got = response.json()
        self.assertIsNone(got["lead_organisation"])
        self.assertEqual(self.uids(got["partners"]), [self.partner["UID"]])
        self.assertEqual(got["funders"], [])
        self.assertEqual(self.uids(got["related_publications"]), [self.report["UID"]])
        self.assertNotIn("Confidential donor", response.text)
        self.assertNotIn(self.secret["UID"], response.text)

    def test_partner_must_be_an_actor(self):
        transaction.begin()
        before = len(self.portal["en"]["initiatives"].objectIds())
        response = self.api.post(
            "en/initiatives",
            json={
                "@type": "Initiative",
                "title": "Child grant",
                "partners": [self.report["UID"]],
            },
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "partners",
                    "message": "Constraint not satisfied",
                }
            ],
        )
        transaction.begin()
        self.assertEqual(len(self.portal["en"]["initiatives"].objectIds()), before)
