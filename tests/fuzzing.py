"""What the fuzz suite sends: every endpoint's documented parameters, and
hypothesis strategies that build requests from them and from the types'
``@types/<Type>`` JSON schemas.

The table ``ENDPOINTS`` writes down once, for every SocialHub endpoint and
every stock endpoint a frontend uses, its method, where it is called (named
``TARGETS``), its query parameters and its JSON body keys, each with a
``Kind`` of value (README.md and the service modules document them). A
``Kind`` draws valid values, near misses (one past a bound, a date that is
not on the calendar, full-text syntax, Unicode digits) and, now and then,
garbage. Beside what the table documents, every request may carry garbage
of its own: repeated and unknown parameters, Zope form converters
(``b_size:int=a``), undecodable escapes (``%ff``), odd headers, and bodies
that are not JSON objects (``null``, ``[]``, malformed, invalid UTF-8,
nested 100,000 deep). tests/fuzzrun.py sends what is drawn and checks the
answers; tests/test_fuzz.py runs one test per endpoint.
"""

from dataclasses import dataclass
from dataclasses import field
from hypothesis import strategies as st
from socialhub.testing import FUZZ_MEMBER
from socialhub.testing import FUZZ_SCRATCH_GROUP
from socialhub.testing import FUZZ_SCRATCH_ITEMS
from socialhub.testing import FUZZ_SCRATCH_USER
from urllib.parse import quote

import base64
import json
import os


#: How long a drawn string may get (characters): long enough to find
#: quadratic work (300,000 ``<`` took 27 s), short enough for ``make test``.
HUGE = int(os.environ.get("SOCIALHUB_FUZZ_HUGE", "60000"))

ROLES = ("Anonymous", "Member", "Manager")

# Values from the issue (#16) and its kin: each once answered HTTP 500.
ISSUE_VALUES = (
    True,
    [],
    194,
    "<<",
    "~_",
    "https://bücher.de",
    [{"UID": "x"}],
    [1],
    None,
    {},
    "",
    "javascript:alert(1)",
)
FULL_TEXT_SYNTAX = (
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    '"',
    "*",
    "?",
    "cash AND",
    '"cash',
    "cash*",
    "(cash OR",
    "NOT NOT",
    "-835",
    "*a",
    "a**",
    "cash AND (",
)
UNICODE_DIGITS = ("²", "٣", "𝟙", "①", "١٠", "Ⅻ", "½", "〇", "０")
NUMBER_LIKE = ("1.5", "1e3", " 5", "5 ", "0x10", "+5", "05", "NaN", "inf", "-0", "")
BAD_DATES = (
    "2024-13-45",
    "2024-01-01T25:61:61",
    "2024-02-30",
    "0000-00-00",
    "9999-99-99",
    "2024-1-1",
    "now",
    "2024-01-01T00:00:00+99:00",
    "1e10",
    "T",
    "2024-01-01T",
    "24-01-01",
    "-2024-01-01",
    "2024-01-01T00:00:00.999999999999Z",
    "10000-01-01",
)
ODD_TEXT = (
    "x<y>" * 50,
    "<iframe src=\"//evil\"></iframe>",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\u202e\u0000\ufeff",
    "\ud800",
    "../../etc/passwd",
    "%00",
    "a" * 300,
    "Ω≈ç√∫˜µ≤≥÷",
    "𝕿𝖍𝖊",
    "' OR 1=1 --",
    "${7*7}",
    "__class__",
    "\r\nX-Injected: 1",
)
URLS = ("https://example.org/report.pdf", "http://example.org", "mailto:a@example.org")
BAD_URLS = (
    "javascript:alert(1)",
    "https://bücher.de",
    "//evil.example",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org",
    "http://",
    "https://[::1",
    "https://exa mple.org",
    "vbscript:x",
    "https://xn--bcher-kva.de",
    "/en/publications",
    "https://example.org/" + "a" * 3000,
)
#: Zope's form converters (``name:int=...``) and record marshalling.
CONVERTERS = (
    ":int",
    ":long",
    ":float",
    ":date",
    ":date_international",
    ":boolean",
    ":list",
    ":tuple",
    ":tokens",
    ":lines",
    ":text",
    ":string",
    ":required",
    ":record",
    ":records",
    ":default",
    ":ignore_empty",
    ":utf8:ustring",
    ":int:list",
    ":record:list",
    ":method",
    ":action",
)
RAW_QUERY_GARBAGE = (
    "%ff",
    "x:int=a",
    "b_size:int=a",
    "b_start:int=%ff",
    "q:record=1",
    "=1",
    "&&",
    "x%00=1",
    "x=%ff%fe",
    "x=%e2%82",
    "x:list:record=1",
    ":method=getId",
    "x:default:int=a",
    "b_size=%c2%b2",
    "sort_on=sortable_title&sort_on=effective",
    "q=cash&q=AND",
    "x:date=2024-13-45",
    "x:boolean=%ff",
    "-C",
    "x" * 2000 + "=1",
)
#: Sortable catalog indexes, and the names that look like one.
SORT_INDEXES = (
    "relevance",
    "sortable_title",
    "effective",
    "created",
    "modified",
    "start",
    "end",
    "publication_date",
    "getObjPositionInParent",
    "id",
)
NOT_SORT_INDEXES = (
    "SearchableText",
    "path",
    "UID",
    "foo",
    "__class__",
    "Subject",
    "taxonomy_themes",
    "review_state.not",
)
DATE_INDEXES = ("publication_date", "start", "end", "effective", "created", "modified")
METADATA = (
    "_all",
    "UID",
    "Title",
    "publication_date",
    "author_names",
    "effective",
    "getObjSize",
    "review_state",
)
WORKFLOW_STATES = (
    "private",
    "pending",
    "published",
    "archived",
    "registered",
    "pending_verification",
    "verified",
)
TRANSITIONS = (
    "submit",
    "publish",
    "reject",
    "retract",
    "archive",
    "submit_for_verification",
    "verify",
    "hide",
    "show",
)
LANGUAGES = ("en", "fr", "es")
ACTION_CATEGORIES = ("object", "object_buttons", "site_actions", "user", "portal_tabs")
VOCABULARIES = (
    "plone.app.vocabularies.Keywords",
    "plone.app.vocabularies.ReallyUserFriendlyTypes",
    "plone.app.vocabularies.Catalog",
    "plone.app.vocabularies.Users",
    "plone.app.vocabularies.Groups",
    "plone.app.vocabularies.Principals",
    "plone.app.vocabularies.Roles",
    "plone.app.vocabularies.WorkflowStates",
    "plone.app.vocabularies.SupportedContentLanguages",
    "collective.taxonomy.themes",
    "collective.taxonomy.geography",
    "collective.taxonomy.audiences",
)
#: Principals a fuzzed write may name: never the fuzz member (a Manager's
#: fuzzed write must not make it see what it may not) nor a group holding it.
WRITE_PRINCIPALS = (FUZZ_SCRATCH_USER, FUZZ_SCRATCH_GROUP, "no-such-user", "")
READ_PRINCIPALS = (*WRITE_PRINCIPALS, FUZZ_MEMBER[0], "fuzz-hidden", "admin")
ROLE_NAMES = ("Reader", "Editor", "Contributor", "Reviewer", "Manager", "Translator")


