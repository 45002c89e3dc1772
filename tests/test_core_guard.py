"""The request guard: what Zope or stock plone.restapi would fail on is a 4xx.

Every case goes through HTTP to a real site, served through the middleware
of SocialHub's ``zope.ini`` (``socialhub.testing.SocialHubWSGIServer``), and
asserts the exact status and message; a refused request changes nothing.
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import FunctionalTesting
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from socialhub.core.guard import limits
from socialhub.core.guard.wsgi import json_depth
from socialhub.core.guard.wsgi import preferred_language
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FIXTURE
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_WSGI_SERVER_FIXTURE
from socialhub.testing import SocialHubLayer

import json
import requests
import transaction
import unittest


class BatchDocumentsLayer(SocialHubLayer):
    """The suite's site with more Documents in ``/en`` than a batch takes,
    created once for :class:`TestBatches` rather than before each test."""

    defaultBases = (SOCIALHUB_FIXTURE,)

    def setUpPloneSite(self, portal):
        for number in range(limits.MAX_BATCH_SIZE + 5):
            api.content.create(
                container=portal["en"],
                type="Document",
                id=f"doc-{number}",
                title=f"Document {number}",
            )
        super().setUpPloneSite(portal)


SOCIALHUB_BATCH_DOCUMENTS_TESTING = FunctionalTesting(
    bases=(
        BatchDocumentsLayer(name="SocialHubBatchDocumentsLayer:Fixture"),
        SOCIALHUB_WSGI_SERVER_FIXTURE,
    ),
    name="SocialHubBatchDocumentsLayer:Functional",
)


class TestJsonDepth(unittest.TestCase):
    """How deep a JSON text nests, read without parsing it."""

    def test_depth(self):
        self.assertEqual(json_depth(b'{"a": 1}'), 1)
        self.assertEqual(json_depth(b'{"a": [1, {"b": []}]}'), 4)
        self.assertEqual(json_depth(b"[" * 1000), 1000)

    def test_brackets_in_strings_do_not_count(self):
        self.assertEqual(json_depth(b'{"a": "[[[[{{{{", "b": "\\"[["}'), 1)

    def test_preferred_language(self):
        self.assertEqual(preferred_language({}), "en")
        self.assertEqual(
            preferred_language({"HTTP_ACCEPT_LANGUAGE": "de, es;q=0.8, fr;q=0.9"}),
            "fr",
        )
        self.assertEqual(preferred_language({"HTTP_ACCEPT_LANGUAGE": "es-MX"}), "es")


class GuardTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.page = api.content.create(
            container=self.portal["en"], type="Document", id="page", title="A page"
        )
        api.content.transition(self.page, "publish")
        api.user.create(email="m@example.org", username="member", password="member-pw")
        transaction.commit()
        self.api = api_session(self.layer, self)
        self.anonymous = api_session(self.layer, self, auth=None)
        self.member = api_session(self.layer, self, ("member", "member-pw"))
        self.base = self.portal.absolute_url()

    def assertRefused(self, response, status, message, error_type="BadRequest"):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.headers["Content-Type"], "application/json")
        body = response.json()
        self.assertEqual(body["type"], error_type)
        self.assertEqual(body["message"], message)
        self.assertNotIn("traceback", body)
        return body

    def assertFieldRefused(self, response, field, message):
        body = self.assertRefused(
            response,
            400,
            json.dumps([{"field": field, "message": message}], ensure_ascii=False),
        )
        self.assertEqual(body["errors"], [{"field": field, "message": message}])

    def children(self, path="en"):
        transaction.begin()
        return sorted(self.portal.unrestrictedTraverse(path).objectIds())


class TestBeforeZope(GuardTestCase):
    """What the WSGI middleware answers before Zope reads the request."""

    def test_a_path_that_is_not_utf8_is_a_400(self):
        response = self.anonymous.get("en/%ff")
        self.assertRefused(response, 400, "The URL's path is not valid UTF-8.")

    def test_a_browser_gets_the_message_as_text(self):
        response = requests.get(f"{self.base}/en/%ff", timeout=60)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.text, "The URL's path is not valid UTF-8.")

    def test_the_message_follows_accept_language(self):
        response = self.anonymous.get("en/%ff", headers={"Accept-Language": "fr"})
        self.assertRefused(
            response, 400, "Le chemin de l'URL n'est pas en UTF-8 valide."
        )

    def test_a_body_over_the_limit_is_a_413(self):
        body = b'{"title": "' + b"x" * limits.MAX_BODY_SIZE + b'"}'
        before = self.children()
        response = self.api.post(
            "en", data=body, headers={"Content-Type": "application/json"}
        )
        self.assertRefused(
            response,
            413,
            f"The request body has {len(body)} bytes; at most "
            f"{limits.MAX_BODY_SIZE} are accepted.",
            error_type="PayloadTooLarge",
        )
        self.assertEqual(self.children(), before)

    def test_a_body_nested_too_deep_is_a_400(self):
        message = (
            f"The request body nests arrays and objects deeper than "
            f"{limits.MAX_JSON_DEPTH} levels."
        )
        for body in ("[" * 100_000, '{"a":' * 65 + "1" + "}" * 65):
            with self.subTest(length=len(body)):
                response = self.api.post(
                    "en", data=body, headers={"Content-Type": "application/json"}
                )
                self.assertRefused(response, 400, message)

    def test_nesting_within_the_limit_passes(self):
        nested = {"@type": "Document", "title": "Deep", "blocks": {}}
        node = nested["blocks"]
        for _level in range(limits.MAX_JSON_DEPTH - 3):
            node["child"] = {}
            node = node["child"]
        response = self.api.post("en", json=nested)
        self.assertEqual(response.status_code, 201, response.text)


class TestZopeInputs(GuardTestCase):
    """Zope's parsing of the query string and form."""

    def test_a_converter_error_is_a_400(self):
        cases = {
            "x:int=a": "An integer was expected in the value 'a'",
            "x:float=a": "A floating-point number was expected in the value 'a'",
            "x:utf8:ustring=%ff": "'utf-8' codec can't decode byte 0xff in "
            "position 0: invalid start byte",
        }
        for query, problem in cases.items():
            with self.subTest(query=query):
                response = self.anonymous.get(f"en/page?{query}")
                self.assertRefused(
                    response,
                    400,
                    f"The request's parameters cannot be read: {problem}",
                )

    def test_a_converter_error_in_the_classic_ui_is_a_400(self):
        response = requests.get(f"{self.base}/en/page?b_start:int=a", timeout=60)
        self.assertEqual(response.status_code, 400)

    def test_converter_suffixes_are_refused_on_the_rest_api(self):
        response = self.anonymous.get("@search?b_size:int=5")
        self.assertRefused(
            response,
            400,
            "The parameter b_size:int has a Zope converter suffix, which the REST "
            "API does not take: give the plain name, repeated for several values.",
        )


