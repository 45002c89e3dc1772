"""Catalog queries from clients: a bad one answers 400, never 500.

``@search`` and ``@querystring-search`` (socialhub.core.restapi.services) check their
query with socialhub.core.catalogquery before the catalog runs it; valid
queries answer as stock plone.restapi does. ``@facets`` and ``@listing``
read their full text ``q`` as Plone's search box does.
"""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from plone.restapi.services.querystringsearch.get import QuerystringSearch
from socialhub.core import catalogquery
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from urllib.parse import urlencode

import datetime
import json
import time
import transaction
import unittest


OPERATION = "plone.app.querystring.operation"
PUBLICATIONS = {
    "i": "portal_type",
    "o": f"{OPERATION}.selection.any",
    "v": ["Publication"],
}
DATES = "from 1000-01-01 to 3999-12-31 such as 2024-12-31 or 2024-12-31T18:30"
SORTABLE = (
    "Creator, created, effective, end, expires, getId, getObjPositionInParent, "
    "modified, review_state, sortable_title, start"
)
SORTABLE_TOGETHER = (
    "Creator, created, effective, expires, getId, modified, review_state, "
    "sortable_title"
)
FULL_TEXT_HELP = (
    "Search for words, or a phrase in double quotes; AND, OR, NOT, parentheses, "
    "a leading - and a trailing * are operators that need words to work on."
)

#: @search parameters and the exact message of their 400 answer.
SEARCH_REFUSALS = (
    ({"is_folderish": "80"}, "is_folderish must be true or false, not 80."),
    (
        {"portal_type.not": "x"},
        "portal_type.not needs portal_type.query (the values to search for) too.",
    ),
    ({"sort_limit": "a"}, "sort_limit must be a whole number of at least 1, not a."),
    ({"sort_limit": "0"}, "sort_limit must be a whole number of at least 1, not 0."),
    ({"b_size": "-999"}, "b_size must be a whole number of at least 0, not -999."),
    ({"b_size": "²"}, "b_size must be a whole number of at least 0, not ²."),
    ({"b_start": "-1"}, "b_start must be a whole number of at least 0, not -1."),
    ({"b_start": "1.5"}, "b_start must be a whole number of at least 0, not 1.5."),
    (
        {"b_size": ["10", "20"]},
        "Give b_size once.",
    ),
    (
        {"SearchableText": "-835"},
        f"SearchableText cannot be searched for: -835. {FULL_TEXT_HELP}",
    ),
    (
        {"SearchableText": "AND"},
        f"SearchableText cannot be searched for: AND. {FULL_TEXT_HELP}",
    ),
    (
        {"SearchableText": "cash OR NOT senegal"},
        f"SearchableText cannot be searched for: cash OR NOT senegal. {FULL_TEXT_HELP}",
    ),
    (
        {"SearchableText": '"'},
        f'SearchableText cannot be searched for: ". {FULL_TEXT_HELP}',
    ),
    ({"Title": "*"}, f"Title cannot be searched for: *. {FULL_TEXT_HELP}"),
    (
        {"SearchableText": ["cash", "senegal"]},
        "Give SearchableText once.",
    ),
    (
        {"SearchableText.query": "cash"},
        'SearchableText must be a text, not {"query": "cash"}.',
    ),
    (
        {"SearchableText": " ".join(["cash"] * 33)},
        "SearchableText has too many words: search for at most 32.",
    ),
    (
        {"created.query": "2024-13-45"},
        f"created.query must be a date {DATES}, not 2024-13-45.",
    ),
    (
        {"created.query": "2024-01-01T25:61:61", "created.range": "min"},
        f"created.query must be a date {DATES}, not 2024-01-01T25:61:61.",
    ),
    ({"created": ""}, f"created must be a date {DATES}, not ."),
    (
        {"start.query": "5000-01-01", "start.range": "min"},
        f"start.query must be a date {DATES}, not 5000-01-01.",
    ),
    (
        {"publication_date.query": "2024-01-01", "publication_date.range": "bogus"},
        "publication_date.range must be min, max or min:max, not bogus.",
    ),
    (
        {"effectiveRange": "3000-01-01"},
        "effectiveRange must be a date from 1000-01-06 to 2499-12-30 such as "
        "2024-12-31 or 2024-12-31T18:30, not 3000-01-01.",
    ),
    (
        {"portal_type": "Document", "portal_type.operator": "and"},
        "portal_type.operator: portal_type knows no option operator; it takes "
        "query, range, not.",
    ),
    (
        {"Subject.query": "a", "Subject.operator": "xor"},
        "Subject.operator must be and or or, not xor.",
    ),
    (
        {"is_folderish.query": "true", "is_folderish.not": "false"},
        "is_folderish.not: is_folderish knows no option not; it takes query.",
    ),
    (
        {"founded_year.query": "recent", "founded_year.range": "min"},
        "founded_year.query must be a whole number, not recent.",
    ),
    ({"path.depth": "a"}, "path.depth must be a whole number from -1 to 100, not a."),
    (
        {"path.depth": "999999999999999999999"},
        "path.depth must be a whole number from -1 to 100, not 999999999999999999999.",
    ),
    (
        {"path.query": "/plone/en", "path.navtree": "1", "path.navtree_start": "-9"},
        "path.navtree_start must be a whole number from 0 to 100, not -9.",
    ),
    (
        {"path.query": "/plone/en", "path.navtree": "0"},
        "path.navtree takes no value, 1 or true; leave it out for false (not 0).",
    ),
    (
        {"path.query": "/plone/en", "path.operator": "x"},
        "path.operator must be and or or, not x.",
    ),
    (
        {"getObjPositionInParent": "1"},
        "getObjPositionInParent cannot be searched here.",
    ),
    (
        {"sort_on": "Title"},
        f"Cannot sort on Title: sort_on takes an index that sorts, such as "
        f"{SORTABLE} (give several to sort on several).",
    ),
    (
        {"sort_on": "effective,created"},
        f"Cannot sort on effective,created: sort_on takes an index that sorts, "
        f"such as {SORTABLE} (give several to sort on several).",
    ),
    (
        {"sort_order": "up"},
        "sort_order must be one of ascending, descending, reverse, not up.",
    ),
    (
        {"sort_on": "effective", "sort_order": ["reverse", "ascending"]},
        "sort_order has 2 values and sort_on 1: give one sort_order for each sort_on.",
    ),
    (
        {"sort_on": "effectiveRange"},
        f"Cannot sort on effectiveRange: sort_on takes an index that sorts, such "
        f"as {SORTABLE} (give several to sort on several).",
    ),
    (
        {"sort_on": ["effective", "getObjPositionInParent"]},
        f"Cannot sort on getObjPositionInParent with other indexes: to sort on "
        f"several, give indexes of one value per item, such as {SORTABLE_TOGETHER}.",
    ),
    (
        {"start.query": "2024-01-01", "start.not": "2024-01-02"},
        "start.not: start knows no option not; it takes query, range.",
    ),
    ({"sort-on": "foo"}, "sort-on is not a search parameter."),
    ({"sort-limit": "a"}, "sort-limit is not a search parameter."),
    (
        {"summary_serializer_metadata": "x"},
        "summary_serializer_metadata is not a search parameter.",
    ),
    (
        {"fullobjects": "0"},
        "fullobjects takes no value, 1 or true; leave it out for false (not 0).",
    ),
    (
        {"use_site_search_settings": "no"},
        "use_site_search_settings takes no value, 1 or true; leave it out for "
        "false (not no).",
    ),
)