@dataclass(frozen=True)
class Target:
    """A place an endpoint is called on: a path relative to the site root.

    ``secret`` places are only read (a Manager's fuzzed write must not make
    them public); ``scratch`` ones are recreated when a write removed them.
    """

    path: str
    portal_type: str | None = None
    secret: bool = False
    scratch: bool = False


TARGETS = {
    "site": Target(""),
    "en": Target("en", "LRF"),
    "fr": Target("fr", "LRF"),
    "publications": Target("en/publications", "Section"),
    "actors": Target("en/actors", "Section"),
    "initiatives": Target("en/initiatives", "Section"),
    "courses": Target("en/courses", "Section"),
    "events": Target("en/events", "Section"),
    "publication": Target("en/publications/cash-transfers-west-africa", "Publication"),
    "fr_publication": Target(
        "fr/publications/transferts-monetaires-afrique-ouest", "Publication"
    ),
    "actor": Target("en/actors/ilo", "Actor"),
    "initiative": Target("en/initiatives/sahel-adaptive-sp", "Initiative"),
    "course": Target("en/courses/sp-foundations", "Course"),
    "module": Target("en/courses/sp-foundations/instruments", "CourseModule"),
    "event": Target("en/events/financing-sp-floors-webinar", "Event"),
    "page": Target("en/welcome", "Document"),
    "private_publication": Target("en/publications/fuzz-draft", "Publication", True),
    "private_actor": Target("en/actors/fuzz-registered", "Actor", True),
    "scratch_publication": Target(
        "en/publications/fuzz-scratch", "Publication", scratch=True
    ),
    "scratch_page": Target("en/fuzz-scratch-page", "Document", scratch=True),
    "missing": Target("en/no-such-item"),
}
# The fuzz layer creates the scratch items.
assert {
    target.path: target.portal_type for target in TARGETS.values() if target.scratch
} == FUZZ_SCRATCH_ITEMS
FOLDERS = ("site", "en", "fr", "publications", "actors", "initiatives", "courses")
FOLDERS += ("events",)
ITEMS = ("publication", "fr_publication", "actor", "initiative", "course", "module")
ITEMS += ("event", "page")
READABLE = FOLDERS + ITEMS + ("private_publication", "private_actor", "missing")
SOCIALHUB_ITEMS = ("publication", "actor", "initiative", "course", "module", "event")
SCRATCH = ("scratch_publication", "scratch_page")
WRITABLE = ITEMS + SCRATCH
# Where each type is created: its section (the only place it may be added).
ADD_TO = {
    "publications": "Publication",
    "actors": "Actor",
    "initiatives": "Initiative",
    "courses": "Course",
    "course": "CourseModule",
    "events": "Event",
    "en": "Document",
    "fr": "Document",
    "site": "Document",
}


# Kinds of values


class Kind:
    """A kind of parameter value: valid values, near misses and garbage."""

    def valid(self, site):
        raise NotImplementedError

    def near(self, site):
        return st.sampled_from(ISSUE_VALUES)

    def values(self, site):
        """Mostly valid, often a near miss, sometimes garbage."""
        valid = self.valid(site)
        return st.one_of(valid, valid, valid, self.near(site), garbage_values())


@dataclass(frozen=True)
class Text(Kind):
    max_size: int = 40

    def valid(self, site):
        return st.sampled_from(
            ("cash transfers", "pension", "social protection", "child", "Ghana")
        ) | st.text(st.characters(codec="utf-8"), max_size=self.max_size)

    def near(self, site):
        return st.sampled_from(FULL_TEXT_SYNTAX + ODD_TEXT) | huge_text()


@dataclass(frozen=True)
class Choice(Kind):
    choices: tuple
    misses: tuple = ()

    def valid(self, site):
        return st.sampled_from(self.choices)

    def near(self, site):
        misses = [
            variant
            for choice in self.choices
            if isinstance(choice, str)
            for variant in (choice.upper(), f" {choice}", f"{choice}x", choice[:-1])
        ]
        return st.sampled_from([*misses, *self.misses, *ISSUE_VALUES])


@dataclass(frozen=True)
class Int(Kind):
    low: int = 0
    high: int = 100

    def valid(self, site):
        return st.integers(self.low, self.high)

    def near(self, site):
        return st.sampled_from(
            (
                self.low - 1,
                self.high + 1,
                -1,
                -999,
                0,
                10**6,
                10**20,
                -(10**20),
                *UNICODE_DIGITS,
                *NUMBER_LIKE,
                True,
            )
        ) | st.integers()


