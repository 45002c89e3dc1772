"""The fuzz table: every endpoint a frontend uses, with its documented
parameters, and the kinds of values they take.

``ENDPOINTS`` writes down once, for every SocialHub endpoint and every stock
endpoint a frontend uses, its method, where it is called (named
``TARGETS``), its query parameters, the path segment after it and its JSON
body's keys, each with a ``Kind`` of value (from README.md and the service
modules; content bodies come from the types' ``@types`` schemas, see
tests/fuzzrequests.py). A ``Kind`` draws valid values, near misses (one past
a bound, a date off the calendar, full-text syntax, Unicode digits, the
values of issue #16) and, now and then, garbage: any JSON value, huge
strings of markup, deep nests.
"""

from dataclasses import dataclass
from dataclasses import field
from hypothesis import strategies as st
from socialhub.testing import FUZZ_MEMBER
from socialhub.testing import FUZZ_SCRATCH_GROUP
from socialhub.testing import FUZZ_SCRATCH_ITEMS
from socialhub.testing import FUZZ_SCRATCH_USER

import functools
import json
import os


#: How long a drawn string may get (characters): ``make test`` keeps it
#: short; ``make fuzz`` reaches the sizes that once took seconds (300,000
#: ``<`` took 27 s).
HUGE = int(os.environ.get("SOCIALHUB_FUZZ_HUGE", "60000"))

ROLES = ("Anonymous", "Member", "Manager")

# Values from the issue (#16) and their kin: each once answered HTTP 5xx.
ISSUE_VALUES = (True, [], 194, "<<", "~_", "https://bücher.de", [{"UID": "x"}])
ISSUE_VALUES += ([1], None, {}, "", "javascript:alert(1)", -835, "²")
FULL_TEXT_SYNTAX = tuple('AND OR NOT ( ) " * ? -835 *a a** cash* "cash'.split())
FULL_TEXT_SYNTAX += ("cash AND", "(cash OR", "NOT NOT", "cash AND (", "a OR OR b")
UNICODE_DIGITS = tuple("² ٣ 𝟙 ① ١٠ Ⅻ ½ 〇 ０".split())
NUMBER_LIKE = ("1.5", "1e3", " 5", "5 ", "0x10", "+5", "05", "NaN", "inf", "-0", "")
BAD_DATES = tuple(
    "2024-13-45 2024-01-01T25:61:61 2024-02-30 0000-00-00 9999-99-99 2024-1-1 now "
    "2024-01-01T00:00:00+99:00 1e10 T 2024-01-01T 24-01-01 -2024-01-01 "
    "2024-01-01T00:00:00.999999999999Z 10000-01-01".split()
)
ODD_TEXT = ("x<y>" * 50, '<iframe src="//evil"></iframe>', "<script>alert(1)</script>")
ODD_TEXT += ('<img src=x onerror="alert(1)">', "\u202e\u0000\ufeff", "\ud800")
ODD_TEXT += ("../../etc/passwd", "%00", "a" * 300, "Ω≈ç√∫˜µ≤≥÷", "𝕿𝖍𝖊", "' OR 1=1 --")
ODD_TEXT += ("${7*7}", "__class__", "\r\nX-Injected: 1")
URLS = ("https://example.org/report.pdf", "http://example.org", "mailto:a@example.org")
BAD_URLS = tuple(
    "javascript:alert(1) https://bücher.de //evil.example ftp://example.org http:// "
    "https://[::1 vbscript:x https://xn--bcher-kva.de /en/publications".split()
)
BAD_URLS += ("data:text/html,<b>x</b>", "https://exa mple.org")
BAD_URLS += ("https://example.org/" + "a" * 999,)
#: Sortable catalog indexes, and names that look like one.
SORT_INDEXES = tuple(
    "relevance sortable_title effective created modified start end publication_date "
    "getObjPositionInParent id".split()
)
NOT_SORT_INDEXES = tuple(
    "SearchableText path UID foo "
    "__class__ Subject taxonomy_themes review_state.not".split()
)
DATE_INDEXES = tuple("publication_date start end effective created modified".split())
METADATA = tuple(
    "_all UID Title publication_date "
    "author_names effective getObjSize review_state".split()
)
WORKFLOW_STATES = tuple(
    "private pending published "
    "archived registered pending_verification verified".split()
)
TRANSITIONS = tuple(
    "submit publish reject retract "
    "archive submit_for_verification verify hide show".split()
)
LANGUAGES = ("en", "fr", "es")
TAXONOMIES = tuple(
    "themes geography audiences formats actor_types population_groups".split()
)
ACTION_CATEGORIES = tuple("object object_buttons site_actions user portal_tabs".split())
VOCABULARIES = tuple(
    f"plone.app.vocabularies.{name}"
    for name in (
        "Keywords ReallyUserFriendlyTypes Catalog Users Groups Principals Roles "
        "WorkflowStates SupportedContentLanguages"
    ).split()
) + tuple(f"collective.taxonomy.{name}" for name in ("themes", "geography"))
#: Principals a fuzzed write may name: never the fuzz member (a Manager's
#: fuzzed write must not let it see what it may not) nor a group holding it.
WRITE_PRINCIPALS = (FUZZ_SCRATCH_USER, FUZZ_SCRATCH_GROUP, "no-such-user", "")
READ_PRINCIPALS = (*WRITE_PRINCIPALS, FUZZ_MEMBER[0], "fuzz-hidden", "admin")
ROLE_NAMES = tuple("Reader Editor Contributor Reviewer Manager Translator".split())


