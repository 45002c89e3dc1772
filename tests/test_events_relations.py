"""Relations of events to actors and publications, on the whole suite.

Organisers are Actors and materials Publications, so these tests run on the
suite layer, where every plugin is installed.
"""

from socialhub.testing import field_errors
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


EVENT = {
    "@type": "Event",
    "title": "Financing social protection floors",
    "start": "2027-02-10T14:00:00+00:00",
    "end": "2027-02-10T15:30:00+00:00",
    "event_kind": "webinar",
    "event_mode": "online",
}


class TestEventRelations(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        super().setUp()
        self.host = self.add(
            "en/actors", "Actor", {"title": "Social Protection Network"}
        )
        self.report = self.add(
            "en/publications", "Publication", {"title": "Costing the floor"}
        )
        for item in (self.host, self.report):
            self.make_public(item)
        self.secret_actor = self.add(
            "en/actors", "Actor", {"title": "Confidential sponsor"}
        )
        self.draft = self.add(
            "en/publications", "Publication", {"title": "Draft background note"}
        )

    def add(self, container, portal_type, fields):
        return super().add(container, portal_type, **fields)

    def test_round_trip(self):
        event = self.add(
            "en/events",
            "Event",
            {
                **EVENT,
                "organisers": [self.host["UID"]],
                "materials": [self.report["UID"]],
            },
        )
        got = self.api.get(event["@id"]).json()
        self.assertEqual(self.uids(got["organisers"]), [self.host["UID"]])
        self.assertEqual(self.uids(got["materials"]), [self.report["UID"]])
        patched = self.api.patch(event["@id"], json={"organisers": [], "materials": []})
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(event["@id"]).json()
        self.assertEqual((got["organisers"], got["materials"]), ([], []))

    def test_organiser_must_be_an_actor(self):
        before = len(self.portal["en"]["events"].objectIds())
        response = self.api.post(
            "en/events", json={**EVENT, "organisers": [self.report["UID"]]}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "organisers",
                    "message": "Constraint not satisfied",
                }
            ],
        )
        transaction.begin()
        self.assertEqual(len(self.portal["en"]["events"].objectIds()), before)

    def test_private_targets_not_shown_to_anonymous(self):
        event = self.add(
            "en/events",
            "Event",
            {
                **EVENT,
                "organisers": [self.secret_actor["UID"], self.host["UID"]],
                "materials": [self.draft["UID"], self.report["UID"]],
            },
        )
        self.make_public(event)
        got = self.api.get(event["@id"]).json()
        self.assertEqual(
            self.uids(got["organisers"]), [self.secret_actor["UID"], self.host["UID"]]
        )
        response = self.anonymous.get(event["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        got = response.json()
        self.assertEqual(self.uids(got["organisers"]), [self.host["UID"]])
        self.assertEqual(self.uids(got["materials"]), [self.report["UID"]])
        for leak in (
            "Confidential sponsor",
            "Draft background note",
            self.secret_actor["UID"],
            self.draft["UID"],
        ):
            self.assertNotIn(leak, response.text)