@dataclass(frozen=True)
class Date(Kind):
    def valid(self, site):
        return st.dates().map(str) | st.datetimes(timezones=st.just(None)).map(
            lambda value: value.isoformat(timespec="seconds")
        )

    def near(self, site):
        return st.sampled_from(BAD_DATES + UNICODE_DIGITS + ISSUE_VALUES)


@dataclass(frozen=True)
class Bool(Kind):
    def valid(self, site):
        return st.sampled_from((True, False, "true", "false", "1", "0"))

    def near(self, site):
        return st.sampled_from(("yes", "2", "True ", "nan", *ISSUE_VALUES))


@dataclass(frozen=True)
class Term(Kind):
    """A term of one taxonomy (``None``: of any)."""

    taxonomy: str | None = None

    def valid(self, site):
        if self.taxonomy is None:
            return st.sampled_from(site.all_terms)
        return st.sampled_from(site.terms[self.taxonomy])

    def near(self, site):
        return st.sampled_from(
            ("Cash-Transfers", "002 ", "themes", "0", "-1", "..", *ISSUE_VALUES)
        )


@dataclass(frozen=True)
class TaxonomyName(Kind):
    def valid(self, site):
        return st.sampled_from(site.taxonomies)

    def near(self, site):
        return st.sampled_from(("Themes", "taxonomy_themes", "themes ", *ISSUE_VALUES))


@dataclass(frozen=True)
class PortalType(Kind):
    def valid(self, site):
        return st.sampled_from(site.types)

    def near(self, site):
        return st.sampled_from(("publication", "Plone Site", "Publication ", "Foo"))


@dataclass(frozen=True)
class Uid(Kind):
    """The UID of a public item, of a private one, or none."""

    def valid(self, site):
        return st.sampled_from(site.uids)

    def near(self, site):
        return st.sampled_from((*site.secret_uids, "x", "0" * 32, "f" * 33))


@dataclass(frozen=True)
class Path(Kind):
    """A physical path (``/plone/en/...``) or a URL of an item."""

    def valid(self, site):
        return st.sampled_from(site.paths) | st.sampled_from(site.urls)

    def near(self, site):
        return st.sampled_from(
            (
                "/",
                "/plone/../..",
                "/plone/en/no-such-item",
                "en/publications",
                "http://evil.example/plone/en",
                "%ff",
                *site.secret_paths,
                *ISSUE_VALUES,
            )
        )


@dataclass(frozen=True)
class Source(Kind):
    """The URL or path of an item to copy (public) or move (a scratch item)."""

    scratch: bool = False

    def valid(self, site):
        return st.sampled_from(site.scratch_urls if self.scratch else site.urls)

    def near(self, site):
        return Path().near(site)


@dataclass(frozen=True)
class Either(Kind):
    """A value of one of several kinds."""

    kinds: tuple

    def __init__(self, *kinds):
        object.__setattr__(self, "kinds", kinds)

    def valid(self, site):
        return st.one_of([kind.valid(site) for kind in self.kinds])

    def values(self, site):
        return st.one_of([kind.values(site) for kind in self.kinds])


@dataclass(frozen=True)
class Url(Kind):
    def valid(self, site):
        return st.sampled_from(URLS)

    def near(self, site):
        return st.sampled_from(BAD_URLS + ISSUE_VALUES)


@dataclass(frozen=True)
class Email(Kind):
    def valid(self, site):
        return st.sampled_from(("someone@example.org", "a.b+c@example.org"))

    def near(self, site):
        return st.sampled_from(
            ("a@", "@b.org", "a@bücher.de", "a b@c.org", "a@b", *ISSUE_VALUES)
        )


@dataclass(frozen=True)
class Principal(Kind):
    choices: tuple = WRITE_PRINCIPALS

    def valid(self, site):
        return st.sampled_from(self.choices)


@dataclass(frozen=True)
class Json(Kind):
    """A JSON document passed as one query parameter (``@querystring-search``)."""

    body: Kind

    def valid(self, site):
        return self.body.valid(site).map(json.dumps)

    def near(self, site):
        return st.sampled_from(("{", "[]", "null", '{"query": 1}', "%7B")) | (
            garbage_values().map(json.dumps)
        )


@dataclass(frozen=True)
class Object(Kind):
    """A JSON object with documented keys (each optional)."""

    keys: dict

    def valid(self, site):
        return objects(self.keys, site, valid_only=True)

    def values(self, site):
        return st.one_of(objects(self.keys, site), self.near(site), garbage_values())


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    max_size: int = 3

    def valid(self, site):
        return st.lists(self.item.valid(site), max_size=self.max_size)

    def values(self, site):
        return st.one_of(
            st.lists(self.item.values(site), max_size=self.max_size),
            self.near(site),
            garbage_values(),
        )


@dataclass(frozen=True)
class Criteria(Kind):
    """plone.app.querystring criteria, as Volto's listing block sends them."""

    def valid(self, site):
        criterion = st.one_of(
            st.fixed_dictionaries(
                {
                    "i": st.just("portal_type"),
                    "o": st.just("plone.app.querystring.operation.selection.any"),
                    "v": st.lists(st.sampled_from(site.types), max_size=2),
                }
            ),
            st.fixed_dictionaries(
                {
                    "i": st.just("SearchableText"),
                    "o": st.just("plone.app.querystring.operation.string.contains"),
                    "v": Text().valid(site),
                }
            ),
            st.fixed_dictionaries(
                {
                    "i": st.sampled_from(("effective", "created", "start")),
                    "o": st.sampled_from(
                        (
                            "plone.app.querystring.operation.date.lessThan",
                            "plone.app.querystring.operation.date.between",
                            "plone.app.querystring.operation.date.lessThanRelativeDate",
                        )
                    ),
                    "v": Date().values(site) | st.lists(Date().values(site), max_size=3),
                }
            ),
            st.fixed_dictionaries(
                {
                    "i": st.sampled_from(("path", "review_state", "Subject", "foo")),
                    "o": st.sampled_from(
                        (
                            "plone.app.querystring.operation.string.absolutePath",
                            "plone.app.querystring.operation.string.relativePath",
                            "plone.app.querystring.operation.selection.any",
                            "plone.app.querystring.operation.list.contains",
                            "no.such.operation",
                        )
                    ),
                    "v": st.one_of(Path().values(site), garbage_values()),
                }
            ),
        )
        return st.lists(criterion, min_size=1, max_size=3)


