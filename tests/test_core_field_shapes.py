"""Values of the wrong JSON shape, bad recurrence rules and refused pastes are 400s.

``make fuzz`` (3,000 requests per endpoint) found each of these answering
HTTP 500 or 503 in stock plone.restapi or plone.app.event code. Every case
goes through HTTP and asserts the exact status and message, and that
nothing changed.
"""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from socialhub.core.recurrence import check_recurrence
from socialhub.core.recurrence import InvalidRecurrence
from socialhub.core.restapi.fieldshapes import shape_problem
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from zope.schema import Choice
from zope.schema import Datetime
from zope.schema import List

import json
import requests
import transaction
import unittest


TOKEN = 'Give a term\'s token as text, or {"token": ...}.'
RELATION = 'Give the UID, path or address of an item, or {"@id": ...}.'
DATE = "Give a date as text, such as 2024-12-31 or 2024-12-31T18:30."
FILE = (
    'Give a file as {"data": ..., "filename": ..., "content-type": ..., '
    '"encoding": ...}, each a text.'
)
JSON_TEXT = "Give the value as JSON."
RECURRENCE = "This is not a recurrence rule such as RRULE:FREQ=WEEKLY;COUNT=10."


class TestShapeProblem(unittest.TestCase):
    """What each kind of field takes, without a site."""

    def test_choice(self):
        field = Choice(values=["a"])
        self.assertIsNone(shape_problem(field, "a"))
        self.assertIsNone(shape_problem(field, {"token": "a"}))
        self.assertIsNone(shape_problem(field, None))
        for value in ({}, [], ["a"], {"token": []}):
            with self.subTest(value=value):
                self.assertEqual(shape_problem(field, value).default, TOKEN)

    def test_list_of_choices(self):
        field = List(value_type=Choice(values=["a"]))
        self.assertIsNone(shape_problem(field, ["a", {"token": "a"}]))
        self.assertIsNone(shape_problem(field, "a"))  # plone.restapi wraps it
        self.assertEqual(shape_problem(field, [{}]).default, TOKEN)
        self.assertEqual(shape_problem(field, [["a"]]).default, TOKEN)

    def test_dates(self):
        self.assertIsNone(shape_problem(Datetime(), "2024-12-31"))
        for value in (194, {}, [["x"]], True):
            with self.subTest(value=value):
                self.assertEqual(shape_problem(Datetime(), value).default, DATE)

    def test_recurrence(self):
        check_recurrence("RRULE:FREQ=WEEKLY;COUNT=3")
        check_recurrence("")
        for rule in ("x", "2024-13-45", "RRULE:FREQ=WEEKLY;UNTIL=x"):
            with self.subTest(rule=rule), self.assertRaises(InvalidRecurrence):
                check_recurrence(rule)