class TestRestBodies(GuardTestCase):
    """Writing REST requests send one JSON object, or nothing."""

    def test_another_media_type_is_a_415_and_creates_nothing(self):
        before = self.children()
        body = json.dumps({"@type": "Document", "title": "Sneaky"})
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            with self.subTest(content_type=content_type):
                response = self.api.post(
                    "en", data=body, headers={"Content-Type": content_type}
                )
                self.assertRefused(
                    response,
                    415,
                    "The REST API takes request bodies as application/json, not "
                    f"{content_type}.",
                    error_type="HTTPUnsupportedMediaType",
                )
        response = self.api.post(
            "en", data=body, headers={"Content-Type": ""}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 415)
        self.assertEqual(self.children(), before)

    def test_a_body_that_is_not_a_json_object_is_a_400(self):
        before = self.children()
        cases = {
            b"null": "The request body must be a JSON object.",
            b"[]": "The request body must be a JSON object.",
            b'"text"': "The request body must be a JSON object.",
            b"{bad": "The request body is not valid JSON: Expecting property name "
            "enclosed in double quotes: line 1 column 2 (char 1).",
            b'{"title": "\xff"}': "The request body is not valid UTF-8.",
        }
        for body, message in cases.items():
            with self.subTest(body=body):
                response = self.api.post(
                    "en", data=body, headers={"Content-Type": "application/json"}
                )
                self.assertRefused(response, 400, message)
        self.assertEqual(self.children(), before)

    def test_a_writing_request_without_a_body_passes(self):
        response = self.api.post("en/page/@workflow/retract")
        self.assertEqual(response.status_code, 200, response.text)