@dataclass(frozen=True)
class Schema(Kind):
    """The fields of a type's ``@types`` schema (see :func:`content_body`)."""

    def valid(self, site):
        raise NotImplementedError  # bodies of content are drawn whole


# The endpoints


@dataclass(frozen=True)
class Endpoint:
    """One row of the fuzz table: a method of a service and what it takes.

    ``service`` is appended to the target's path ("" for the item itself);
    ``subpath`` is the kind of the path segment after it (``@types/<T>``);
    ``params`` the query parameters, ``body`` the JSON body's keys (or
    ``"create"`` / ``"patch"``: the fields of the target's type).
    """

    name: str
    method: str
    service: str
    targets: tuple
    params: dict = field(default_factory=dict)
    body: dict | str | None = None
    subpath: Kind | None = None

    @property
    def writes(self):
        return self.method != "GET"


SEARCH_FILTERS = {
    "q": Text(),
    "portal_type": PortalType(),
    "language": Choice((*LANGUAGES, "all"), misses=("de", "en-US")),
    "themes": Term("themes"),
    "geography": Term("geography"),
    "audiences": Term("audiences"),
    "formats": Term("formats"),
    "actor_types": Term("actor_types"),
    "population_groups": Term("population_groups"),
    **{f"{index}.min": Date() for index in DATE_INDEXES},
    **{f"{index}.max": Date() for index in DATE_INDEXES},
    "sort_on": Choice(SORT_INDEXES, misses=NOT_SORT_INDEXES),
    "sort_order": Choice(("ascending", "descending"), misses=("reverse", "asc")),
    "b_start": Int(0, 200),
    "b_size": Int(1, 100),
}
STOCK_SEARCH = {
    "SearchableText": Text(),
    "portal_type": PortalType(),
    "portal_type.not": PortalType(),
    "path": Path(),
    "path.depth": Int(-1, 5),
    "Language": Choice(LANGUAGES),
    "review_state": Choice(WORKFLOW_STATES),
    "is_folderish": Bool(),
    "sort_on": Choice(SORT_INDEXES[1:], misses=NOT_SORT_INDEXES),
    "sort_order": Choice(("ascending", "descending", "reverse")),
    "sort_limit": Int(1, 100),
    "b_start": Int(0, 200),
    "b_size": Int(1, 100),
    "metadata_fields": Choice(METADATA),
    "fullobjects": Bool(),
    "use_site_search_settings": Bool(),
    "effective.query": Date(),
    "effective.range": Choice(("min", "max", "min:max")),
    "UID": Uid(),
    "taxonomy_themes": Term("themes"),
    "actor_flags": Choice(("new", "small", "less-visible", "remote", "very-active")),
}
QUERYSTRING_SEARCH = {
    "query": Criteria(),
    "sort_on": Choice(SORT_INDEXES[1:], misses=NOT_SORT_INDEXES),
    "sort_order": Choice(("ascending", "descending")),
    "b_start": Int(0, 200),
    "b_size": Int(1, 100),
    "limit": Int(1, 1000),
    "fullobjects": Bool(),
    "metadata_fields": ListOf(Choice(METADATA)),
}
EXPANDABLE = Choice(
    (
        "translations",
        "breadcrumbs",
        "navigation",
        "actions",
        "workflow",
        "types",
        "contextnavigation",
        "navroot",
    ),
    misses=("nope", "translations,types"),
)
#: Parameters every content GET takes.
CONTENT_GET = {
    "expand": EXPANDABLE,
    "expand.navigation.depth": Int(1, 5),
    "version": Int(0, 5),
    "fullobjects": Bool(),
    "metadata_fields": Choice(METADATA),
    "b_size": Int(1, 100),
    "b_start": Int(0, 100),
}
WORKFLOW_BODY = {
    "comment": Text(),
    "include_children": Bool(),
    "effective": Date(),
    "expires": Date(),
}
NAVIGATION = {
    "expand.contextnavigation.name": Text(),
    "expand.contextnavigation.root_path": Path(),
    "expand.contextnavigation.includeTop": Bool(),
    "expand.contextnavigation.currentFolderOnly": Bool(),
    "expand.contextnavigation.topLevel": Int(0, 5),
    "expand.contextnavigation.bottomLevel": Int(0, 5),
    "expand.contextnavigation.no_icons": Bool(),
    "expand.contextnavigation.thumb_scale": Choice(("icon", "thumb", "nope")),
    "expand.contextnavigation.no_thumbs": Bool(),
}
USER_BODY = {
    "username": Text(20),
    "email": Email(),
    "password": Text(20),
    "fullname": Text(),
    "roles": ListOf(Choice(ROLE_NAMES)),
    "groups": ListOf(Principal()),
    "sendPasswordReset": Bool(),
    "description": Text(),
    "location": Text(),
    "home_page": Url(),
}