class TestRefusedOverHTTP(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.page = api.content.create(
            container=self.portal["en"], type="Document", id="page", title="A page"
        )
        self.event = api.content.create(
            container=self.portal["en"], type="Event", id="event", title="An event"
        )
        self.publication = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            id="publication",
            title="A publication",
        )
        transaction.commit()
        self.api = api_session(self.layer, self)

    def assertFieldsRefused(self, path, body, errors):
        item = self.portal.unrestrictedTraverse(path)
        serial = item._p_serial
        response = self.api.patch(path, json=body)
        self.assertEqual(response.status_code, 400, response.text)
        answer = response.json()
        self.assertEqual(answer["errors"], errors)
        self.assertEqual(answer["message"], json.dumps(errors, ensure_ascii=False))
        self.assertNotIn("traceback", answer)
        transaction.begin()
        self.assertEqual(self.portal.unrestrictedTraverse(path)._p_serial, serial)

    def test_wrong_shapes_are_field_errors(self):
        path = "en/publications/publication"
        cases = [
            ({"licence": []}, "licence", TOKEN),
            ({"licence": {}}, "licence", TOKEN),
            ({"resource_languages": [{}]}, "resource_languages", TOKEN),
            ({"language": ["en"]}, "language", TOKEN),
            ({"expires": {}}, "expires", DATE),
            ({"effective": 194}, "effective", DATE),
            ({"effective": [["x", None]]}, "effective", DATE),
            ({"relatedItems": [{}]}, "relatedItems", RELATION),
            ({"publishers": {"a": 1}}, "publishers", RELATION),
            ({"image": 194}, "image", FILE),
            ({"file": ["x"]}, "file", FILE),
            (
                {"file": {"data": "", "encoding": "", "filename": "a.pdf"}},
                "file",
                "Give the encoding of the file's data, such as base64.",
            ),
            ({"authors": ""}, "authors", JSON_TEXT),
        ]
        for body, field, message in cases:
            with self.subTest(body=body):
                self.assertFieldsRefused(
                    path, body, [{"field": field, "message": message}]
                )

    def test_every_wrong_property_is_named(self):
        self.assertFieldsRefused(
            "en/page",
            {"title": "Kept?", "expires": {}, "language": []},
            [
                {"field": "expires", "message": DATE},
                {"field": "language", "message": TOKEN},
            ],
        )
        self.assertEqual(self.portal["en"]["page"].Title(), "A page")

    def test_bad_recurrence_rule(self):
        self.assertFieldsRefused(
            "en/event",
            {"recurrence": "x"},
            [{"field": "recurrence", "message": RECURRENCE}],
        )
        response = self.api.patch(
            "en/event", json={"recurrence": "RRULE:FREQ=WEEKLY;COUNT=3"}
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        event = self.portal["en"]["event"]
        self.assertEqual(event.recurrence, "RRULE:FREQ=WEEKLY;COUNT=3")

    def test_paste_into_a_folder_that_does_not_take_the_type(self):
        for service in ("@copy", "@move"):
            with self.subTest(service=service):
                source = {"source": self.page.absolute_url()}
                response = self.api.post(f"en/publications/{service}", json=source)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(
                    response.json()["message"], "Publications does not take Document."
                )
        transaction.begin()
        self.assertIn("page", self.portal["en"].objectIds())
        self.assertEqual(
            list(self.portal["en"]["publications"].objectIds()), ["publication"]
        )

    def test_api_path_without_accept_header(self):
        """A ++api++ path is the REST API whatever the request accepts."""
        url = f"{self.page.absolute_url()}/++api++"
        anonymous = requests.patch(url, data=b'"x"', timeout=30)
        self.assertEqual(anonymous.status_code, 401, anonymous.text)
        self.assertEqual(anonymous.json()["type"], "Unauthorized")
        response = requests.patch(
            url,
            data=b'{"title": "Renamed"}',
            headers={"Content-Type": "application/json"},
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=30,
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(self.portal["en"]["page"].Title(), "Renamed")

    def test_translation_locator_of_the_site_root(self):
        params = {"target_language": "fr"}
        response = self.api.get("@translation-locator", params=params)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "The site root is not translated: ask @translation-locator "
            "of a language root or of an item.",
        )

    def test_type_field_of_an_unknown_type(self):
        for path in ("@types/Nothing/title", "@types/a%2Fb"):
            with self.subTest(path=path):
                self.assertEqual(self.api.get(path).status_code, 404)

    def test_user_post_below_users(self):
        for path in ("@users/x", "@users/a%2Fb", "@users/x/y"):
            with self.subTest(path=path):
                response = self.api.post(path, json={})
                self.assertEqual(response.status_code, 404, response.text)

    def test_user_patch_without_a_user_or_a_body(self):
        api.user.create(email="m@example.org", username="member", password="member-pw")
        transaction.commit()
        response = self.api.patch("@users/", json={})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"],
            "Name the user to change: PATCH @users/<user id>.",
        )
        response = self.api.patch(
            "@users/member", data=b"", headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            response.json()["message"], "The request body must be a JSON object."
        )
        # Who may not manage users learns nothing of who exists.
        anonymous = api_session(self.layer, self, auth=None)
        for user in ("member", "nobody"):
            with self.subTest(user=user):
                response = anonymous.patch(f"@users/{user}", json={"email": "x@y.org"})
                self.assertEqual(response.status_code, 401, response.text)
