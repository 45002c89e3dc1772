"""What the fuzz suite checks of every answer, and the table it prints.

:class:`Fuzzer` sends each request drawn by tests/fuzzing.py over HTTP to
the functional layer's site, as Anonymous, the fuzz Member or a Manager,
and checks three things:

- no answer is an HTTP 5xx, and every request is answered within
  ``SOCIALHUB_FUZZ_TIMEOUT`` seconds (default 10; else it stalls the
  server, and the server thread is stopped: :func:`stop_stalled_requests`);
- a refused request (status >= 400) changes nothing: the database records
  no transaction, the ``_p_serial`` of the objects involved stays, and for a
  writing request the JSON a Manager reads of them stays too;
- no answer to Anonymous or the Member holds a title, UID or contact detail
  they may not see (``socialhub.testing.FUZZ_SECRETS``), unless the request
  itself said it.

Failures are collected, not raised one by one, so that one run lists every
distinct failure of an endpoint (grouped by check, status and error), each
with a request that reproduces it and its curl command. The counts of every
endpoint make the table ``make fuzz`` prints (:func:`table`).
"""

from collections import Counter
from dataclasses import replace
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from socialhub.testing import FUZZ_MEMBER
from socialhub.testing import FUZZ_SECRETS
from tests.fuzzing import SCRATCH
from tests.fuzzing import TARGETS
from tests.fuzzreport import answer_text
from tests.fuzzreport import error_summary
from tests.fuzzreport import Failure
from tests.fuzzreport import Finding
from tests.fuzzreport import report
from tests.fuzzreport import TALLIES
from tests.fuzzreport import Tally
from tests.fuzzrequests import PATH_GARBAGE
from tests.fuzzrequests import Site
from tests.fuzzrequests import UP
from ZODB.utils import get_pickle_metadata
from ZODB.utils import p64
from ZODB.utils import u64

import ctypes
import json
import os
import requests
import sys
import threading
import time
import transaction