ENDPOINTS = (
    # SocialHub's own
    Endpoint(
        "GET @facets",
        "GET",
        "@facets",
        FOLDERS,
        {
            **SEARCH_FILTERS,
            "facets": TaxonomyName(),
            "metadata_fields": Choice(METADATA),
        },
    ),
    Endpoint("GET @listing", "GET", "@listing", FOLDERS, SEARCH_FILTERS),
    Endpoint("GET @related", "GET", "@related", READABLE, {"limit": Int(1, 20)}),
    Endpoint(
        "GET @review-queue",
        "GET",
        "@review-queue",
        FOLDERS,
        {
            "portal_type": PortalType(),
            "language": Choice(LANGUAGES),
            "b_start": Int(0, 100),
            "b_size": Int(1, 100),
        },
    ),
    Endpoint(
        "GET @translation-status",
        "GET",
        "@translation-status",
        FOLDERS,
        {
            "target_language": Choice(LANGUAGES),
            "portal_type": PortalType(),
            "review_state": Choice(WORKFLOW_STATES),
            "status": Choice(("gaps", "missing", "outdated", "all")),
            "b_start": Int(0, 100),
            "b_size": Int(1, 100),
        },
    ),
    Endpoint("GET @taxonomies", "GET", "@taxonomies", ("site", "en", "publication")),
    Endpoint(
        "GET @taxonomies/<name>",
        "GET",
        "@taxonomies",
        ("site", "en", "fr"),
        subpath=TaxonomyName(),
    ),
    Endpoint(
        "GET @history (SocialHub)",
        "GET",
        "@history",
        (*SOCIALHUB_ITEMS, "private_publication", "scratch_publication"),
        subpath=Int(0, 3),
    ),
    Endpoint(
        "PATCH @history (SocialHub)",
        "PATCH",
        "@history",
        (*SOCIALHUB_ITEMS, "scratch_publication"),
        body={"version": Int(0, 3)},
    ),
    Endpoint(
        "GET @sharing",
        "GET",
        "@sharing",
        READABLE,
        {"search": Principal(READ_PRINCIPALS)},
    ),
    Endpoint(
        "POST @sharing",
        "POST",
        "@sharing",
        SCRATCH,
        body={
            "inherit": Bool(),
            "entries": ListOf(
                Object(
                    {
                        "id": Principal(),
                        "type": Choice(("user", "group")),
                        "roles": Object({role: Bool() for role in ROLE_NAMES}),
                    }
                )
            ),
        },
    ),
    # Stock plone.restapi, as a frontend uses it
    Endpoint("GET @search", "GET", "@search", FOLDERS + ITEMS, STOCK_SEARCH),
    Endpoint(
        "GET @querystring-search",
        "GET",
        "@querystring-search",
        FOLDERS + ITEMS[:2],
        {"query": Json(Object(QUERYSTRING_SEARCH))},
    ),
    Endpoint(
        "POST @querystring-search",
        "POST",
        "@querystring-search",
        FOLDERS + ITEMS[:2],
        body=QUERYSTRING_SEARCH,
    ),
    Endpoint(
        "GET @vocabularies/<name>",
        "GET",
        "@vocabularies",
        ("site", "en", "publications", "publication"),
        {
            "title": Text(),
            "token": Text(),
            "tokens": Text(),
            "b_start": Int(0, 100),
            "b_size": Int(1, 100),
        },
        subpath=Choice(VOCABULARIES, misses=("plone.app.vocabularies.Nope",)),
    ),
    Endpoint("GET @types", "GET", "@types", ("site", "en", "publications")),
    Endpoint(
        "GET @types/<T>",
        "GET",
        "@types",
        ("site", "publications", "events"),
        subpath=PortalType(),
    ),
    Endpoint(
        "GET @navigation",
        "GET",
        "@navigation",
        READABLE,
        {"expand.navigation.depth": Int(1, 5)},
    ),
    Endpoint("GET @breadcrumbs", "GET", "@breadcrumbs", READABLE),
    Endpoint(
        "GET @actions",
        "GET",
        "@actions",
        READABLE,
        {"categories": Choice(ACTION_CATEGORIES)},
    ),
    Endpoint("GET @workflow", "GET", "@workflow", READABLE),
    Endpoint(
        "POST @workflow/<transition>",
        "POST",
        "@workflow",
        SCRATCH + ("private_publication",),
        body=WORKFLOW_BODY,
        subpath=Choice(TRANSITIONS, misses=("delete", "nope")),
    ),
    Endpoint(
        "GET @users",
        "GET",
        "@users",
        ("site",),
        {
            "query": Text(20),
            "search": Text(20),
            "limit": Int(1, 100),
            "groups-filter:list": Principal(READ_PRINCIPALS),
        },
        subpath=Principal(READ_PRINCIPALS),
    ),
    Endpoint("POST @users", "POST", "@users", ("site",), body=USER_BODY),
    Endpoint(
        "PATCH @users/<id>",
        "PATCH",
        "@users",
        ("site",),
        body=USER_BODY,
        subpath=Choice((FUZZ_SCRATCH_USER, "no-such-user")),
    ),
    Endpoint(
        "GET @groups",
        "GET",
        "@groups",
        ("site",),
        {"query": Text(20), "limit": Int(1, 100)},
        subpath=Principal(
            ("Administrators", "Reviewers", "translators", FUZZ_SCRATCH_GROUP)
        ),
    ),
    Endpoint(
        "GET @principals",
        "GET",
        "@principals",
        ("site", "en"),
        {"search": Principal(READ_PRINCIPALS)},
    ),
    Endpoint("GET @translations", "GET", "@translations", READABLE),
    Endpoint(
        "POST @translations",
        "POST",
        "@translations",
        SCRATCH,
        body={"id": Path(), "language": Choice(LANGUAGES)},
    ),
    Endpoint(
        "DELETE @translations",
        "DELETE",
        "@translations",
        SCRATCH + ("publication",),
        body={"language": Choice(LANGUAGES)},
    ),
    Endpoint(
        "GET @translation-locator",
        "GET",
        "@translation-locator",
        READABLE,
        {"target_language": Choice(LANGUAGES)},
    ),
    Endpoint(
        "POST @login",
        "POST",
        "@login",
        ("site", "en"),
        body={
            "login": Choice((FUZZ_MEMBER[0], "admin", "fuzz-hidden", "nobody")),
            "password": Choice((FUZZ_MEMBER[1], "wrong")),
        },
    ),
    Endpoint(
        "GET @history (stock)",
        "GET",
        "@history",
        ("page", "scratch_page"),
        subpath=Int(0, 3),
    ),
    Endpoint(
        "PATCH @history (stock)",
        "PATCH",
        "@history",
        ("page", "scratch_page"),
        body={"version": Int(0, 3)},
    ),
    Endpoint("GET @site", "GET", "@site", ("site", "en")),
    Endpoint("GET @navroot", "GET", "@navroot", READABLE),
    Endpoint("GET @contextnavigation", "GET", "@contextnavigation", READABLE, NAVIGATION),
    Endpoint("GET @querystring", "GET", "@querystring", ("site", "en")),
    Endpoint(
        "GET @sources/<field>",
        "GET",
        "@sources",
        ("publication", "actor", "event"),
        {"query": Text()},
        subpath=Choice(("relatedItems", "publishers", "taxonomy_themes", "nope")),
    ),
    Endpoint(
        "POST @lock",
        "POST",
        "@lock",
        WRITABLE,
        body={"stealable": Bool(), "timeout": Int(1, 3600)},
    ),
    Endpoint(
        "POST @copy",
        "POST",
        "@copy",
        FOLDERS[1:],
        body={"source": Either(Source(), ListOf(Source()))},
    ),
    Endpoint(
        "POST @move",
        "POST",
        "@move",
        FOLDERS[1:],
        body={"source": Either(Source(scratch=True), ListOf(Source(scratch=True)))},
    ),
    Endpoint("GET content", "GET", "", READABLE, CONTENT_GET),
    Endpoint("POST content", "POST", "", tuple(ADD_TO), body="create"),
    Endpoint("PATCH content", "PATCH", "", WRITABLE, body="patch"),
    Endpoint("DELETE content", "DELETE", "", SCRATCH),
)


