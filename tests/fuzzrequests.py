"""Whole requests drawn by hypothesis from the fuzz table (tests/fuzzing.py).

A request to an endpoint is drawn in one go: the role that sends it, the
target, the path (with the endpoint's sub-path, now and then a garbage
segment such as ``%ff``), the query string (some documented parameters with
drawn values, some repeated, some with a Zope converter such as
``b_size:int=a``, sometimes garbage parameters), the headers (odd Accept,
Content-Type and Accept-Language values, a bad Authorization) and the body:
the endpoint's JSON object, or for content the fields of the type's
``@types`` schema (:func:`content_body`), else something that is not a
JSON object at all.
"""

from dataclasses import dataclass
from hypothesis import strategies as st
from tests.fuzzing import ADD_TO
from tests.fuzzing import Bool
from tests.fuzzing import Choice
from tests.fuzzing import Date
from tests.fuzzing import Either
from tests.fuzzing import Email
from tests.fuzzing import garbage_values
from tests.fuzzing import huge_text
from tests.fuzzing import Int
from tests.fuzzing import ISSUE_VALUES
from tests.fuzzing import Kind
from tests.fuzzing import ListOf
from tests.fuzzing import Object
from tests.fuzzing import objects
from tests.fuzzing import ODD_TEXT
from tests.fuzzing import Path
from tests.fuzzing import PortalType
from tests.fuzzing import RAW_BODIES
from tests.fuzzing import ROLES
from tests.fuzzing import TARGETS
from tests.fuzzing import Text
from tests.fuzzing import Uid
from tests.fuzzing import Url
from urllib.parse import quote

import base64
import json
import shlex