class TestBatches(GuardTestCase):
    """Batch sizes are capped; negative and non-numeric ones refused."""

    # MAX_BATCH_SIZE + 5 Documents, and the page of GuardTestCase.setUp.
    layer = SOCIALHUB_BATCH_DOCUMENTS_TESTING

    def test_a_large_b_size_is_reduced_to_the_maximum(self):
        response = self.api.get("en/@search?portal_type=Document&b_size=100000")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["items"]), limits.MAX_BATCH_SIZE)
        self.assertEqual(
            response.json()["items_total"], limits.MAX_BATCH_SIZE + 6, response.text
        )
        self.assertIn("next", response.json()["batching"])

    def test_a_large_b_size_in_a_body_is_reduced_too(self):
        response = self.api.post(
            "en/@querystring-search",
            json={
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["Document"],
                    }
                ],
                "b_size": 10_000_000_000,
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["items"]), limits.MAX_BATCH_SIZE)

    def test_a_bad_batch_is_a_400(self):
        cases = {
            "b_size=-999": "b_size must be a whole number of at least 0, not -999.",
            "b_size=%C2%B2": "b_size must be a whole number of at least 0, not ².",
            "b_size=x": "b_size must be a whole number of at least 0, not x.",
            "b_start=-1": "b_start must be a whole number of at least 0, not -1.",
        }
        for query, message in cases.items():
            for endpoint in (
                "@search",
                "@users",
                "@vocabularies/plone.app.vocabularies.PortalTypes",
            ):
                with self.subTest(endpoint=endpoint, query=query):
                    response = self.api.get(f"{endpoint}?{query}")
                    self.assertRefused(response, 400, message)

    def test_a_whole_vocabulary_is_still_available(self):
        response = self.api.get(
            "@vocabularies/plone.app.vocabularies.PortalTypes?b_size=-1"
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertNotIn("batching", response.json())


class TestRefusedRequestsChangeNothing(GuardTestCase):
    def test_anonymous_cannot_expire_an_item(self):
        serial = self.page._p_serial
        for session in (self.anonymous, self.member):
            for transition in ("retract", "anything"):
                with self.subTest(transition=transition):
                    response = session.post(
                        f"en/page/@workflow/{transition}",
                        json={"effective": "x", "expires": "2020-01-01"},
                    )
                    self.assertRefused(
                        response,
                        400,
                        f"The transition {transition} is not available here; "
                        "available: -.",
                    )
        transaction.begin()
        self.assertEqual(self.page._p_serial, serial)
        self.assertIsNone(self.page.expiration_date)
        self.assertEqual(self.anonymous.get("en/page").json()["expires"], None)

    def test_a_refused_transition_keeps_the_dates(self):
        serial = self.page._p_serial
        response = self.api.post(
            "en/page/@workflow/submit", json={"expires": "2020-01-01"}
        )
        self.assertRefused(
            response,
            400,
            "The transition submit is not available here; available: retract, archive.",
        )
        transaction.begin()
        self.assertEqual(self.page._p_serial, serial)

    def test_a_service_that_answers_an_error_body_commits_nothing(self):
        # plone.restapi's @workflow catches the deserializer's error and answers
        # 400 itself, after it dated the item: nothing of that is kept.
        serial = self.page._p_serial
        response = self.api.post(
            "en/page/@workflow/retract", json={"effective": "not a date"}
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["type"], "Bad Request")
        self.assertEqual(response.json()["error"]["type"], "Bad Request")
        transaction.begin()
        self.assertEqual(self.page._p_serial, serial)
        self.assertEqual(api.content.get_state(self.page), "published")


class TestIds(GuardTestCase):
    """Ids are checked before an item is created or renamed."""

    def test_bad_ids_are_refused_and_nothing_is_created(self):
        before = self.children()
        cases = {
            "index_html": "index_html is reserved: it names a view of the folder.",
            "@search": "@search is not a valid id: start with a letter or a "
            "digit, and use letters, digits, hyphens, underscores and dots.",
            "edit": "edit is reserved: it names a view of the folder.",
            "folder_contents": "folder_contents is reserved: it names a view of "
            "the folder.",
            "x" * 65_600: "An id has at most 100 characters; this one has 65600.",
            "a/b": "a/b is not a valid id: start with a letter or a digit, and "
            "use letters, digits, hyphens, underscores and dots.",
            "_private": "_private is not a valid id: start with a letter or a "
            "digit, and use letters, digits, hyphens, underscores and dots.",
            "page": "There is already an item named page in this folder.",
        }
        for new_id, message in cases.items():
            with self.subTest(id=new_id[:20]):
                response = self.api.post(
                    "en", json={"@type": "Document", "id": new_id, "title": "T"}
                )
                self.assertFieldRefused(response, "id", message)
        self.assertEqual(self.children(), before)

    def test_an_item_cannot_be_renamed_to_index_html(self):
        response = self.api.patch("en/page", json={"id": "index_html"})
        self.assertFieldRefused(
            response, "id", "index_html is reserved: it names a view of the folder."
        )
        self.assertIn("page", self.children())

    def test_a_good_id_works(self):
        response = self.api.post(
            "en", json={"@type": "Document", "id": "my-page", "title": "T"}
        )
        self.assertEqual(response.status_code, 201, response.text)
        response = self.api.patch("en/my-page", json={"id": "my-renamed-page"})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertIn("my-renamed-page", self.children())

    def test_a_type_that_is_not_text_is_a_400(self):
        response = self.api.post("en", json={"@type": True, "title": "T"})
        self.assertFieldRefused(response, "@type", "Give a text.")


class TestTranslations(GuardTestCase):
    """Messages follow the language of the folder the request is made in."""

    def setUp(self):
        super().setUp()
        page = api.content.create(
            container=self.portal["fr"], type="Document", id="page", title="Une page"
        )
        ITranslationManager(self.page).register_translation("fr", page)
        transaction.commit()

    def test_a_translation_that_exists_is_a_409(self):
        before = self.children("fr")
        response = self.api.post(
            "fr",
            json={
                "@type": "Document",
                "title": "Encore",
                "language": "fr",
                "translation_of": self.page.UID(),
            },
        )
        self.assertRefused(
            response,
            409,
            f"Cet élément a déjà une traduction en fr : {self.base}/fr/page.",
            error_type="HTTPConflict",
        )
        self.assertEqual(self.children("fr"), before)

    def test_a_translation_of_nothing_is_a_400(self):
        response = self.api.post(
            "fr",
            json={
                "@type": "Document",
                "title": "Rien",
                "language": "fr",
                "translation_of": "no-such-uid",
            },
        )
        self.assertFieldRefused(
            response,
            "translation_of",
            "Aucun élément no-such-uid à traduire n'a été trouvé.",
        )

    def test_the_locator_says_when_a_translation_exists(self):
        response = self.api.get("en/page/@translation-locator?target_language=fr")
        self.assertEqual(
            response.json(),
            {"@id": f"{self.base}/fr", "translation": f"{self.base}/fr/page"},
        )
        response = self.api.get("en/page/@translation-locator?target_language=es")
        self.assertEqual(
            response.json(), {"@id": f"{self.base}/es", "translation": None}
        )
        response = self.api.get("en/page/@translation-locator")
        self.assertRefused(response, 400, "Give target_language, one of fr, es.")

    def test_the_site_root_has_no_translations(self):
        response = self.anonymous.get("@translations")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["items"], [])
        self.assertEqual(
            response.json()["root"],
            {language: f"{self.base}/{language}" for language in ("en", "fr", "es")},
        )
        response = self.api.post("@translations", json={"id": "en/page"})
        self.assertRefused(
            response,
            400,
            "The site root has no language and no translations; link the language "
            "root folders or items instead.",
        )


