"""Record REST requests and answers as the examples of ``docs/rest/``.

As plone.restapi records its documentation (``save_request_for_docs`` in
``plone/restapi/tests/test_documentation.py``), each example is a pair of
files in ``docs/rest/http-examples/``: ``<name>.req``, the HTTP request, and
``<name>.resp``, the HTTP answer, its JSON body pretty-printed.

What changes from one run to the next is normalised, so that two runs write
the same files: the server's port (``localhost:55001``, plone.restapi's), the
UIDs (a UID of the site becomes a hash of its path, any other 32-digit hex
value, an image scale's say, a number counting up in its file) and the times
stamped during the run (creation, modification, submission times become
:data:`STAMP`). The signed tokens of links (``socialhub.core.tokens``) become
:data:`TOKEN`, and a test names the other values drawn at random (an
invitation's or a report's id) with :meth:`Normaliser.replace`.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path

import difflib
import hashlib
import json
import os
import re
import transaction


#: The folder of the examples, in the repository.
EXAMPLES = Path(__file__).parents[1] / "docs" / "rest" / "http-examples"
#: Set to 1 to rewrite the examples instead of comparing them.
RECORD_VARIABLE = "SOCIALHUB_DOCS_RECORD"
#: The site's URL in the examples (plone.restapi's documentation has it too).
DOCS_SITE = "http://localhost:55001/plone"
#: What a time stamped during the run becomes.
STAMP = "2026-01-15T10:00:00"
#: What a signed token (a link's, a claim's) becomes.
TOKEN = "TOKEN"
#: The headers of a request worth showing, in this order.
REQUEST_HEADERS = ("Accept", "Accept-Language", "Authorization", "Content-Type")

ISO_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"
)
HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")
SERVER = re.compile(r"http://localhost:\d+/plone")
#: A token of ``socialhub.core.tokens``: base64 JSON, a dot, its signature.
SIGNED_TOKEN = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")


def recording():
    """Whether the examples are rewritten (:data:`RECORD_VARIABLE` is set)."""
    return os.environ.get(RECORD_VARIABLE, "") not in ("", "0")


class Normaliser:
    """Makes an example the same in every run."""

    def __init__(self, portal, started):
        self.portal = portal
        self.started = started - timedelta(hours=1)
        self.uids = {}
        self.replacements = {}
        #: Times are also normalised this long after the run (an expiry).
        self.offsets = [timedelta(0)]

    def replace(self, value, stand_in):
        """Write ``stand_in`` for ``value`` (an id drawn at random) in the examples."""
        self.replacements[value] = stand_in

    def learn_uids(self):
        """The UID of every item of the site, by a hash of its path."""
        transaction.begin()  # see what the server committed
        root = "/".join(self.portal.getPhysicalPath())
        for brain in self.portal.portal_catalog.unrestrictedSearchResults(path=root):
            path = brain.getPath()[len(root) :]
            self.uids[brain.UID] = hashlib.blake2b(
                path.encode("utf-8"), digest_size=16
            ).hexdigest()

    def __call__(self, text):
        text = SERVER.sub(DOCS_SITE, text)
        text = SIGNED_TOKEN.sub(TOKEN, text)
        for value, stand_in in self.replacements.items():
            text = text.replace(value, stand_in)
        others = {}

        def uid(match):
            value = match.group(0)
            if value in self.uids:
                return self.uids[value]
            return others.setdefault(value, f"{len(others) + 1:032x}")

        text = HEX_ID.sub(uid, text)
        return ISO_TIME.sub(self.time, text)

    def time(self, match):
        value = match.group(0)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        now = datetime.now(UTC)
        for offset in self.offsets:
            if self.started + offset <= moment <= now + offset + timedelta(hours=1):
                stamp = datetime.fromisoformat(STAMP) + offset
                return stamp.isoformat() + (match.group(1) or "")
        return value


def request_text(response):
    """The HTTP request of ``response``, as plone.restapi's examples show it."""
    prepared = response.request
    url = prepared.path_url
    lines = [f"{prepared.method} {url} HTTP/1.1"]
    for name in REQUEST_HEADERS:
        if name in prepared.headers:
            lines.append(f"{name}: {prepared.headers[name]}")
    text = "\n".join(lines) + "\n"
    if prepared.body:
        body = prepared.body
        body = body.decode("utf-8") if isinstance(body, bytes) else body
        text += "\n" + pretty(json.loads(body))
    return text


def response_text(response):
    """The HTTP answer of ``response``: status, media type, JSON body."""
    text = f"HTTP/1.1 {response.status_code} {response.reason}\n"
    text += f"Content-Type: {response.headers.get('Content-Type')}\n"
    if response.content:
        text += "\n" + pretty(response.json())
    return text


def pretty(data):
    """JSON as the examples show it: sorted keys, two spaces, UTF-8."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def check_example(test, name, response, normalise):
    """Compare (or, when recording, write) the example ``name`` of ``response``.

    A missing example is written and fails the test, so that a new example is
    looked at before it is committed.
    """
    normalise.learn_uids()
    written = []
    for suffix, text in (
        ("req", request_text(response)),
        ("resp", response_text(response)),
    ):
        path = EXAMPLES / f"{name}.{suffix}"
        text = normalise(text)
        if recording() or not path.exists():
            if not path.exists():
                written.append(path.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            continue
        recorded = path.read_text(encoding="utf-8")
        if recorded != text:
            diff = "".join(
                difflib.unified_diff(
                    recorded.splitlines(True),
                    text.splitlines(True),
                    f"{path.name} (committed)",
                    f"{path.name} (the server now)",
                )
            )
            test.fail(
                f"{path.name} no longer matches what the server answers; "
                f"rerun with {RECORD_VARIABLE}=1 if the change is meant:\n{diff[:4000]}"
            )
    if written and not recording():
        test.fail(f"New examples {', '.join(written)} written: review and commit them.")


def read_example(path):
    """``(method, path, status, body)`` of a recorded ``.req`` and its ``.resp``."""
    request = path.read_text(encoding="utf-8").splitlines()
    method, target, _version = request[0].split(" ")
    answer = path.with_suffix(".resp").read_text(encoding="utf-8")
    head, _, body = answer.partition("\n\n")
    status = int(head.split(" ")[1])
    return method, target, status, json.loads(body) if body.strip() else None