@dataclass
class Site:
    """What the strategies draw from, read from the running site once.

    ``schemas`` maps each type to its ``@types`` JSON schema; ``vocabularies``
    a vocabulary's URL to its tokens; ``terms`` a taxonomy to its tokens;
    ``uids``, ``paths`` and ``urls`` are those of public items, ``secret_*``
    those of the private ones.
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


# Bodies from the types' schemas


#: A 1x1 transparent PNG.
IMAGE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQAB"
    "pfZFQAAAAABJRU5ErkJggg=="
)
FILE = base64.b64encode(b"%PDF-1.4\n%fuzz\n").decode()
#: The rows of SocialHub's JSON fields (authors, speakers): dicts.
PERSON = Object(
    {
        "name": Text(),
        "affiliation": Text(),
        "orcid": Choice(("0000-0002-1825-0097",), misses=("0000-0002-1825-0098",)),
        "role": Text(),
    }
)


@dataclass(frozen=True)
class RichText(Kind):
    def valid(self, site):
        html = st.sampled_from(
            ("<p>Hello <strong>world</strong></p>", "<h2>Findings</h2><ul><li>a</ul>")
        )
        return html | st.fixed_dictionaries(
            {
                "data": html,
                "content-type": st.just("text/html"),
                "encoding": st.just("utf-8"),
            }
        )

    def near(self, site):
        odd = st.fixed_dictionaries(
            {
                "data": st.one_of(huge_text(), garbage_values()),
                "content-type": st.sampled_from(("text/html", "text/x-python", "")),
                "encoding": st.sampled_from(("utf-8", "latin-1", "rot13", "")),
            }
        )
        return st.sampled_from(ODD_TEXT + ISSUE_VALUES) | huge_text() | odd


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
        odd = st.fixed_dictionaries(
            {
                "data": st.sampled_from(("!!notbase64", "", FILE, IMAGE[:-3])),
                "encoding": st.sampled_from(("base64", "", "gzip")),
                "filename": st.sampled_from(("../../x", "", "a" * 500, "\x00.png")),
                "content-type": st.sampled_from(("image/png", "", "x/y")),
            }
        )
        return odd | st.sampled_from(ISSUE_VALUES)


@dataclass(frozen=True)
class NewId(Kind):
    """A client-chosen id of a new item."""

    def valid(self, site):
        return st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True).map(
            lambda value: f"fuzz-{value}"
        )

    def near(self, site):
        misses = ("en", "..", "@@view", "++api++", "aq_parent", "REQUEST", "index_html")
        misses += ("fuzz-scratch", "A B", "x/y", "%ff", "_private", "a" * 300)
        return st.sampled_from((*misses, *ISSUE_VALUES))


def property_kind(name, schema, site):
    """The :class:`Kind` of one property of a ``@types`` JSON schema.

    By its choices or vocabulary (tokens read from the site), its factory
    (rich text, files, relations, JSON rows, URLs, e-mail, dates), else its
    JSON type with its bounds.
    """
    factory = schema.get("factory", "")
    kind = schema.get("type")
    vocabulary = (schema.get("vocabulary") or {}).get("@id", "")
    if schema.get("choices"):
        return Choice(tuple(token for token, _title in schema["choices"]))
    if site.vocabularies.get(vocabulary):
        return Choice(site.vocabularies[vocabulary])
    by_factory = {
        "Rich Text": RichText(),
        "File": Upload(),
        "Image": Upload(image=True),
        "Relation Choice": Either((Uid(), Path())),
        "Relation List": ListOf(Either((Uid(), Path()))),
        "JSONField": ListOf(PERSON),
        "URL": Url(),
        "Email": Email(),
        "Date": Date(),
        "Date/Time": Date(),
    }
    if factory in by_factory:
        return by_factory[factory]
    if kind == "boolean":
        return Bool()
    if kind in ("integer", "number"):
        return Int(schema.get("minimum", -(10**6)), schema.get("maximum", 10**6))
    if kind == "array":
        return ListOf(property_kind(name, schema.get("items", {}), site))
    if name == "remoteUrl":
        return Url()
    return Text(schema.get("maxLength") or 200)


_BODIES = {}


def content_body(site, portal_type, create):
    """A JSON body creating or editing an item of ``portal_type`` (built
    once per site, type and purpose: see :func:`_content_body`)."""
    key = (id(site), portal_type, create)
    if key not in _BODIES:
        _BODIES[key] = _content_body(site, portal_type, create)
    return _BODIES[key]


def _content_body(site, portal_type, create):
    """The bodies creating or editing an item of ``portal_type``.

    A few of the type's properties, each valid, near or garbage; on
    creation the required ones mostly valid, ``@type`` mostly the type
    itself and now and then a client-chosen ``id``; now and then a key no
    field knows.
    """
    schema = site.schemas.get(portal_type) or {"properties": {}, "required": []}
    properties = schema["properties"]
    kinds = {name: property_kind(name, prop, site) for name, prop in properties.items()}
    names = st.lists(st.sampled_from(sorted(properties)), max_size=4, unique=True)
    types = st.sampled_from((portal_type,) * 4) | PortalType().values(site)

    @st.composite
    def body(draw):
        data = {}
        if create:
            data["@type"] = draw(types)
            for name in schema.get("required", ()):
                if draw(st.integers(0, 9)):
                    data[name] = draw(kinds[name].valid_values(site))
            if not draw(st.integers(0, 4)) and "id" in properties:
                data["id"] = draw(NewId().values(site))
        for name in draw(names):
            data[name] = draw(kinds[name].values(site))
        if not draw(st.integers(0, 9)):
            unknown = st.sampled_from(("nonsense", "@id", "UID", "review_state", ""))
            data[draw(unknown)] = draw(garbage_values())
        return data

    return body()


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
        """A bash command that sends this request again."""
        command = ["curl", "-si", "-X", self.method]
        if credentials:
            command += ["-u", ":".join(credentials)]
        for name, value in self.headers:
            command += ["-H", f"{name}: {value}"]
        command = [shlex.quote(part) for part in command]
        if self.body is not None:
            if len(self.body) > 1000:
                script = f"import sys; sys.stdout.buffer.write({_runs(self.body)})"
                command.append(f"--data-binary @<(python3 -c {shlex.quote(script)})")
            else:
                command.append(f"--data-binary {_bash_bytes(self.body)}")
        command.append(shlex.quote(self.url(site_url)))
        return " ".join(command)


def _bash_bytes(data):
    """A bash ``$'...'`` literal of any bytes."""
    return (
        "$'"
        + "".join(
            chr(byte)
            if 32 <= byte < 127 and chr(byte) not in "\\'"
            else f"\\x{byte:02x}"
            for byte in data
        )
        + "'"
    )


def _runs(data):
    """A Python expression of ``data`` as runs of repeated pieces (short
    enough to paste, however long the body)."""
    parts, literal, index = [], b"", 0
    while index < len(data):
        best_size, best_count = 0, 1
        for size in range(1, 9):
            piece = data[index : index + size]
            count = 1
            while data[index + count * size : index + (count + 1) * size] == piece:
                count += 1
            if count >= 8 and count * size > best_count * best_size:
                best_size, best_count = size, count
        if best_size:
            if literal:
                parts.append(repr(literal))
                literal = b""
            parts.append(f"{data[index : index + best_size]!r}*{best_count}")
            index += best_size * best_count
        else:
            literal += data[index : index + 1]
            index += 1
    if literal:
        parts.append(repr(literal))
    return "+".join(parts) or "b''"


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
    """Percent-escape as a browser does; a lone surrogate as invalid UTF-8."""
    return quote(text, safe=safe, errors="surrogatepass")


#: Zope's form converters (``name:int=...``), record marshalling, methods.
CONVERTERS = tuple(
    ":int :long :float :date :date_international :boolean :list :tuple :tokens "
    ":lines :text :string :required :record :records :default :ignore_empty "
    ":utf8:ustring :int:list :record:list :method :action".split()
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
PATH_GARBAGE = tuple("%ff x @@nope %00 a%2Fb ++api++ %c0%af".split())
#: Read only: a write to ``<item>/..`` would change its container instead.
UP = ("..", "%2e%2e")
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


def query_strings(endpoint, site):
    """Some documented parameters (some repeated, some with a Zope converter)
    with drawn values, now and then garbage parameters, in any order."""
    names = sorted(endpoint.params)
    chosen = st.just(())
    if names:
        chosen = st.lists(st.sampled_from(names), max_size=4, unique=True)
    repeats = st.sampled_from((1, 1, 1, 1, 1, 2, 3))
    suffixes = st.sampled_from(("",) * 20 + CONVERTERS)
    unknown = st.builds(
        lambda name, value: f"{escape(name)}={escape(value)}",
        st.text(min_size=1, max_size=10),
        st.text(max_size=10),
    )
    garbage = st.lists(
        st.sampled_from(RAW_QUERY_GARBAGE) | unknown, min_size=1, max_size=2
    )

    @st.composite
    def query(draw):
        parts = []
        for name in draw(chosen):
            for _ in range(draw(repeats)):
                value = as_text(draw(endpoint.params[name].values(site)))
                key = name + draw(suffixes)
                parts.append(f"{escape(key, safe=':')}={escape(value)}")
        if not draw(st.integers(0, 4)):
            parts += draw(garbage)
        return "&".join(draw(st.permutations(parts)))

    return query()


def bodies(endpoint, site, target):
    """The bodies of requests to ``target``: the documented JSON object
    mostly, else a JSON value that is no object, or no JSON at all; for a
    GET none, but now and then."""
    raw = st.sampled_from(RAW_BODIES)
    if endpoint.body is None:
        return st.one_of([st.none()] * 19 + [raw])
    if endpoint.body == "create":
        documented = st.one_of(
            [content_body(site, ADD_TO[target], create=True)] * 5
            + [
                st.sampled_from(site.types).flatmap(
                    lambda portal_type: content_body(site, portal_type, create=True)
                )
            ]
        )
    elif endpoint.body == "patch":
        documented = content_body(site, TARGETS[target].portal_type, create=False)
    else:
        documented = objects(endpoint.body, site)
    # Escaped (a lone surrogate then parses) or not (invalid UTF-8).
    encoded = st.builds(
        lambda data, ascii: json.dumps(data, ensure_ascii=ascii).encode(
            "utf-8", "surrogatepass"
        ),
        st.one_of([documented] * 11 + [garbage_values()]),
        st.booleans(),
    )
    return st.one_of([encoded] * 7 + [raw])


def headers(role, has_body):
    """Accept (odd now and then), Content-Type for a body, Accept-Language,
    and for Anonymous now and then a bad Authorization."""

    @st.composite
    def draw_headers(draw):
        pairs = []
        accept = draw(st.sampled_from(ACCEPT))
        if accept:
            pairs.append(("Accept", accept))
        if has_body:
            content_type = draw(st.sampled_from(CONTENT_TYPES))
            if content_type:
                pairs.append(("Content-Type", content_type))
        language = draw(st.sampled_from(ACCEPT_LANGUAGES))
        if language:
            pairs.append(("Accept-Language", language))
        if role == "Anonymous" and not draw(st.integers(0, 14)):
            pairs.append(("Authorization", draw(st.sampled_from(BAD_AUTHORIZATION))))
        return tuple(pairs)

    return draw_headers()


def requests_for(endpoint, site):
    """The strategy of requests to ``endpoint``: role, target, path, query,
    headers and body drawn together."""
    query = query_strings(endpoint, site)
    target_bodies = {
        target: bodies(endpoint, site, target) for target in endpoint.targets
    }
    role_headers = {
        (role, has_body): headers(role, has_body)
        for role in ROLES
        for has_body in (False, True)
    }

    @st.composite
    def request(draw):
        role = draw(st.sampled_from(ROLES))
        target = draw(st.sampled_from(endpoint.targets))
        segments = [TARGETS[target].path] if TARGETS[target].path else []
        if endpoint.service:
            segments.append(endpoint.service)
        # A GET of a sub-path is, one time in four, one of the whole.
        subpath = endpoint.subpath is not None
        if subpath and (endpoint.writes or draw(st.integers(0, 3))):
            segments.append(escape(as_text(draw(endpoint.subpath.values(site)))))
        if not draw(st.integers(0, 19)):
            garbage = PATH_GARBAGE if endpoint.writes else PATH_GARBAGE + UP
            segments.append(draw(st.sampled_from(garbage)))
        body = draw(target_bodies[target])
        return FuzzRequest(
            endpoint=endpoint.name,
            role=role,
            method=endpoint.method,
            target=target,
            path="/".join(segments),
            query=draw(query),
            headers=draw(role_headers[role, body is not None]),
            body=body,
        )

    return request()