class TestStockServices(GuardTestCase):
    def test_sharing_with_a_malformed_body_is_a_400(self):
        message = (
            'Give a list of {"id": ..., "type": "user" or "group", "roles": '
            '{"<role>": true or false}}.'
        )
        for entries in (None, "x", [1], [{"id": "member", "roles": ["Reader"]}]):
            with self.subTest(entries=entries):
                response = self.api.post("en/page/@sharing", json={"entries": entries})
                self.assertFieldRefused(response, "entries", message)

    def test_history_of_a_stock_item_is_a_404_for_a_missing_version(self):
        response = self.api.get("en/page/@history/abc")
        self.assertEqual(response.status_code, 404, response.text)


class TestErrorShape(GuardTestCase):
    def test_validation_errors_are_listed(self):
        response = self.api.post(
            "en/publications",
            json={"@type": "Publication", "title": "T", "bogus": 1},
        )
        self.assertFieldRefused(response, "bogus", "Publication has no field bogus.")

    def test_a_client_error_has_no_traceback_even_for_a_manager(self):
        response = self.api.get("en/page?x:utf8:ustring=%ff")
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("traceback", response.json())

    def test_a_client_error_is_logged_at_info_without_traceback(self):
        with self.assertLogs("socialhub.core.errors", "INFO") as logs:
            self.api.get("@search?b_size=-1")
        self.assertEqual(
            logs.output,
            [
                f"INFO:socialhub.core.errors:GET {self.base}/@search answered 400: "
                "b_size must be a whole number of at least 0, not -1."
            ],
        )

        transaction.begin()
        self.assertEqual(
            [
                entry["type"]
                for entry in self.portal.error_log.getLogEntries()
                if entry["type"] == "BadRequest"
            ],
            [],
        )