#: @querystring-search bodies and the exact message of their 400 answer.
QUERYSTRING_REFUSALS = (
    (
        {},
        'No query: give query, a list of criteria {"i": index, "o": operation, '
        '"v": value}.',
    ),
    (
        {"query": {"i": "portal_type"}},
        "query must be a list of criteria, each an object with i (an index), "
        "o (an operation) and v (its value).",
    ),
    (
        {"query": [{"i": "portal_type"}]},
        "query must be a list of criteria, each an object with i (an index), "
        "o (an operation) and v (its value).",
    ),
    (
        {"query": [{"i": "nope", "o": f"{OPERATION}.selection.any", "v": ["x"]}]},
        "Unknown index nope in criterion 1: @querystring lists the indexes a "
        "query can use.",
    ),
    (
        {"query": [PUBLICATIONS, {"i": "portal_type", "o": "bogus", "v": ["x"]}]},
        "Unknown operation bogus in criterion 2: @querystring lists the "
        "operations of each index.",
    ),
    (
        {"query": [{"i": "created", "o": f"{OPERATION}.selection.any", "v": ["x"]}]},
        'Criterion 1 (created) cannot take the value ["x"]: selection.any takes '
        "a date from 1000-01-01 to 3999-12-31.",
    ),
    (
        {"query": [{"i": "created", "o": f"{OPERATION}.date.between", "v": "x"}]},
        "Criterion 1 (created) cannot take the value x: date.between takes a "
        "list of two dates from 1000-01-01 to 3999-12-31.",
    ),
    (
        {
            "query": [
                {
                    "i": "created",
                    "o": f"{OPERATION}.date.between",
                    "v": ["2024-01-01", "2024-13-01"],
                }
            ]
        },
        'Criterion 1 (created) cannot take the value ["2024-01-01", "2024-13-01"]: '
        "date.between takes a list of two dates from 1000-01-01 to 3999-12-31.",
    ),
    (
        {
            "query": [
                {
                    "i": "created",
                    "o": f"{OPERATION}.date.lessThanRelativeDate",
                    "v": "99999999999",
                }
            ]
        },
        "Criterion 1 (created) cannot take the value 99999999999: "
        "date.lessThanRelativeDate takes a whole number of days from -365000 to "
        "365000.",
    ),
    (
        {"query": [{"i": "path", "o": f"{OPERATION}.string.relativePath", "v": 5}]},
        "Criterion 1 (path) cannot take the value 5: string.relativePath takes a "
        "path or a UID.",
    ),
    (
        {
            "query": [
                {"i": "path", "o": f"{OPERATION}.string.absolutePath", "v": "/::999999"}
            ]
        },
        "path.depth must be a whole number from -1 to 100, not 999999.",
    ),
    (
        {
            "query": [
                {"i": "portal_type", "o": f"{OPERATION}.selection.any", "v": [[1]]}
            ]
        },
        "Criterion 1 (portal_type) cannot take the value [[1]]: selection.any "
        "takes a text or a list of texts.",
    ),
    (
        {"query": [{"i": "portal_type", "o": f"{OPERATION}.selection.any", "v": [1]}]},
        "portal_type.query must be a text, not 1.",
    ),
    (
        {
            "query": [
                {
                    "i": "portal_type",
                    "o": f"{OPERATION}.date.lessThan",
                    "v": "2024-01-01",
                }
            ]
        },
        'portal_type.query must be a text, not "2024/01/01 00:00:00 GMT+0".',
    ),
    (
        {"query": [{"i": "founded_year", "o": f"{OPERATION}.string.is", "v": "2015"}]},
        "founded_year.query must be a whole number, not 2015.",
    ),
    (
        {
            "query": [
                {"i": "is_folderish", "o": f"{OPERATION}.selection.none", "v": ["x"]}
            ]
        },
        "is_folderish.not: is_folderish knows no option not; it takes query.",
    ),
    (
        {
            "query": [
                {
                    "i": "created",
                    "o": f"{OPERATION}.selection.none",
                    "v": ["2024-01-01"],
                }
            ]
        },
        "created can only be queried with the operations @querystring lists for it.",
    ),
    (
        {
            "query": [
                {"i": "SearchableText", "o": f"{OPERATION}.string.contains", "v": '"'}
            ]
        },
        f'SearchableText cannot be searched for: ". {FULL_TEXT_HELP}',
    ),
    (
        {
            "query": [
                {"i": "SearchableText", "o": f"{OPERATION}.string.contains", "v": 5}
            ]
        },
        "SearchableText must be a text, not 5.",
    ),
    (
        {"query": [{"i": "Title", "o": f"{OPERATION}.string.contains", "v": "AND"}]},
        f"Title.query cannot be searched for: AND. {FULL_TEXT_HELP}",
    ),
    (
        {"query": [PUBLICATIONS], "sort_on": "Title"},
        f"Cannot sort on Title: sort_on takes an index that sorts, such as "
        f"{SORTABLE} (give several to sort on several).",
    ),
    (
        {"query": [PUBLICATIONS], "sort_order": "reverse"},
        "sort_order must be one of ascending, descending, not reverse.",
    ),
    ({"query": [PUBLICATIONS], "sort_order": 5}, "sort_order must be a text, not 5."),
    (
        {"query": [PUBLICATIONS], "sort_on": "getObjPositionInParent", "limit": 2},
        "With sort_on getObjPositionInParent, limit works within one folder only: "
        "add a path criterion with depth 1 (such as ::1), or leave limit out.",
    ),
    (
        {"query": [PUBLICATIONS], "b_size": -5},
        "b_size must be a whole number of at least 0, not -5.",
    ),
    (
        {"query": [PUBLICATIONS], "b_start": "a"},
        "b_start must be a whole number of at least 0, not a.",
    ),
    (
        {"query": [PUBLICATIONS], "limit": -1},
        "limit must be a whole number of at least 0, not -1.",
    ),
    (
        {"query": [PUBLICATIONS], "fullobjects": "maybe"},
        "fullobjects must be true or false, not maybe.",
    ),
    (
        {"query": [PUBLICATIONS], "metadata_fields": ["UID", "password"]},
        None,  # the message lists every column: checked in a test of its own
    ),
)

