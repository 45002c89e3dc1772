"""Events through the REST API: schema, round trip, bad input, relations, iCalendar."""

from socialhub.testing import field_errors
from socialhub.testing import RestRecordTests
from socialhub.testing import SOCIALHUB_EVENTS_FUNCTIONAL_TESTING

import base64
import unittest


SLIDES = base64.b64encode(b"%PDF-1.4 tiny slides").decode()
URL_MESSAGE = "Enter a web address that starts with http:// or https://."
URL_OR_MAIL_MESSAGE = (
    "Enter a web address that starts with http:// or https://, or an e-mail "
    "address that starts with mailto:."
)
NEW_FIELDS = (
    "event_kind",
    "event_mode",
    "stream_url",
    "registration_url",
    "speakers",
    "organisers",
    "materials",
    "recording_url",
    "slides",
    "summary",
    "resource_languages",
)

FULL = {
    "@type": "Event",
    "title": "Shock-responsive social protection in the Sahel",
    "description": "A webinar on adaptive safety nets.",
    "start": "2026-03-10T14:00:00+00:00",
    "end": "2026-03-10T15:30:00+00:00",
    "location": "Online and Dakar",
    "event_kind": "webinar",
    "event_mode": "hybrid",
    "stream_url": "https://example.org/webinar-room",
    "registration_url": "https://example.org/register",
    "speakers": [
        {"name": "Ana Pérez", "affiliation": "UNICEF", "orcid": "0000-0002-1825-0097"},
        {"name": "Kofi Mensah", "url": "https://example.org/kofi"},
    ],
    "recording_url": "https://example.org/recording",
    "slides": {
        "data": SLIDES,
        "encoding": "base64",
        "filename": "slides.pdf",
        "content-type": "application/pdf",
    },
    "resource_languages": ["en", "fr"],
}