class TestStockShapes(GuardTestCase):
    """What stock services read has the types they expect
    (socialhub.core.guard.stock)."""

    def test_a_body_of_the_wrong_types_is_a_400(self):
        cases = (
            (
                "en/@lock",
                {"timeout": "y"},
                "timeout",
                "Give a whole number of at least 0.",
            ),
            ("en/@copy", {"source": 5}, "source", "Give a text / a list."),
            ("en/@move", {"source": [5]}, "source/0", "Give a text."),
            ("en/page/@translations", {"id": 5}, "id", "Give a text."),
            ("en/@aliases", {"items": 5}, "items", "Give a list."),
            ("@login", {"password": "x"}, "login", "Required."),
            ("@users", {"username": "x", "roles": "Manager"}, "roles", "Give a list."),
            ("@groups", {"groupname": 5}, "groupname", "Give a text."),
        )
        for path, body, field, message in cases:
            with self.subTest(path=path, body=body):
                self.assertFieldRefused(self.api.post(path, json=body), field, message)

    def test_a_user_keeps_a_text_email(self):
        response = self.api.patch("@users/member", json={"email": 5})
        self.assertFieldRefused(response, "email", "Give a text.")
        transaction.begin()
        self.assertEqual(api.user.get("member").getProperty("email"), "m@example.org")

    def test_a_query_a_stock_service_converts_is_checked(self):
        response = self.anonymous.get(
            "en/@contextnavigation?expand.contextnavigation.topLevel=abc"
        )
        self.assertRefused(
            response, 400, "expand.contextnavigation.topLevel cannot be abc."
        )

    def test_what_a_stock_service_path_names_must_exist(self):
        self.assertEqual(self.api.get("@users/member/x").status_code, 404)
        response = self.api.patch("@users/nobody", json={"email": "a@example.org"})
        self.assertRefused(
            response,
            404,
            f"Resource not found: {self.base}/@users/nobody",
            error_type="NotFound",
        )
        response = self.api.get("en/page/@sources/relatedItems")
        self.assertRefused(
            response,
            400,
            "The field relatedItems has no source: use @vocabularies or @querysources.",
        )

    def test_an_old_version_of_an_item_is_a_number_that_exists(self):
        response = self.anonymous.get("en/page?version=NaN")
        self.assertRefused(
            response, 400, 'A version is a whole number from 0, not "NaN".'
        )
        response = self.api.get("en/page?version=99")
        self.assertRefused(
            response,
            404,
            f"Resource not found: {self.base}/en/page",
            error_type="NotFound",
        )

    def test_the_navigation_depth_is_bounded(self):
        response = self.anonymous.get(
            "en?expand=navigation&expand.navigation.depth=10000000"
        )
        self.assertRefused(
            response,
            400,
            "expand.navigation.depth must be a whole number from 0 to 100, not "
            "10000000.",
        )