# Where endpoints are called


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
    "people": Target("en/people", "Section"),
    "publication": Target("en/publications/cash-transfers-west-africa", "Publication"),
    "fr_publication": Target(
        "fr/publications/transferts-monetaires-afrique-ouest", "Publication"
    ),
    "actor": Target("en/actors/ilo", "Actor"),
    "initiative": Target("en/initiatives/sahel-adaptive-sp", "Initiative"),
    "course": Target("en/courses/sp-foundations", "Course"),
    "module": Target("en/courses/sp-foundations/instruments", "CourseModule"),
    "event": Target("en/events/financing-sp-floors-webinar", "Event"),
    "person": Target("en/people/aminata-diallo", "Person"),
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
FOLDERS = tuple("site en fr publications actors initiatives courses events".split())
FOLDERS += ("people",)
ITEMS = tuple("publication fr_publication actor initiative course module event".split())
ITEMS += ("page", "person")
READABLE = FOLDERS + ITEMS + ("private_publication", "private_actor", "missing")
SOCIALHUB_ITEMS = ("publication", "actor", "initiative", "course", "module", "event")
SOCIALHUB_ITEMS += ("person",)
SCRATCH = ("scratch_publication", "scratch_page")
WRITABLE = ITEMS + SCRATCH
#: Where each type is created: its section (the only place it may be added).
ADD_TO = {
    "publications": "Publication",
    "actors": "Actor",
    "initiatives": "Initiative",
    "courses": "Course",
    "course": "CourseModule",
    "events": "Event",
    "people": "Person",
    "en": "Document",
    "fr": "Document",
    "site": "Document",
}


# Garbage