class TestEventAPI(RestRecordTests, unittest.TestCase):
    layer = SOCIALHUB_EVENTS_FUNCTIONAL_TESTING
    container = "en/events"
    record = FULL

    def document(self, title, publish=True):
        document = self.post("en", {"@type": "Document", "title": title})
        if publish:
            self.publish(document)
        return document

    def test_schema(self):
        response = self.api.get("@types/Event")
        self.assertEqual(response.status_code, 200, response.text)
        properties = response.json()["properties"]
        for name in ("start", "end", "location", "recurrence", *NEW_FIELDS):
            with self.subTest(field=name):
                self.assertIn(name, properties)

    def test_round_trip(self):
        material = self.document("Reading before the webinar")
        summary = self.document("What we learnt")
        created = self.create(materials=[material["UID"]], summary=summary["UID"])
        self.assertTrue(created["@id"].endswith("/en/events/" + created["id"]))
        got = self.api.get(created["@id"]).json()
        for name in (
            "title",
            "description",
            "start",
            "end",
            "location",
            "stream_url",
            "registration_url",
            "speakers",
            "recording_url",
        ):
            with self.subTest(field=name):
                self.assertEqual(got[name], FULL[name])
        self.assertEqual(got["event_kind"], {"token": "webinar", "title": "Webinar"})
        self.assertEqual(got["event_mode"], {"token": "hybrid", "title": "Hybrid"})
        self.assertEqual(
            [lang["token"] for lang in got["resource_languages"]], ["en", "fr"]
        )
        self.assertEqual(got["slides"]["filename"], "slides.pdf")
        self.assertEqual([item["UID"] for item in got["materials"]], [material["UID"]])
        self.assertEqual(got["summary"]["UID"], summary["UID"])
        self.assertEqual(got["organisers"], [])

        patched = self.api.patch(
            created["@id"],
            json={
                "event_kind": "live_chat",
                "event_mode": "online",
                "speakers": [],
                "materials": [],
                "end": "2026-03-10T16:00:00+00:00",
            },
        )
        self.assertEqual(patched.status_code, 204, patched.text)
        got = self.api.get(created["@id"]).json()
        self.assertEqual(
            (
                got["event_kind"]["token"],
                got["event_mode"]["token"],
                got["speakers"],
                got["materials"],
                got["end"],
            ),
            ("live_chat", "online", [], [], "2026-03-10T16:00:00+00:00"),
        )
        self.assertEqual(got["stream_url"], FULL["stream_url"])

    def test_catalog_through_search(self):
        self.create(event_kind="conference")
        response = self.api.get(
            "@search",
            params={
                "event_kind": "conference",
                "metadata_fields": ["event_kind", "event_mode", "start"],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["items"]
        self.assertEqual(len(items), 1)
        self.assertEqual(
            (items[0]["event_kind"], items[0]["event_mode"], items[0]["start"]),
            ("conference", "hybrid", "2026-03-10T14:00:00+00:00"),
        )
        found = self.api.get("@search", params={"SearchableText": "Mensah"}).json()
        self.assertEqual([item["title"] for item in found["items"]], [FULL["title"]])

    def test_end_before_start(self):
        # plone.app.event's own invariant: a form-wide error, without a field.
        self.assert_refused(
            {"end": "2026-03-10T13:00:00+00:00"},
            [
                {
                    "message": "End date must be after start date.",
                }
            ],
        )

    def test_bad_input(self):
        self.assert_field_refused(
            {"event_kind": "party"}, "event_kind", "Constraint not satisfied"
        )
        self.assert_field_refused(
            {"event_mode": "remote"}, "event_mode", "Constraint not satisfied"
        )
        self.assert_field_refused(
            {"stream_url": "javascript:alert(1)"}, "stream_url", URL_MESSAGE
        )
        self.assert_field_refused(
            {"recording_url": "data:text/html;base64,PHNjcmlwdD4="},
            "recording_url",
            URL_MESSAGE,
        )
        self.assert_field_refused(
            {"registration_url": "ftp://example.org/x"},
            "registration_url",
            URL_OR_MAIL_MESSAGE,
        )
        self.assert_field_refused(
            {"speaker": []}, "speaker", "Event has no field speaker."
        )
        self.assert_field_refused(
            {"speakers": [{"affiliation": "ILO"}]},
            "speakers",
            "0: 'name' is a required property",
        )

    def test_bad_patch_changes_nothing(self):
        created = self.create()
        response = self.api.patch(
            created["@id"], json={"stream_url": "javascript:alert(1)"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [
                {
                    "field": "stream_url",
                    "message": URL_MESSAGE,
                }
            ],
        )
        self.assertEqual(
            self.api.get(created["@id"]).json()["stream_url"], FULL["stream_url"]
        )

    def test_private_relations_not_shown_to_anonymous(self):
        public = self.document("Public reading")
        secret = self.document("Secret draft reading", publish=False)
        summary = self.document("Secret draft summary", publish=False)
        event = self.create(
            materials=[public["UID"], secret["UID"]], summary=summary["UID"]
        )
        self.publish(event)
        got = self.api.get(event["@id"]).json()
        self.assertEqual(
            [i["UID"] for i in got["materials"]], [public["UID"], secret["UID"]]
        )
        self.assertEqual(got["summary"]["UID"], summary["UID"])
        response = self.anonymous.get(event["@id"])
        self.assertEqual(response.status_code, 200, response.text)
        got = response.json()
        self.assertEqual([i["UID"] for i in got["materials"]], [public["UID"]])
        self.assertIsNone(got["summary"])
        for leak in ("Secret draft", secret["UID"], summary["UID"]):
            self.assertNotIn(leak, response.text)

    def test_events_outside_the_section(self):
        response = self.api.post("en", json={"@type": "Folder", "title": "Meetings"})
        self.assertEqual(response.status_code, 201, response.text)
        event = self.create(container=response.json()["@id"], event_kind="forum")
        got = self.api.get(event["@id"]).json()
        self.assertEqual(got["event_kind"]["token"], "forum")
        refused = self.api.post(response.json()["@id"], json={**FULL, "oops": 1})
        self.assertEqual(refused.status_code, 400, refused.text)

    def test_ics_export(self):
        event = self.create()
        self.publish(event)
        for session in (self.api, self.anonymous):
            response = session.get(
                f"{event['@id']}/ics_view", headers={"Accept": "text/calendar"}
            )
            self.assertEqual(response.status_code, 200, response.text)
            self.assertTrue(
                response.headers["Content-Type"].startswith("text/calendar")
            )
            self.assertIn("BEGIN:VEVENT", response.text)
            self.assertIn(f"SUMMARY:{FULL['title']}", response.text)
            self.assertIn("DTSTART:20260310T140000Z", response.text)