class TestCredentials(GuardTestCase):
    def test_basic_credentials_that_cannot_be_read_are_a_400(self):
        for value in ("Basic %%%", "Basic /zr+", "Basic " + "bm9jb2xvbg=="):
            with self.subTest(value=value):
                response = self.anonymous.get(
                    "@types", headers={"Authorization": value}
                )
                self.assertRefused(
                    response,
                    400,
                    "The Authorization header cannot be read: Basic credentials "
                    "are user:password in base64.",
                )


class TestClassicUI(GuardTestCase):
    def test_a_bad_batch_in_a_classic_ui_listing_is_a_400(self):
        response = requests.get(f"{self.base}/en?b_size=%C2%B2", timeout=60)
        self.assertEqual(response.status_code, 400)

    def test_an_empty_batch_in_a_classic_ui_listing_is_a_400(self):
        """A folder view's catalog search fails on b_size=0 (make fuzz: 500)."""
        response = requests.get(f"{self.base}/fr?b_size=0", timeout=60)
        self.assertEqual(response.status_code, 400)

    def test_a_classic_ui_request_with_a_rest_batch_still_works(self):
        response = requests.get(f"{self.base}/en?b_size=5", timeout=60)
        self.assertEqual(response.status_code, 200)


class TestMethods(GuardTestCase):
    def test_an_unknown_method_is_a_501(self):
        response = self.api.request("FOO", "en/page")
        self.assertRefused(
            response, 501, "The method FOO is not served here.", "NotImplemented"
        )

    def test_patch_outside_the_rest_api_is_a_405(self):
        response = requests.patch(
            f"{self.base}/en/nothing-here",
            data=b'"x"',
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=10,
        )
        self.assertEqual(response.status_code, 405)
        self.assertEqual(
            response.text,
            "PATCH is a method of the REST API: send Accept: application/json.",
        )

    def test_a_type_field_is_read_at_the_site_root(self):
        response = self.api.get("en/@types/Document/title")
        self.assertRefused(
            response,
            404,
            f"Resource not found: {self.base}/en/@types/Document/title",
            "NotFound",
        )

    def test_user_and_group_searches_are_limited(self):
        for endpoint in ("@users", "@groups"):
            for limit in ("x", "0", "101"):
                with self.subTest(endpoint=endpoint, limit=limit):
                    response = self.api.get(f"{endpoint}?query=a&limit={limit}")
                    self.assertRefused(
                        response,
                        400,
                        f"limit must be a whole number from 1 to 100, not {limit}.",
                    )
            self.assertEqual(
                self.api.get(f"{endpoint}?query=a&limit=100").status_code, 200
            )