# What the strategies read from the site


@dataclass
class Site:
    """What the strategies draw from, read from the running site once.

    ``schemas`` maps each type to its ``@types`` JSON schema; ``vocabularies``
    a vocabulary's URL to its tokens; ``uids``, ``paths`` and ``urls`` are
    those of public items, ``secret_*`` those of the private ones.
    """

    url: str
    types: tuple
    schemas: dict
    vocabularies: dict
    taxonomies: tuple
    terms: dict
    uids: tuple
    paths: tuple
    urls: tuple
    scratch_urls: tuple
    secret_uids: tuple
    secret_paths: tuple

    @property
    def all_terms(self):
        return tuple(token for tokens in self.terms.values() for token in tokens)


# Garbage


def huge_text():
    """A long run of one troublesome piece: markup, entities, odd Unicode."""
    return st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(("<", "x<y>", "a", "é", "<p>", "&amp;", "\u202e", " ", "<<>")),
        st.integers(1000, max(1000, HUGE // 4)),
    )


def json_scalars():
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**18),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
        st.sampled_from(
            ISSUE_VALUES + UNICODE_DIGITS + BAD_DATES + BAD_URLS + ODD_TEXT
        ),
    )


def garbage_values():
    """Any JSON value: scalars, small nests, huge strings, deep lists."""
    nested = st.recursive(
        json_scalars(),
        lambda children: st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3),
        max_leaves=6,
    )
    deep = st.integers(20, 200).map(lambda depth: _nest([], depth))
    return st.one_of(nested, nested, nested, huge_text(), deep)


def _nest(value, depth):
    for _ in range(depth):
        value = [value]
    return value


def raw_bodies():
    """Bodies that are not a JSON object, or not JSON at all."""
    return st.sampled_from(
        (
            b"",
            b"null",
            b"[]",
            b"true",
            b"194",
            b'"x"',
            b"{",
            b'{"a":}',
            b"{'a': 1}",
            b'{"title": "\\ud800"}',
            b'{"title": "\xff\xfe"}',
            b"\xef\xbb\xbf{}",
            b'{"a": NaN, "b": Infinity}',
            b'{"b_size": 1e999}',
            b'{"a": 1, "a": 2}',
            b"\x00",
            b"a=1&b=2",
            b"[" * 100_000 + b"]" * 100_000,
            b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
            b'{"title": "' + b"x<y>" * 25_000 + b'"}',
            b" " * 200_000 + b"{}",
        )
    )


# Bodies from the types' schemas


IMAGE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()
FILE = base64.b64encode(b"%PDF-1.4\n%fuzz\n").decode()
#: The JSONField rows of SocialHub's types (authors, speakers): each a dict.
PERSON = Object(
    {
        "name": Text(),
        "affiliation": Text(),
        "orcid": Choice(("0000-0002-1825-0097",), misses=("0000-0002-1825-0098",)),
        "role": Text(),
    }
)


def property_values(name, schema, site, container=None):
    """Values for one property of a type's ``@types`` schema.

    Valid ones as the schema describes them (types, bounds, choices,
    vocabularies, formats, relations, files, rich text), near misses, the
    issue's kinds of values and garbage.
    """
    return property_kind(name, schema, site).values(site)


def property_kind(name, schema, site):
    """The :class:`Kind` of one property of a ``@types`` schema."""
    factory = schema.get("factory", "")
    kind = schema.get("type")
    if schema.get("choices"):
        return Choice(tuple(token for token, _title in schema["choices"]))
    vocabulary = (schema.get("vocabulary") or {}).get("@id", "")
    if vocabulary in site.vocabularies and site.vocabularies[vocabulary]:
        return Choice(site.vocabularies[vocabulary])
    if factory == "Rich Text":
        return RichText()
    if factory in ("File", "Image", "File Upload"):
        return Upload(image=factory == "Image")
    if factory in ("Relation Choice",):
        return Either(Uid(), Path())
    if factory == "Relation List":
        return ListOf(Either(Uid(), Path()))
    if factory == "JSONField" or kind == "dict":
        return ListOf(PERSON)
    if factory == "URL":
        return Url()
    if factory == "Email":
        return Email()
    if factory in ("Date", "Date/Time", "Datetime"):
        return Date()
    if kind == "boolean":
        return Bool()
    if kind in ("integer", "number"):
        return Int(schema.get("minimum", -(10**6)), schema.get("maximum", 10**6))
    if kind == "array":
        return ListOf(property_kind(name, schema.get("items", {}), site))
    if name == "remoteUrl":
        return Url()
    return Text(schema.get("maxLength", 200) or 200)