@functools.cache
def huge_text():
    """A long run of one troublesome piece: markup, entities, odd Unicode."""
    return st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(("<", "x<y>", "a", "é", "<p>", "&amp;", "\u202e", " ", "<<>")),
        st.integers(1000, max(1000, HUGE // 4)),
    )


@functools.cache
def garbage_values():
    """Any JSON value: scalars, small nests, huge strings, deep lists."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**18),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
        st.sampled_from(ISSUE_VALUES + UNICODE_DIGITS + BAD_DATES + ODD_TEXT),
        st.sampled_from(BAD_URLS),
    )
    nested = st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=8), children, max_size=3)
        ),
        max_leaves=6,
    )
    deep = st.integers(20, 200).map(lambda depth: _nest([], depth))
    return st.one_of(nested, nested, nested, huge_text(), deep)


def _nest(value, depth):
    for _ in range(depth):
        value = [value]
    return value


#: Bodies that are not a JSON object, or not JSON at all.
RAW_BODIES = (
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
    b'{"text": "' + b"x<y>" * 25_000 + b'"}',
    b" " * 200_000 + b"{}",
)


# Kinds of values


class Kind:
    """A kind of parameter value: valid values, near misses and garbage.

    Subclasses say what is ``valid`` and ``near``; :meth:`values` mixes them
    with garbage. Draw from :meth:`values` and :meth:`valid_values`: they
    build each strategy once per site (building hypothesis strategies costs
    more than drawing from them).
    """

    def valid(self, site):
        raise NotImplementedError

    def near(self, site):
        return st.sampled_from(ISSUE_VALUES)

    def mix(self, site):
        valid = self.valid(site)
        return st.one_of(valid, valid, valid, self.near(site), garbage_values())

    def values(self, site):
        """Mostly valid, often a near miss, sometimes garbage."""
        return _built(self, "mix", site)

    def valid_values(self, site):
        return _built(self, "valid", site)


_BUILT = {}


def _built(kind, method, site):
    key = (repr(kind), method, id(site))
    if key not in _BUILT:
        _BUILT[key] = getattr(kind, method)(site)
    return _BUILT[key]


@dataclass(frozen=True)
class Text(Kind):
    max_size: int = 40

    def valid(self, site):
        words = ("cash transfers", "pension", "social protection", "child", "Ghana")
        return st.sampled_from(words) | st.text(
            st.characters(codec="utf-8"), max_size=self.max_size
        )

    def near(self, site):
        return st.sampled_from(FULL_TEXT_SYNTAX + ODD_TEXT) | huge_text()


@dataclass(frozen=True)
class Choice(Kind):
    """One of ``choices``; near misses: their variants and ``misses``."""

    choices: tuple
    misses: tuple = ()

    def valid(self, site):
        return st.sampled_from(self.choices)

    def near(self, site):
        variants = [
            variant
            for choice in self.choices
            if isinstance(choice, str)
            for variant in (choice.upper(), f" {choice}", f"{choice}x", choice[:-1])
        ]
        return st.sampled_from([*variants, *self.misses, *ISSUE_VALUES])


@dataclass(frozen=True)
class Int(Kind):
    low: int = 0
    high: int = 100

    def valid(self, site):
        return st.integers(self.low, self.high)

    def near(self, site):
        bounds = (self.low - 1, self.high + 1, -1, -999, 0, 10**6, 10**20, -(10**20))
        return st.integers() | st.sampled_from(
            (*bounds, *UNICODE_DIGITS, *NUMBER_LIKE, True)
        )


@dataclass(frozen=True)
class Date(Kind):
    def valid(self, site):
        return st.dates().map(str) | st.datetimes().map(
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
    """A term of one taxonomy."""

    taxonomy: str

    def valid(self, site):
        return st.sampled_from(site.terms[self.taxonomy])

    def near(self, site):
        misses = ("Cash-Transfers", "002 ", "themes", "0", "-1", "..")
        return st.sampled_from((*misses, *ISSUE_VALUES))


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
    """The UID of a public item; near: of a private one, or of none."""

    def valid(self, site):
        return st.sampled_from(site.uids)

    def near(self, site):
        return st.sampled_from((*site.secret_uids, "x", "0" * 32, "f" * 33))


@dataclass(frozen=True)
class Path(Kind):
    """The physical path (``/plone/en/...``) or URL of a public item."""

    def valid(self, site):
        return st.sampled_from(site.paths) | st.sampled_from(site.urls)

    def near(self, site):
        misses = ("/", "/plone/../..", "/plone/en/no-such-item", "en/publications")
        misses += ("http://evil.example/plone/en", "%ff", *site.secret_paths)
        return st.sampled_from((*misses, *ISSUE_VALUES))


@dataclass(frozen=True)
class Source(Kind):
    """The URL of an item to copy (public) or to move (a scratch item)."""

    scratch: bool = False

    def valid(self, site):
        return st.sampled_from(site.scratch_urls if self.scratch else site.urls)

    def near(self, site):
        return Path().near(site)


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
        misses = ("a@", "@b.org", "a@bücher.de", "a b@c.org", "a@b")
        return st.sampled_from((*misses, *ISSUE_VALUES))


@dataclass(frozen=True)
class Principal(Kind):
    choices: tuple = WRITE_PRINCIPALS

    def valid(self, site):
        return st.sampled_from(self.choices)


@dataclass(frozen=True)
class Either(Kind):
    """A value of one of several kinds."""

    kinds: tuple

    def valid(self, site):
        return st.one_of([kind.valid_values(site) for kind in self.kinds])

    def mix(self, site):
        return st.one_of([kind.values(site) for kind in self.kinds])


@dataclass(frozen=True)
class Object(Kind):
    """A JSON object: some of its documented ``keys`` (each with its kind)."""

    keys: dict = field(default_factory=dict)

    def valid(self, site):
        return objects(self.keys, site, valid_only=True)

    def mix(self, site):
        return st.one_of(objects(self.keys, site), self.near(site), garbage_values())


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    max_size: int = 3

    def valid(self, site):
        return st.lists(self.item.valid_values(site), max_size=self.max_size)

    def mix(self, site):
        items = st.lists(self.item.values(site), max_size=self.max_size)
        return st.one_of(items, items, self.near(site), garbage_values())


@dataclass(frozen=True)
class Json(Kind):
    """A JSON document passed as one query parameter (``@querystring-search``)."""

    document: Kind

    def valid(self, site):
        return self.document.values(site).map(_dumps)

    def near(self, site):
        broken = st.sampled_from(("{", "[]", "null", '{"query": 1}', "%7B"))
        return broken | garbage_values().map(_dumps)


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)


OPERATIONS = "plone.app.querystring.operation."


@dataclass(frozen=True)
class Criteria(Kind):
    """plone.app.querystring criteria, as Volto's listing block sends them."""

    def valid(self, site):
        def criterion(indexes, operations, value):
            return st.fixed_dictionaries(
                {
                    "i": st.sampled_from(indexes),
                    "o": st.sampled_from(
                        [OPERATIONS + name for name in operations.split()]
                    ),
                    "v": value,
                }
            )

        return st.lists(
            st.one_of(
                criterion(
                    ("portal_type",),
                    "selection.any",
                    st.lists(PortalType().values(site), max_size=2),
                ),
                criterion(("SearchableText",), "string.contains", Text().values(site)),
                criterion(
                    ("effective", "created", "start"),
                    "date.lessThan date.between date.lessThanRelativeDate",
                    Date().values(site) | st.lists(Date().values(site), max_size=3),
                ),
                criterion(
                    ("path", "review_state", "Subject", "foo"),
                    "string.absolutePath string.relativePath selection.any "
                    "list.contains no.such",
                    Path().values(site),
                ),
            ),
            min_size=1,
            max_size=3,
        )


def objects(keys, site, valid_only=False):
    """A JSON object with some of ``keys`` (documented keys and their kinds)."""

    names = st.lists(st.sampled_from(sorted(keys)), max_size=len(keys), unique=True)

    @st.composite
    def draw_object(draw):
        data = {}
        for name in draw(names):
            kind = keys[name]
            data[name] = draw(
                kind.valid_values(site) if valid_only else kind.values(site)
            )
        if not valid_only and not draw(st.integers(0, 9)):
            data[draw(st.text(max_size=8))] = draw(garbage_values())
        return data

    return draw_object() if keys else st.just({})


# The endpoints


@dataclass(frozen=True)
class Endpoint:
    """One row of the fuzz table: a method of a service and what it takes.

    ``service`` is appended to the target's path ("" for the item itself);
    ``subpath`` is the kind of the path segment after it (``@types/<T>``);
    ``params`` the query parameters; ``body`` the JSON body's keys, or
    ``"create"`` / ``"patch"``: the fields of the type created or edited.
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
    **{name: Term(name) for name in TAXONOMIES},
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
    "actor_flags": Choice(tuple("new small less-visible remote very-active".split())),
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
    tuple(
        "translations breadcrumbs navigation actions workflow types "
        "contextnavigation navroot works".split()
    ),
    misses=("nope", "translations,types"),
)
CONTENT_GET = {
    "expand": EXPANDABLE,
    "expand.navigation.depth": Int(1, 5),
    "version": Int(0, 5),
    "fullobjects": Bool(),
    "metadata_fields": Choice(METADATA),
    "b_size": Int(1, 100),
    "b_start": Int(0, 100),
}
NAVIGATION = {
    f"expand.contextnavigation.{name}": kind
    for name, kind in {
        "name": Text(),
        "root_path": Path(),
        "includeTop": Bool(),
        "currentFolderOnly": Bool(),
        "topLevel": Int(0, 5),
        "bottomLevel": Int(0, 5),
        "no_icons": Bool(),
        "thumb_scale": Choice(("icon", "thumb", "nope")),
        "no_thumbs": Bool(),
    }.items()
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
SHARING_ENTRY = Object(
    {
        "id": Principal(),
        "type": Choice(("user", "group")),
        "roles": Object({role: Bool() for role in ROLE_NAMES}),
    }
)
REGISTRATION_BODY = {
    "title": Text(),
    "website": Url(),
    "country": Choice(("SN", "FR", "ES", "KE"), misses=("XX", "sn", "FRA")),
    "actor_type": Either((Term("actor_types"), ListOf(Term("actor_types")))),
    "themes": ListOf(Term("themes")),
    "description": Text(),
    "contact_name": Text(),
    "contact_email": Email(),
    "accept_terms": Bool(),
    "protected_1": Choice(("", "spam")),
}
BATCH = {"b_start": Int(0, 100), "b_size": Int(1, 100)}
METADATA_FIELD = Choice(METADATA)
INVITATION_CSV = (
    "organisation,country,contact_name,email,language\n"
    "Fuzz network,SN,Ana,fuzz-csv@example.org,en\nBad,XX,B,b@,fr\n",
    "organisation,email\nX,x@example.org\n",
    "organisation,country,contact_name,email,language,website,message\n"
    'Fuzz "quoted",KE,W,w@example.org,es,javascript:x,"a\nb"\n',
    "\ufefforganisation;country\n",
)
INVITATION_BODY = {
    "organisation": Text(),
    "website": Url(),
    "country": Choice(("SN", "FR", "KE"), misses=("sn", "Senegal", "XX")),
    "contact_name": Text(),
    "email": Email(),
    "language": Choice(LANGUAGES, misses=("de", "en-US")),
    "message": Text(),
    "csv": Either((Choice(INVITATION_CSV), Text())),
}
#: Tokens an invitation link may carry: none is valid on the fuzz site.
INVITATION_TOKENS = Choice(("x", "a.b", "eyJzIjoiMSJ9.sig", "." * 5))

ENDPOINTS = (
    # SocialHub's own
    Endpoint(
        "GET @facets",
        "GET",
        "@facets",
        FOLDERS,
        {**SEARCH_FILTERS, "facets": TaxonomyName(), "metadata_fields": METADATA_FIELD},
    ),
    Endpoint("GET @listing", "GET", "@listing", FOLDERS, SEARCH_FILTERS),
    Endpoint("GET @related", "GET", "@related", READABLE, {"limit": Int(1, 20)}),
    Endpoint("GET @works", "GET", "@works", ("person", "publication", "missing")),
    Endpoint(
        "GET @review-queue",
        "GET",
        "@review-queue",
        FOLDERS,
        {"portal_type": PortalType(), "language": Choice(LANGUAGES), **BATCH},
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
            **BATCH,
        },
    ),
    Endpoint(
        "GET @invitations",
        "GET",
        "@invitations",
        ("site", "en", "fr"),
        {
            "status": Choice(("sent", "claimed", "declined", "expired")),
            **BATCH,
        },
    ),
    Endpoint(
        "POST @invitations",
        "POST",
        "@invitations",
        ("site", "en"),
        body=INVITATION_BODY,
    ),
    Endpoint(
        "GET @invitation",
        "GET",
        "@invitation",
        ("site", "en"),
        {"token": INVITATION_TOKENS},
    ),
    Endpoint(
        "POST @invitation",
        "POST",
        "@invitation",
        ("site", "en"),
        body={
            "token": INVITATION_TOKENS,
            "action": Choice(("claim", "decline")),
            "password": Text(),
            "fullname": Text(),
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
        body={"inherit": Bool(), "entries": ListOf(SHARING_ENTRY)},
    ),
    # The project hub (socialhub.hub): verification and reports
    Endpoint(
        "GET @verification",
        "GET",
        "@verification",
        ("actor", "private_actor", "missing"),
    ),
    Endpoint(
        "POST @verification",
        "POST",
        "@verification",
        # "revoke" would make the demo's public organisation private.
        ("actor", "initiative"),
        body={
            "action": Choice(("reverify", "reject", "verify"), ("revoke ", "approve")),
            "method": Choice(("third_party", "document_check")),
            "reference": Text(),
            "reason": Text(),
            "expires": Date(),
        },
    ),
    Endpoint(
        ("GET @verification-partners"), "GET", "@verification-partners", ("site", "en")
    ),
    Endpoint(
        "POST @verification-partners",
        "POST",
        "@verification-partners",
        ("site",),
        body={
            "id": Choice(("fuzz-partner",), ("Fuzz", "a", "-x")),
            "title": Text(),
            "organisation": Uid(),
            "geography": ListOf(Term("geography")),
            "themes": ListOf(Term("themes")),
        },
    ),
    Endpoint(
        "POST @report",
        "POST",
        "@report",
        ("initiative", "publication", "site", "private_actor"),
        body={
            "reason": Choice(("spam", "offensive", "duplicate"), ("Spam", "other")),
            "comment": Text(),
        },
    ),
    Endpoint(
        "GET @reports",
        "GET",
        "@reports",
        ("site", "en"),
        {"status": Choice(("open", "closed", "all")), **BATCH},
    ),
    Endpoint("GET @reports/<id>", "GET", "@reports", ("site",), subpath=Text()),
    Endpoint(
        "POST @reports/<id>",
        "POST",
        "@reports",
        ("site",),
        body={
            "decision": Choice(("dismiss", "ask_fix"), ("remove ", "ban")),
            "comment": Text(),
        },
        subpath=Text(),
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
        {"title": Text(), "token": Text(), "tokens": Text(), **BATCH},
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
        SCRATCH,
        body={
            "comment": Text(),
            "include_children": Bool(),
            "effective": Date(),
            "expires": Date(),
        },
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
    Endpoint(
        "GET @contextnavigation", "GET", "@contextnavigation", READABLE, NAVIGATION
    ),
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
        body={"source": Either((Source(), ListOf(Source())))},
    ),
    Endpoint(
        "POST @move",
        "POST",
        "@move",
        FOLDERS[1:],
        body={"source": Either((Source(scratch=True), ListOf(Source(scratch=True))))},
    ),
    # The project hub's self-registration (socialhub.hub.registration)
    Endpoint(
        "POST @register-organisation",
        "POST",
        "@register-organisation",
        ("site", "en", "fr"),
        body=REGISTRATION_BODY,
    ),
    Endpoint(
        "POST @confirm-registration",
        "POST",
        "@confirm-registration",
        ("site", "en"),
        body={"token": Text(), "password": Text(20)},
    ),
    Endpoint(
        "POST @claim-request",
        "POST",
        "@claim-request",
        ("site", "en"),
        body={
            "claim_token": Text(),
            "name": Text(),
            "email": Email(),
            "message": Text(),
        },
    ),
    Endpoint(
        "POST @register-initiative",
        "POST",
        "@register-initiative",
        ("site", "en"),
        body={
            "title": Text(),
            "objectives": Text(),
            "lead_organisation": Either((Text(), Uid())),
            "lead_organisation_website": Url(),
            "lead_organisation_country": Choice(("SN", "FR", "ES"), misses=("XX",)),
        },
    ),
    Endpoint("GET content", "GET", "", READABLE, CONTENT_GET),
    Endpoint("POST content", "POST", "", tuple(ADD_TO), body="create"),
    Endpoint("PATCH content", "PATCH", "", WRITABLE, body="patch"),
    Endpoint("DELETE content", "DELETE", "", SCRATCH),
)