#: Malformed @search parameters: each name with each value answers 400.
MALFORMED_SEARCH = {
    "b_size": ("-1", "x", "1e3", "٣", "9" * 30, ["1", "2"]),
    "b_start": ("-1", "x", "0x10", ["0", "1"]),
    "sort_limit": ("0", "-5", "x"),
    "sort_on": ("Title", "SearchableText", "nope", "allowedRolesAndUsers,created"),
    "sort_order": ("up", "1", "asc"),
    "metadata_fields": ("password", "getObject", "_secret"),
    "fullobjects": ("0", "false", "x"),
    "created": ("x", "2024-02-30", "0999-12-31", "4000-01-01", "1700000000"),
    "created.range": ("min",),  # no created.query
    "publication_date.query": ("2024-13-01", ["2024-01-01", "nope"]),
    "start": ("25:00", "2024-01-01T24:61"),
    "effectiveRange": ("0500-01-01", "x"),
    "is_folderish": ("80", "maybe", ["true", "x"]),
    "is_folderish.not": ("true",),
    "portal_type.not": ("Document",),
    "portal_type.range": ("sideways",),
    "portal_type.operator": ("and",),
    "portal_type.usage": ("range:min",),
    "Subject.operator": ("xor",),
    "founded_year.query": ("x", "20.5"),
    "path.depth": ("-2", "101", "x", "10000000000"),
    "path.level": ("-2", "1000"),
    "path.navtree_start": ("-1", "1000"),
    "path.navtree": ("0", "x"),
    "path.operator": ("xor",),
    "getObjPositionInParent": ("1",),
    "SearchableText": ("AND", "OR", "NOT x", "-x", '"', "x AND", "(x) OR", "x OR OR y"),
    "Title": ("*", "AND", "x OR"),
    "Description": ("NOT",),
    "Language.not": ("en",),
    "review_state.operator": ("or",),
    "UID.operator": ("and",),
    "expires": ("never",),
    "end.query": ("2024-12-32",),
    "modified.query": ("yesterday", "2024-1-1T99"),
    "is_default_page": ("2",),
    "exclude_from_nav": ("nope",),
    "course_certificate": ("perhaps",),
    "initiative_start": ("soon",),
    "taxonomy_themes.operator": ("xor", ""),
    "taxonomy_themes.range": ("between",),
    "Title.query.x": ("1",),
    "path.query.x": ("/plone",),
    "b_size.x": ("1",),
    "sort_on.x": ("created",),
    "fullobjects.x": ("1",),
    "sort-on": ("created",),
    "sort-order": ("reverse",),
    "_summary_fields_cache": ("x",),
}