@dataclass(frozen=True)
class RichText(Kind):
    def valid(self, site):
        html = st.sampled_from(
            ("<p>Hello <strong>world</strong></p>", "<h2>Findings</h2><ul><li>a</li></ul>")
        )
        return html | st.fixed_dictionaries(
            {
                "data": html,
                "content-type": st.just("text/html"),
                "encoding": st.just("utf-8"),
            }
        )

    def near(self, site):
        return st.sampled_from(ODD_TEXT + ISSUE_VALUES) | huge_text() | (
            st.fixed_dictionaries(
                {
                    "data": st.one_of(huge_text(), garbage_values()),
                    "content-type": st.sampled_from(
                        ("text/html", "text/x-python", "", "text/plain")
                    ),
                    "encoding": st.sampled_from(("utf-8", "latin-1", "rot13", "")),
                }
            )
        )


@dataclass(frozen=True)
class Upload(Kind):
    image: bool = False

    def valid(self, site):
        return st.just(
            {
                "data": IMAGE if self.image else FILE,
                "encoding": "base64",
                "filename": "pixel.png" if self.image else "report.pdf",
                "content-type": "image/png" if self.image else "application/pdf",
            }
        )

    def near(self, site):
        return st.fixed_dictionaries(
            {
                "data": st.sampled_from(("!!notbase64", "", FILE, IMAGE[:-3])),
                "encoding": st.sampled_from(("base64", "", "gzip")),
                "filename": st.sampled_from(("../../x", "", "a" * 500, "\x00.png")),
                "content-type": st.sampled_from(("image/png", "", "x/y")),
            }
        ) | st.sampled_from(ISSUE_VALUES)


def content_body(site, portal_type, create):
    """A JSON body creating or editing an item of ``portal_type``.

    A few of the type's properties, each valid, near or garbage, the
    required ones mostly there on creation, now and then a key no field
    knows; ``@type`` is mostly the section's type on creation.
    """
    schema = site.schemas.get(portal_type) or {"properties": {}, "required": []}
    properties = schema["properties"]

    @st.composite
    def body(draw):
        data = {}
        if create:
            data["@type"] = draw(
                st.one_of(
                    st.just(portal_type),
                    st.just(portal_type),
                    PortalType().values(site),
                )
            )
            for name in schema.get("required", ()):
                if draw(st.integers(0, 9)):
                    data[name] = draw(property_kind(name, properties[name], site).valid(site))
            if not draw(st.integers(0, 4)) and "id" in properties:
                data["id"] = draw(IdKind().values(site))
        names = draw(st.lists(st.sampled_from(sorted(properties)), max_size=4, unique=True))
        for name in names:
            data[name] = draw(property_values(name, properties[name], site))
        if not draw(st.integers(0, 9)):
            data[draw(st.sampled_from(("nonsense", "@id", "UID", "review_state", "")))] = (
                draw(garbage_values())
            )
        return data

    return body()


@dataclass(frozen=True)
class IdKind(Kind):
    """A client-chosen id of a new item."""

    def valid(self, site):
        return st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True).map(
            lambda value: f"fuzz-{value}"
        )

    def near(self, site):
        return st.sampled_from(
            (
                "en",
                "..",
                "@@view",
                "++api++",
                "aq_parent",
                "REQUEST",
                "index_html",
                "fuzz-scratch",
                "A B",
                "x/y",
                "%ff",
                "_private",
                "a" * 300,
                *ISSUE_VALUES,
            )
        )


def objects(keys, site, valid_only=False):
    """A JSON object with some of ``keys`` (documented keys and their kinds)."""

    @st.composite
    def draw_object(draw):
        names = draw(st.lists(st.sampled_from(sorted(keys)), max_size=len(keys), unique=True))
        data = {}
        for name in names:
            kind = keys[name]
            data[name] = draw(kind.valid(site) if valid_only else kind.values(site))
        if not valid_only and not draw(st.integers(0, 9)):
            data[draw(st.text(max_size=8))] = draw(garbage_values())
        return data

    return draw_object()


# Requests


@dataclass(frozen=True)
class FuzzRequest:
    """One drawn request: who sends what where.

    ``path`` (after the site's URL) and ``query`` are sent as they are,
    escapes and all; ``body`` is bytes or None.
    """

    endpoint: str
    role: str
    method: str
    target: str
    path: str
    query: str
    headers: tuple
    body: bytes | None

    def url(self, site_url):
        url = f"{site_url}/{self.path}" if self.path else site_url
        return f"{url}?{self.query}" if self.query else url

    def text(self):
        """Everything the request says, to tell an echo from a leak."""
        body = (self.body or b"").decode("utf-8", "replace")
        return " ".join([self.path, self.query, body, *map(str, self.headers)])

    def curl(self, site_url, credentials=None):
        """A shell command that sends this request again."""
        command = ["curl", "-si", "-X", self.method]
        if credentials:
            command += ["-u", ":".join(credentials)]
        for name, value in self.headers:
            command += ["-H", f"{name}: {value}"]
        if self.body is not None:
            if len(self.body) > 2000:
                command += ["--data-binary", f"@<({_body_generator(self.body)})"]
            else:
                command += ["--data-binary", _shell_bytes(self.body)]
        command.append(_shell_quote(self.url(site_url)))
        return " ".join(
            part if part.startswith(("$'", "'", "@<(")) else _shell_quote(part)
            for part in command
        )


def _shell_quote(text):
    if text.startswith(("$'", "'")):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def _shell_bytes(data):
    """A bash $'...' literal of arbitrary bytes."""
    out = []
    for byte in data:
        char = chr(byte)
        if 32 <= byte < 127 and char not in "\\'":
            out.append(char)
        else:
            out.append(f"\\x{byte:02x}")
    return "$'" + "".join(out) + "'"