#: Seconds after which the client gives up on an answer.
#: A request not answered within this many seconds stalls the server.
#: Answers take a few hundredths of a second; this leaves room for a loaded
#: 2-core machine.
TIMEOUT = float(os.environ.get("SOCIALHUB_FUZZ_TIMEOUT", "10"))
#: How long a stalled request may go on before its server thread is stopped.
STALL_WAIT = float(os.environ.get("SOCIALHUB_FUZZ_STALL_WAIT", "60"))
CREDENTIALS = {
    "Anonymous": None,
    "Member": FUZZ_MEMBER,
    "Manager": (SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
}


def sessions():
    """A requests session per role, keeping its connection alive."""
    result = {}
    for role, credentials in CREDENTIALS.items():
        session = requests.Session()
        session.auth = credentials
        result[role] = session
    return result


def read_site(layer, manager):
    """What the strategies draw from (:class:`tests.fuzzing.Site`), read
    from the site as a Manager; the private items' UIDs from the ZODB."""
    portal = layer["portal"]
    url = portal.absolute_url()
    url_path = portal.absolute_url_path()

    def get(service, **params):
        response = manager.get(
            f"{url}/{service}", params=params, headers={"Accept": "application/json"}
        )
        response.raise_for_status()
        return response.json()

    types = tuple(item["@id"].rsplit("/", 1)[1] for item in get("@types"))
    schemas = {name: get(f"@types/{name}") for name in types}
    vocabularies = {}
    for schema in schemas.values():
        for prop in schema["properties"].values():
            for holder in (prop, prop.get("items") or {}):
                vocabulary = (holder.get("vocabulary") or {}).get("@id", "")
                if "/@vocabularies/" in vocabulary and vocabulary not in vocabularies:
                    vocabularies[vocabulary] = _tokens(manager, vocabulary)
    taxonomies = tuple(item["name"] for item in get("@taxonomies")["items"])
    terms = {
        name: tuple(_tree_tokens(get(f"@taxonomies/{name}")["terms"]))
        for name in taxonomies
    }
    # A hundred is enough, and no more than any capped b_size gives.
    public = get("@search", path=url_path, b_size=100, metadata_fields="UID")
    items = [item for item in public["items"] if item.get("UID")]
    physical = "/".join(portal.getPhysicalPath())
    secrets = [FUZZ_SECRETS["private_publication"], FUZZ_SECRETS["private_actor"]]
    return Site(
        url=url,
        types=types,
        schemas=schemas,
        vocabularies=vocabularies,
        taxonomies=taxonomies,
        terms=terms,
        uids=tuple(item["UID"] for item in items),
        paths=tuple(physical + item["@id"][len(url) :] for item in items),
        urls=tuple(item["@id"] for item in items[:40]),
        scratch_urls=tuple(f"{url}/{TARGETS[name].path}" for name in SCRATCH),
        secret_uids=tuple(
            portal.unrestrictedTraverse(secret["path"]).UID() for secret in secrets
        ),
        secret_paths=tuple(f"{physical}/{secret['path']}" for secret in secrets),
    )


def _tokens(session, vocabulary_url):
    response = session.get(
        vocabulary_url, params={"b_size": 200}, headers={"Accept": "application/json"}
    )
    if response.status_code != 200:
        return ()
    return tuple(item["token"] for item in response.json().get("items", ()))


def _tree_tokens(terms):
    for term in terms:
        yield term["token"]
        yield from _tree_tokens(term.get("terms") or term.get("children") or ())


def secret_strings(portal):
    """Every string Anonymous and the Member must never read."""
    strings = set()
    for name, secret in FUZZ_SECRETS.items():
        for key, value in secret.items():
            if key not in ("path", "username"):
                strings.add(value)
        if name.startswith("private_"):
            strings.add(portal.unrestrictedTraverse(secret["path"]).UID())
    # A description is checked by its most telling words, as a page may
    # break or escape the rest.
    strings.discard(FUZZ_SECRETS["private_publication"]["description"])
    strings.add("Quarrick Velloway")
    return frozenset(strings)


# The checks


class Fuzzer:
    """Sends drawn requests to a functional layer's site and checks the answers."""

    #: How many smaller requests are tried to simplify a new failure.
    SIMPLIFY_TRIES = 25

    def __init__(self, layer, site):
        self.layer = layer
        self.site = site
        self.sessions = sessions()
        self.secrets = secret_strings(layer["portal"])
        self.failures = {}  # (endpoint, signature) -> Failure
        self.sent = set()
        self._json = None  # (tid, {path: JSON as a Manager reads it})

    @property
    def storage(self):
        return self.layer["zodbDB"].storage

    def check(self, endpoint, request):
        """Send ``request``, count its answer and record every check it fails.

        A request drawn again (hypothesis starts with the simplest ones) is
        not sent again.
        """
        if request in self.sent:
            return
        self.sent.add(request)
        tally = TALLIES.setdefault(endpoint.name, Tally())
        started = time.monotonic()
        findings = self.evaluate(endpoint, request, tally)
        for finding in findings:
            key = (endpoint.name, finding.signature)
            if key not in self.failures:
                # A stall is not simplified: each try would take TIMEOUT.
                shown = request
                if finding.check != "no answer":
                    shown = self.simplify(endpoint, request, finding)
                self.failures[key] = Failure(finding, shown)
            self.failures[key].count += 1
            self.failures[key].roles.add(request.role)
        tally.seconds += time.monotonic() - started

    def evaluate(self, endpoint, request, tally=None):
        """Send ``request``; the checks its answer fails (a list of Findings)."""
        tally = tally or Tally()
        involved = self.involved(endpoint, request)
        if endpoint.writes:
            self.ensure_scratch()
        json_before = self.manager_json(involved) if endpoint.writes else None
        before = self.storage.lastTransaction()
        serials = self.serials(involved)
        tally.requests += 1
        try:
            response = self.send(request)
        except requests.RequestException as error:
            tally.statuses["none"] += 1
            tally.stalls += 1
            summary = type(error).__name__
            if isinstance(error, requests.Timeout):
                summary = f"not answered within {TIMEOUT:.0f} s"
            detail = stop_stalled_requests()
            return [Finding("no answer", None, summary, str(error), detail)]
        status = response.status_code
        tally.statuses[status] += 1
        answer = answer_text(response)
        findings = []
        if status >= 500:
            tally.server_errors += 1
            summary, where = error_summary(response)
            findings.append(Finding("5xx", status, summary, answer, where=where))
        if status >= 400:
            changes = self.changes(before, involved, serials, json_before)
            if changes:
                tally.refused_changes += 1
                summary, where = error_summary(response)
                findings.append(
                    Finding(
                        "refused but changed",
                        status,
                        summary,
                        answer,
                        "\n".join(changes),
                        where,
                    )
                )
        if request.role != "Manager":
            leaked = self.leaked(request, response)
            if leaked:
                tally.leaks += 1
                findings.append(
                    Finding("leak", status, ", ".join(sorted(leaked)), answer)
                )
        return findings

    def simplify(self, endpoint, request, finding):
        """The smallest request found that still fails the same way.

        Greedy: drop what :func:`_smaller` drops, one thing at a time,
        keeping each change that still fails.
        A short reproduction is worth a few dozen requests.
        """
        tries = 0
        changed = True
        while changed and tries < self.SIMPLIFY_TRIES:
            changed = False
            for candidate in _smaller(request):
                tries += 1
                if tries > self.SIMPLIFY_TRIES:
                    break
                found = self.evaluate(endpoint, candidate)
                if any(other.signature == finding.signature for other in found):
                    request, changed = candidate, True
                    break
        return request

    def send(self, request):
        session = self.sessions[request.role]
        prepared = session.prepare_request(
            requests.Request(
                request.method,
                self.site.url,
                headers=dict(request.headers),
                data=request.body,
            )
        )
        # As drawn: requests would re-escape what it finds odd (%zz, ...).
        prepared.url = request.url(self.site.url)
        return session.send(prepared, timeout=TIMEOUT, allow_redirects=False)

    # What a refused request must leave alone

    def involved(self, endpoint, request):
        """The site paths of the objects the request is about."""
        paths = [TARGETS[request.target].path]
        if endpoint.service in ("@copy", "@move"):
            paths += [TARGETS[name].path for name in SCRATCH]
        return paths

    def ensure_scratch(self):
        """Recreate the scratch items a previous (accepted) write removed."""
        transaction.begin()
        portal = self.layer["portal"]
        missing = [
            TARGETS[name]
            for name in SCRATCH
            if portal.unrestrictedTraverse(TARGETS[name].path, None) is None
        ]
        if not missing:
            return
        with api.env.adopt_roles(["Manager"]):
            for target in missing:
                parent_path, item_id = target.path.rsplit("/", 1)
                parent = portal.unrestrictedTraverse(parent_path, None)
                if parent is not None:
                    api.content.create(
                        container=parent,
                        type=target.portal_type,
                        id=item_id,
                        title=f"Scratch {item_id}",
                    )
        transaction.commit()

    def serials(self, paths):
        """The ``_p_serial`` of each object, read from the storage itself."""
        transaction.begin()
        portal = self.layer["portal"]
        serials = {}
        for path in paths:
            obj = portal.unrestrictedTraverse(path, None) if path else portal
            if obj is not None and getattr(obj, "_p_oid", None) is not None:
                serials[path] = (obj._p_oid, self.storage.load(obj._p_oid)[1])
            else:
                serials[path] = None
        return serials

    def manager_json(self, paths):
        """The JSON a Manager reads of each path, read again only after a
        transaction was recorded (nothing else changes what it says)."""
        tid = self.storage.lastTransaction()
        if self._json is None or self._json[0] != tid:
            self._json = (tid, {})
        cache = self._json[1]
        for path in paths:
            if path not in cache:
                cache[path] = self._read_json(path)
        return {path: cache[path] for path in paths}

    def _read_json(self, path):
        url = f"{self.site.url}/{path}" if path else self.site.url
        response = self.sessions["Manager"].get(
            url, headers={"Accept": "application/json"}, timeout=TIMEOUT
        )
        if response.status_code >= 500:
            return None  # no observation: the item's JSON is not compared
        if response.status_code != 200:
            return response.status_code
        return response.json()

    def changes(self, before, paths, serials, json_before):
        """What a refused request changed, in words (empty: nothing)."""
        changes = []
        after = self.storage.lastTransaction()
        if after != before:
            changes.append(self._transactions(before))
        for path, serial in self.serials(paths).items():
            if serial != serials[path]:
                changes.append(
                    f"/{path}: _p_serial {_serial(serials[path])} -> {_serial(serial)}"
                )
        if json_before is not None:
            self._json = None
            json_after = self.manager_json(paths)
            for path in paths:
                if None in (json_before[path], json_after[path]):
                    continue  # a read failed: see the endpoint's 5xx
                if json_after[path] != json_before[path]:
                    changes.append(
                        f"/{path}: its JSON changed: "
                        f"{_json_difference(json_before[path], json_after[path])}"
                    )
        return changes

    def _transactions(self, before):
        described = []
        for record in self.storage.iterator(p64(u64(before) + 1)):
            classes = Counter(
                ".".join(get_pickle_metadata(data.data)) for data in record
            )
            described.append(
                f"the database recorded a transaction "
                f"({record.description.decode('utf-8', 'replace')!r}) writing "
                + ", ".join(f"{count} {name}" for name, count in classes.most_common(6))
            )
        return "; ".join(described) or "the database recorded a transaction"

    # What Anonymous and the Member must not read

    def report(self, endpoint_name, limit=None):
        """The distinct failures of one endpoint (see tests/fuzzreport.py)."""
        failures = [
            failure
            for (endpoint, _signature), failure in self.failures.items()
            if endpoint == endpoint_name
        ]
        return report(failures, self.site.url, CREDENTIALS, limit)

    def leaked(self, request, response):
        said = request.text()
        heard = response.content.decode("utf-8", "replace") + " ".join(
            f"{name}: {value}" for name, value in response.headers.items()
        )
        return {
            secret for secret in self.secrets if secret in heard and secret not in said
        }


class Stalled(BaseException):
    """Raised in a server thread still busy with a request the fuzz suite
    gave up on (a BaseException: the application's ``except Exception``
    must not swallow it; waitress logs it and the thread serves on)."""


def stop_stalled_requests():
    """Let the server's worker threads finish the requests the suite gave up
    on; stop those still busy after ``STALL_WAIT`` seconds. What happened,
    in words.

    The suite sends one request at a time, so once it gave up on one, any
    busy worker holds it; a thread stuck in a long loop (a navigation depth
    of 10**20) would keep a core until the test process ends and slow every
    later test. Nothing stops a thread from outside but CPython's
    ``PyThreadState_SetAsyncExc`` (the exception comes at the thread's next
    bytecode, not inside a long C call): unavoidable here, and a last
    resort, as an exception in the middle of a request may leave the
    thread's state broken.
    """
    workers = threading.enumerate()
    workers = [thread for thread in workers if thread.name.startswith("waitress-")]
    started = time.monotonic()
    while time.monotonic() < started + STALL_WAIT:
        if not any(_serving(thread) for thread in workers):
            return f"the server answered after {time.monotonic() - started:.0f} s more"
        time.sleep(0.5)
    stopped_at = time.monotonic()
    while time.monotonic() < stopped_at + 10:
        busy = [thread for thread in workers if _serving(thread)]
        if not busy:
            # No worker may keep an exception to raise later, elsewhere.
            for thread in workers:
                _raise_in(thread, ctypes.py_object())
            return f"still busy {STALL_WAIT:.0f} s later: the server thread was stopped"
        for thread in busy:
            _raise_in(thread, ctypes.py_object(Stalled))
        time.sleep(0.5)
    return "the server thread could not be stopped"


def _raise_in(thread, exception):
    """Have ``thread`` raise ``exception`` at its next bytecode; with a NULL
    ``ctypes.py_object()``, forget an exception still pending there."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), exception)


def _serving(thread):
    """Whether a waitress worker is inside the application (Zope's publisher)."""
    frame = sys._current_frames().get(thread.ident)
    while frame is not None:
        if frame.f_code.co_name == "publish_module":
            return True
        frame = frame.f_back
    return False


def _smaller(request):
    """Requests one step smaller than ``request``: without a query parameter,
    a header, a garbage path segment, the body of a GET, a key of the body."""
    parts = request.query.split("&") if request.query else []
    for index in range(len(parts)):
        yield replace(request, query="&".join(parts[:index] + parts[index + 1 :]))
    for index in range(len(request.headers)):
        headers = request.headers[:index] + request.headers[index + 1 :]
        yield replace(request, headers=headers)
    head, _slash, last = request.path.rpartition("/")
    if last in PATH_GARBAGE + UP:
        yield replace(request, path=head)
    if request.body is not None and request.method == "GET":
        yield replace(request, body=None)
    if request.body:
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError):  # not JSON, or nested too deep
            data = None
        if isinstance(data, dict):
            for key in data:
                smaller = {k: v for k, v in data.items() if k != key}
                yield replace(request, body=json.dumps(smaller).encode())


def _serial(serial):
    return "none" if serial is None else serial[1].hex()


def _short(value):
    return json.dumps(value)[:80]


def _json_difference(before, after):
    if isinstance(before, dict) and isinstance(after, dict):
        keys = sorted(
            key for key in set(before) | set(after) if before.get(key) != after.get(key)
        )
        return ", ".join(
            f"{key}: {_short(before.get(key))} -> {_short(after.get(key))}"
            for key in keys[:5]
        )
    return f"{str(before)[:80]} -> {str(after)[:80]}"