def malformed_search_cases():
    """``(params, description)`` for every malformed @search combination."""
    cases = []
    for name, values in MALFORMED_SEARCH.items():
        for value in values:
            params = {name: value}
            if name == "created.range":
                pass  # alone, on purpose
            elif name.startswith("founded_year."):
                params["founded_year.range"] = "min"
            cases.append(params)
    # Combinations that are each valid alone.
    cases += [
        {"sort_on": ["effective", "created"], "sort_order": ["reverse"] * 3},
        {"created.query": "2024-01-01", "created.range": "min", "created.not": "x"},
        {"SearchableText": "cash", "SearchableText.query": "cash"},
        {"path.depth": "1", "path.navtree": "1", "path.navtree_start": "500"},
        {"portal_type": "Publication", "portal_type.not": "Document", "b_size": "-1"},
    ]
    return cases


class CatalogQueryTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        library = self.portal["en"]["publications"]
        self.add(
            library,
            "cash",
            "Cash transfers in Senegal",
            datetime.date(2021, 6, 1),
            ["conditional-cash-transfers"],
        )
        self.add(
            library,
            "pensions",
            "Social pensions in Kenya",
            datetime.date(2023, 6, 1),
            ["social-pensions"],
        )
        self.add(
            library,
            "draft",
            "Unemployment insurance draft",
            datetime.date(2024, 6, 1),
            ["unemployment-insurance"],
            publish=False,
        )
        actor = api.content.create(
            container=self.portal["en"]["actors"],
            type="Actor",
            id="network",
            title="Cash Network",
            founded_year=2015,
        )
        api.content.transition(obj=actor, transition="verify")
        transaction.commit()
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)

    def add(self, container, id_, title, date, themes, publish=True):
        item = api.content.create(
            container=container,
            type="Publication",
            id=id_,
            title=title,
            publication_date=date,
            taxonomy_themes=themes,
        )
        if publish:
            api.content.transition(obj=item, transition="publish")
        return item

    def assert_refused(self, response, message):
        """A 400 answer in plone.restapi's error shape, with ``message``."""
        self.assertEqual(response.status_code, 400, response.text)
        body = response.json()
        self.assertEqual(body["type"], "BadRequest")
        if message is not None:
            self.assertEqual(body["message"], message)

    def search(self, session, at="", **params):
        response = session.get(f"{at}/@search", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def querystring_search(self, session, body, at=""):
        response = session.post(f"{at}/@querystring-search", json=body)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def sessions(self):
        return {"Anonymous": self.anonymous, "Manager": self.manager}


class TestSearchRefusals(CatalogQueryTestCase):
    def test_bad_parameters_answer_400_with_the_message(self):
        for name, session in self.sessions().items():
            for params, message in SEARCH_REFUSALS:
                with self.subTest(user=name, params=params):
                    self.assert_refused(session.get("@search", params=params), message)

    def test_malformed_combinations_answer_400_never_500(self):
        cases = malformed_search_cases()
        self.assertGreaterEqual(len(cases), 100)
        for params in cases:
            with self.subTest(params=params):
                response = self.anonymous.get("en/@search", params=params)
                self.assertEqual(response.status_code, 400, (params, response.text))
                self.assertEqual(response.json()["type"], "BadRequest")
                self.assertTrue(response.json()["message"])

    def test_unknown_metadata_field_lists_the_columns(self):
        response = self.anonymous.get("@search", params={"metadata_fields": "password"})
        self.assert_refused(response, None)
        message = response.json()["message"]
        self.assertTrue(
            message.startswith(
                "metadata_fields: password is not a catalog column. Use _all or "
                "some of CreationDate, Creator, Date, Description,"
            ),
            message,
        )
        self.assertIn("publication_date", message)

    def test_a_huge_path_depth_does_not_hold_the_server(self):
        # Stock ExtendedPathIndex counts to the depth asked for: at a billion,
        # the request holds a thread for minutes. Refused at once here.
        started = time.perf_counter()
        response = self.anonymous.get(
            "@search", params={"path.query": "/plone/en", "path.depth": "1000000000"}
        )
        self.assert_refused(
            response,
            "path.depth must be a whole number from -1 to 100, not 1000000000.",
        )
        self.assertLess(time.perf_counter() - started, 5)

    def test_messages_are_translated(self):
        response = self.anonymous.get(
            "@search", params={"b_size": "-1"}, headers={"Accept-Language": "fr"}
        )
        self.assert_refused(
            response, "b_size doit être un nombre entier d'au moins 0, et non -1."
        )
        response = self.anonymous.get(
            "@search", params={"is_folderish": "80"}, headers={"Accept-Language": "es"}
        )
        self.assert_refused(response, "is_folderish debe ser true o false, no 80.")


class TestSearchAnswersAsStock(CatalogQueryTestCase):
    """Valid queries answer what stock plone.restapi's ``@search`` answers."""

    QUERIES = (
        {"portal_type": "Publication", "sort_on": "sortable_title"},
        {
            "portal_type": ["Publication", "Actor"],
            "sort_on": "created",
            "sort_order": "reverse",
            "b_size": "2",
            "b_start": "1",
        },
        {"SearchableText": "cash", "sort_on": "sortable_title"},
        {"SearchableText": '"social pensions"'},
        {"SearchableText": "(cash OR pensions) AND NOT senegal"},
        {"SearchableText": "cash*", "path": "/plone/en/publications"},
        {
            "publication_date.query": ["2022-01-01", "2024-12-31"],
            "publication_date.range": "min:max",
        },
        {"taxonomy_themes": "cash-transfers", "sort_on": "publication_date"},
        {
            "taxonomy_themes.query": ["social-pensions", "health"],
            "taxonomy_themes.operator": "or",
        },
        {
            "path.query": "/plone/en",
            "path.depth": "1",
            "sort_on": "getObjPositionInParent",
        },
        {
            "is_folderish": "false",
            "portal_type.query": "Publication",
            "portal_type.not": "Actor",
        },
        {"review_state": "published", "sort_on": ["portal_type", "sortable_title"]},
        {"portal_type": "Publication", "sort_limit": "1", "sort_on": "effective"},
    )

    def stock_search(self, params, anonymous):
        """What plone.restapi's own ``@search`` code answers, run in process."""
        request = self.layer["request"]
        request.form.clear()
        request.form.update(params)
        request["QUERY_STRING"] = urlencode(params, doseq=True)
        if anonymous:
            logout()
        else:
            login(self.portal, TEST_USER_NAME)
        query = unflatten_dotted_dict(dict(request.form))
        return SearchHandler(self.portal, request).search(query)

    def test_valid_queries_answer_as_stock(self):
        for name, session in self.sessions().items():
            for params in self.QUERIES:
                params = {**params, "metadata_fields": "UID"}
                with self.subTest(user=name, params=params):
                    ours = self.search(session, **params)
                    stock = self.stock_search(params, anonymous=name == "Anonymous")
                    self.assertEqual(ours["items_total"], stock["items_total"])
                    self.assertEqual(
                        [item["UID"] for item in ours["items"]],
                        [item["UID"] for item in stock["items"]],
                    )

    def test_representative_queries_find_what_they_should(self):
        titles = [
            item["title"]
            for item in self.search(
                self.anonymous,
                portal_type="Publication",
                sort_on="sortable_title",
                **{"path.query": "/plone/en"},
            )["items"]
        ]
        self.assertEqual(
            titles, ["Cash transfers in Senegal", "Social pensions in Kenya"]
        )
        manager = self.search(self.manager, portal_type="Publication")
        self.assertEqual(manager["items_total"], 3)  # the draft too
        text = self.search(self.anonymous, SearchableText='"cash transfers"')
        self.assertEqual(
            [item["title"] for item in text["items"]], ["Cash transfers in Senegal"]
        )

    def test_whole_numbers_search_a_numeric_index(self):
        # Stock @search compares the text "2010" with the index's numbers:
        # a range answers 500 and a value finds nothing.
        found = self.search(
            self.anonymous,
            portal_type="Actor",
            **{"founded_year.query": "2010", "founded_year.range": "min"},
        )
        self.assertEqual([item["title"] for item in found["items"]], ["Cash Network"])
        exact = self.search(self.anonymous, founded_year="2015")
        self.assertEqual([item["title"] for item in exact["items"]], ["Cash Network"])
        before = self.search(
            self.anonymous,
            **{"founded_year.query": "2010", "founded_year.range": "max"},
        )
        self.assertEqual(before["items_total"], 0)

    def test_position_in_folder_sorts_in_batches(self):
        # Stock: 500 once the catalog is told how many results matter (its
        # n-best sort cannot compare the None position of an item in an
        # unordered folder, such as a section, with numbers).
        everything = self.search(
            self.manager, "en", sort_on="getObjPositionInParent", b_size="1000"
        )
        self.assertGreater(everything["items_total"], 4)
        ids = [item["@id"] for item in everything["items"]]
        for params in ({"b_size": "1", "b_start": "1"}, {"sort_limit": "3"}):
            with self.subTest(params=params):
                page = self.search(
                    self.manager, "en", sort_on="getObjPositionInParent", **params
                )
                start = int(params.get("b_start", 0))
                expected = ids[start : start + int(params.get("b_size", 25))]
                self.assertEqual([item["@id"] for item in page["items"]], expected)
                self.assertEqual(page["items_total"], everything["items_total"])

    def test_batch_size_zero_counts(self):
        # Stock: a 500 with a sort (ZCatalog's n-best sort of no result).
        for params in ({}, {"sort_on": "effective"}, {"sort_on": "sortable_title"}):
            with self.subTest(params=params):
                result = self.search(
                    self.anonymous, portal_type="Publication", b_size="0", **params
                )
                self.assertEqual((result["items"], result["items_total"]), ([], 2))

    def test_volto_folder_contents_query(self):
        # What Volto's folder contents and navigation ask, b_size included.
        result = self.search(
            self.manager,
            "en/publications",
            **{
                "path.depth": "1",
                "sort_on": "getObjPositionInParent",
                "metadata_fields": "_all",
                "b_size": "100000000",
            },
        )
        self.assertEqual(
            [item["id"] for item in result["items"]],
            list(self.portal["en"]["publications"].objectIds()),
        )
        self.assertIn("publication_date", result["items"][0])

    def test_full_objects_and_site_search_settings_flags(self):
        full = self.search(
            self.anonymous, portal_type="Actor", fullobjects="1", SearchableText="Cash"
        )
        self.assertEqual(full["items"][0]["founded_year"], 2015)
        empty_flag = self.search(self.anonymous, portal_type="Actor", fullobjects="")
        self.assertEqual(empty_flag["items"][0]["founded_year"], 2015)
        site = self.search(
            self.anonymous,
            "en",
            use_site_search_settings="1",
            portal_type="Publication",
        )
        self.assertEqual(site["items_total"], 2)


class TestQuerystringSearch(CatalogQueryTestCase):
    def test_bad_bodies_answer_400_with_the_message(self):
        for name, session in self.sessions().items():
            for body, message in QUERYSTRING_REFUSALS:
                with self.subTest(user=name, body=body):
                    response = session.post("@querystring-search", json=body)
                    self.assert_refused(response, message)

    def test_serializer_caches_are_no_parameters(self):
        # plone.restapi's summary serializer reads them from the form: a 500.
        for name in ("summary_serializer_metadata", "_summary_fields_cache"):
            with self.subTest(name=name):
                response = self.anonymous.post(
                    f"@querystring-search?{name}=x", json={"query": [PUBLICATIONS]}
                )
                self.assert_refused(response, f"{name} is not a search parameter.")

    def test_bad_get_queries_answer_400_with_the_message(self):
        for body, message in QUERYSTRING_REFUSALS:
            with self.subTest(body=body):
                response = self.anonymous.get(
                    "@querystring-search", params={"query": json.dumps(body)}
                )
                self.assert_refused(response, message)
        not_json = (
            'The query must be a JSON object such as {"query": [{"i": '
            '"portal_type", "o": "plone.app.querystring.operation.selection.any", '
            '"v": ["Document"]}]}.'
        )
        for query in ("nope", "[1]", "null", '{"query": [', "[" * 5000 + "]" * 5000):
            with self.subTest(query=query[:20]):
                response = self.anonymous.get(
                    "@querystring-search", params={"query": query}
                )
                self.assert_refused(response, not_json)
        response = self.anonymous.get(
            "@querystring-search", params={"query": ["{}", "{}"]}
        )
        self.assert_refused(response, "Give query once.")

    def stock_querystring_search(self, body, anonymous):
        """What plone.restapi's own ``@querystring-search`` answers, in process."""
        request = self.layer["request"]
        request.form.clear()
        request["BODY"] = json.dumps(body).encode()
        if anonymous:
            logout()
        else:
            login(self.portal, TEST_USER_NAME)
        return QuerystringSearch(self.portal, request)()

    def test_valid_queries_answer_as_stock(self):
        queries = (
            {"query": [PUBLICATIONS], "sort_on": "sortable_title"},
            {
                "query": [
                    PUBLICATIONS,
                    {
                        "i": "SearchableText",
                        "o": f"{OPERATION}.string.contains",
                        "v": "AND cash (",
                    },
                ]
            },
            {
                "query": [
                    {
                        "i": "taxonomy_themes",
                        "o": f"{OPERATION}.selection.any",
                        "v": ["cash-transfers"],
                    }
                ],
                "sort_on": "effective",
                "sort_order": "descending",
            },
            {
                "query": [
                    PUBLICATIONS,
                    {
                        "i": "created",
                        "o": f"{OPERATION}.date.between",
                        "v": ["2000-01-01", None],
                    },
                ],
                "b_size": 1,
                "b_start": 1,
            },
            {
                "query": [
                    {
                        "i": "path",
                        "o": f"{OPERATION}.string.absolutePath",
                        "v": "/en/publications::1",
                    },
                    {
                        "i": "review_state",
                        "o": f"{OPERATION}.selection.none",
                        "v": ["private"],
                    },
                ],
                "sort_on": "getObjPositionInParent",
                "limit": 2,
            },
            {
                "query": [
                    {
                        "i": "founded_year",
                        "o": f"{OPERATION}.int.largerThan",
                        "v": "2000",
                    },
                    {"i": "is_folderish", "o": f"{OPERATION}.boolean.isTrue"},
                ]
            },
        )
        for name, session in self.sessions().items():
            for body in queries:
                body = {**body, "metadata_fields": "UID"}
                with self.subTest(user=name, body=body):
                    ours = self.querystring_search(session, body)
                    stock = self.stock_querystring_search(
                        body, anonymous=name == "Anonymous"
                    )
                    self.assertEqual(ours["items_total"], stock["items_total"])
                    self.assertEqual(
                        [item["UID"] for item in ours["items"]],
                        [item["UID"] for item in stock["items"]],
                    )

    def test_volto_listing_block(self):
        # As Volto's listing block sends it: relative path with depth,
        # metadata_fields, a block id, b_size as the block stores it.
        body = {
            "metadata_fields": "_all",
            "b_size": 25,
            "query": [
                PUBLICATIONS,
                {"i": "path", "o": f"{OPERATION}.string.relativePath", "v": ".::1"},
            ],
            "sort_on": "sortable_title",
            "sort_order": "ascending",
            "block": "7f2c9a",
        }
        result = self.querystring_search(self.anonymous, body, "en/publications")
        self.assertEqual(
            [item["title"] for item in result["items"]],
            ["Cash transfers in Senegal", "Social pensions in Kenya"],
        )
        get = self.anonymous.get(
            "en/publications/@querystring-search", params={"query": json.dumps(body)}
        )
        self.assertEqual(get.status_code, 200, get.text)
        self.assertEqual(get.json()["items"], result["items"])
        # Without criteria of its own, the block lists the folder's children.
        children = self.querystring_search(
            self.manager,
            {
                "metadata_fields": "_all",
                "b_size": 25,
                "sort_on": "getObjPositionInParent",
                "query": [
                    {"i": "path", "o": f"{OPERATION}.string.relativePath", "v": "::1"}
                ],
            },
            "en/publications",
        )
        self.assertEqual(
            [item["id"] for item in children["items"]],
            list(self.portal["en"]["publications"].objectIds()),
        )

    def test_volto_image_gallery_and_search_block(self):
        gallery = self.querystring_search(
            self.anonymous,
            {
                "fullobjects": 1,
                "b_size": 10000000000,
                "query": [
                    {"i": "path", "o": f"{OPERATION}.string.relativePath", "v": ""}
                ],
            },
            "en/publications",
        )
        self.assertEqual(gallery["items_total"], 2)
        self.assertIn("publication_date", gallery["items"][0])
        search_block = self.querystring_search(
            self.anonymous,
            {
                "query": [
                    PUBLICATIONS,
                    {
                        "i": "SearchableText",
                        "o": f"{OPERATION}.string.contains",
                        "v": "pens",
                    },
                ],
                "facets": ["taxonomy_themes"],
                "sort_on": "",
                "sort_order": "",
                "b_size": 10,
                "limit": 0,
                "block": "search-1",
            },
        )
        self.assertEqual(
            [item["title"] for item in search_block["items"]],
            ["Social pensions in Kenya"],
        )


class TestFacetsFullText(CatalogQueryTestCase):
    """``q`` of @facets and @listing is read as Plone's search box reads it."""

    def facets(self, **params):
        response = self.anonymous.get(
            "en/@facets", params={"facets": "themes", **params}
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def test_any_text_is_searchable(self):
        # Words are prefixes, all of them must match; query syntax is text.
        self.assertEqual(
            [item["title"] for item in self.facets(q="cash sene")["items"]],
            ["Cash transfers in Senegal"],
        )
        for text in ("AND", "OR cash", "(cash", "C++", "-835", "cash NOT", "a*b?"):
            with self.subTest(q=text):
                self.facets(q=text)
        listing = self.anonymous.get("en/@listing", params={"q": "kenya pens"})
        self.assertEqual(listing.status_code, 200, listing.text)
        self.assertEqual(
            [card["title"] for card in listing.json()["items"]],
            ["Social pensions in Kenya"],
        )

    def test_text_without_words_searches_without_it(self):
        everything = self.facets()
        for text in ("?", "*", "-", '""', "  "):
            with self.subTest(q=text):
                self.assertEqual(
                    self.facets(q=text)["items_total"], everything["items_total"]
                )

    def test_unsearchable_text_answers_400(self):
        for path in ("en/@facets", "en/@listing"):
            with self.subTest(path=path):
                response = self.anonymous.get(path, params={"q": '"'})
                self.assert_refused(response, 'q has no word to search for: ".')
                response = self.anonymous.get(path, params={"q": ["cash", "kenya"]})
                self.assert_refused(response, "Give q once.")
                response = self.anonymous.get(path, params={"q": "cash " * 33})
                self.assert_refused(
                    response, "q has too many words: search for at most 32."
                )


class TestSearchableText(unittest.TestCase):
    """searchable_text(): the full-text query of a search box's text."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def test_munged_as_plone_search_form(self):
        catalog = api.portal.get_tool("portal_catalog")
        request = self.layer["request"]
        self.assertEqual(
            catalog_query(catalog, request, "social protection"),
            "social* AND protection*",
        )
        self.assertEqual(catalog_query(catalog, request, "AND"), '"AND"')
        self.assertEqual(
            catalog_query(catalog, request, '"cash transfers"'), '"cash transfers"'
        )
        self.assertIsNone(catalog_query(catalog, request, "?"))


def catalog_query(catalog, request, text):
    return catalogquery.searchable_text(text, catalog, request)