def _body_generator(data):
    """A python3 one-liner printing a long body (runs of one piece compressed)."""
    return f"python3 -c 'import sys; sys.stdout.buffer.write({_compressed(data)})'"


def _compressed(data):
    for size in range(1, 9):
        piece = data[:size]
        count = len(data) // size
        if piece * count == data[: size * count]:
            rest = data[size * count :]
            return f"{piece!r}*{count}+{rest!r}"
    for split in range(1, 50):
        head, tail = data[:split], data[split:]
        for size in range(1, 9):
            piece = tail[:size]
            count = len(tail) // size
            if count > 10 and piece * count == tail[: size * count]:
                end = tail[size * count :]
                for end_size in range(1, 9):
                    end_piece = end[:end_size]
                    end_count = len(end) // end_size
                    if end_count and end_piece * end_count == end:
                        return f"{head!r}+{piece!r}*{count}+{end_piece!r}*{end_count}"
                if len(end) < 200:
                    return f"{head!r}+{piece!r}*{count}+{end!r}"
    return repr(data)


def as_text(value):
    """A drawn value as a query parameter or path segment says it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def escape(text, safe=""):
    """Percent-escape like a browser, lone surrogates as invalid UTF-8."""
    return quote(text, safe=safe, errors="surrogatepass")


PATH_GARBAGE = ("%ff", "..", "x", "%2e%2e", "@@nope", "%00", "a%2Fb", "++api++", "%c0%af")
ACCEPT = ("application/json",) * 12 + ("text/html", "*/*", "application/xml", None)
CONTENT_TYPES = ("application/json",) * 10 + (
    "application/json; charset=latin-1",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonx",
    None,
)
ACCEPT_LANGUAGES = (None,) * 6 + ("fr", "es", "de", "fr;q=x", "*", "zz-ZZ,,;")
BAD_AUTHORIZATION = (
    "Bearer x",
    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
    "Basic %%%",
    "Basic " + base64.b64encode(b"fuzz-member:wrong").decode(),
    "Basic " + base64.b64encode(b"\xff:\xfe").decode(),
    "Digest x",
)


@st.composite
def query_strings(draw, endpoint, site):
    """Some documented parameters (some repeated, some with a Zope converter)
    with drawn values, now and then garbage parameters, in any order."""
    names = sorted(endpoint.params)
    chosen = (
        draw(st.lists(st.sampled_from(names), max_size=4, unique=True)) if names else []
    )
    parts = []
    for name in chosen:
        for _ in range(draw(st.sampled_from((1, 1, 1, 1, 1, 2, 3)))):
            suffix = draw(st.sampled_from(("",) * 20 + CONVERTERS))
            value = as_text(draw(endpoint.params[name].values(site)))
            parts.append(f"{escape(name + suffix, safe=':')}={escape(value)}")
    if not draw(st.integers(0, 4)):
        unknown = st.builds(
            lambda name, value: f"{escape(name)}={escape(value)}",
            st.text(min_size=1, max_size=10),
            st.text(max_size=10),
        )
        parts += draw(
            st.lists(
                st.sampled_from(RAW_QUERY_GARBAGE) | unknown, min_size=1, max_size=2
            )
        )
    return "&".join(draw(st.permutations(parts)))


@st.composite
def bodies(draw, endpoint, site, target):
    """The body of a request to ``target``: its documented JSON object mostly,
    else a non-object, malformed, deep or huge one."""
    if endpoint.body is None:
        if draw(st.integers(0, 19)):
            return None
        return draw(raw_bodies())
    if not draw(st.integers(0, 7)):
        return draw(raw_bodies())
    if not draw(st.integers(0, 11)):
        data = draw(garbage_values())
    elif endpoint.body == "create":
        portal_type = ADD_TO.get(target) or "Document"
        if not draw(st.integers(0, 5)):
            portal_type = draw(st.sampled_from(site.types))
        data = draw(content_body(site, portal_type, create=True))
    elif endpoint.body == "patch":
        data = draw(content_body(site, TARGETS[target].portal_type, create=False))
    else:
        data = draw(objects(endpoint.body, site))
    ensure_ascii = draw(st.booleans())
    return json.dumps(data, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")


@st.composite
def headers(draw, role, body):
    pairs = []
    accept = draw(st.sampled_from(ACCEPT))
    if accept:
        pairs.append(("Accept", accept))
    if body is not None:
        content_type = draw(st.sampled_from(CONTENT_TYPES))
        if content_type:
            pairs.append(("Content-Type", content_type))
    language = draw(st.sampled_from(ACCEPT_LANGUAGES))
    if language:
        pairs.append(("Accept-Language", language))
    if role == "Anonymous" and not draw(st.integers(0, 14)):
        pairs.append(("Authorization", draw(st.sampled_from(BAD_AUTHORIZATION))))
    return tuple(pairs)


def requests_for(endpoint, site):
    """The strategy of requests to ``endpoint``: role, target, path, query,
    headers and body drawn together."""

    @st.composite
    def request(draw):
        role = draw(st.sampled_from(ROLES))
        target = draw(st.sampled_from(endpoint.targets))
        segments = [TARGETS[target].path] if TARGETS[target].path else []
        if endpoint.service:
            segments.append(endpoint.service)
        if endpoint.subpath is not None and (endpoint.writes or draw(st.integers(0, 3))):
            segments.append(escape(as_text(draw(endpoint.subpath.values(site)))))
        if not draw(st.integers(0, 19)):
            segments.append(draw(st.sampled_from(PATH_GARBAGE)))
        body = draw(bodies(endpoint, site, target))
        return FuzzRequest(
            endpoint=endpoint.name,
            role=role,
            method=endpoint.method,
            target=target,
            path="/".join(segments),
            query=draw(query_strings(endpoint, site)),
            headers=draw(headers(role, body)),
            body=body,
        )

    return request()
