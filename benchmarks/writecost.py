"""Where the time of one write goes, SocialHub against stock Plone, in-process.

The ``writes`` workload measures writes per second over HTTP; this one says
what each write is made of. It loads Zope on a copy of the benchmark
database (the way ``socialhub serve`` does, with ``SOCIALHUB_VAR`` set by
``bench.py``), sends the writers' requests through Zope's WSGI publisher
in-process, one after the other (two creations, then an edit of one of
them, as ``wrk/writes.lua`` does), and times the phases of every request::

    .venv/bin/python benchmarks/bench.py --workloads write-cost

A phase's time excludes the phases measured inside it, so the phases and
"the rest" add up to the whole request. The JSON of both sides is written
to the file named by ``--output``.
"""

from base64 import b64encode
from collections import Counter
from contextlib import contextmanager
from generate import load_zope

import argparse
import functools
import harness
import importlib
import io
import json
import random
import sys
import time


#: label: the methods timed as that phase, in the order they are reported.
PHASES = {
    "deserialization (fields validated and set)": [
        "plone.restapi.deserializer.dxcontent:DeserializeFromJson.__call__",
    ],
    "versioning (CMFEditions)": [
        "Products.CMFEditions.CopyModifyMergeRepositoryTool"
        ":CopyModifyMergeRepositoryTool.save",
    ],
    "catalog indexing": ["Products.ZCatalog.Catalog:Catalog.catalogObject"],
    "response (the item serialized)": [
        "plone.restapi.serializer.dxcontent:SerializeToJson.__call__",
        "socialhub.core.restapi.serializer:SocialHubSerializeToJson.__call__",
    ],
    "storing (pickling, writing, fsync)": [
        "transaction._transaction:Transaction._commitResources",
    ],
}
REST = "the rest (publishing, security, creation, events)"


class PhaseClock:
    """Accumulates each phase's own time: nested phases pause their parent."""

    def __init__(self):
        self.totals = Counter()
        self._stack = []

    @contextmanager
    def phase(self, label):
        """Count the time of the block as ``label``'s, but for phases inside."""
        now = time.perf_counter()
        if self._stack:
            parent, started = self._stack[-1]
            self.totals[parent] += now - started
        self._stack.append((label, now))
        try:
            yield
        finally:
            now = time.perf_counter()
            label, started = self._stack.pop()
            self.totals[label] += now - started
            if self._stack:
                self._stack[-1] = (self._stack[-1][0], now)

    def instrument(self):
        """Wrap the methods of :data:`PHASES` so that they are timed."""
        for label, methods in PHASES.items():
            for dotted in methods:
                module, name = dotted.split(":")
                class_name, method = name.split(".")
                klass = getattr(importlib.import_module(module), class_name)
                setattr(klass, method, self.timed(label, getattr(klass, method)))

    def timed(self, label, method):
        """``method``, its time counted as ``label``'s."""

        @functools.wraps(method)
        def timed_method(*args, **kwargs):
            with self.phase(label):
                return method(*args, **kwargs)

        return timed_method


class Writer:
    """Sends a side's writes through Zope's publisher, as ``wrk`` would."""

    def __init__(self, container, body, credentials, seed):
        self.container = container
        self.body = json.dumps(body)
        self.authorization = "Basic " + b64encode(credentials.encode()).decode()
        self.rng = random.Random(seed)
        self.created = []
        self.sent = 0

    def next_request(self):
        """Every third request edits an item created before, as writes.lua does."""
        self.sent += 1
        if self.created and self.sent % 3 == 0:
            item = self.created[self.sent % len(self.created)]
            description = json.dumps({"description": f"Edit {self.sent}"})
            return "PATCH", f"{self.container}/{item}", description, "204"
        new_id = f"{self.rng.randrange(0xFFFFFF):06x}-cost-{self.sent}"
        self.created.append(new_id)
        return "POST", self.container, self.body.replace("{id}", new_id), "201"

    def send(self, method, path, body):
        """The status line of the answer."""
        from ZPublisher.WSGIPublisher import publish_module

        data = body.encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SERVER_NAME": harness.HOST,
            "SERVER_PORT": "80",
            "HTTP_HOST": harness.HOST,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(data),
            "wsgi.errors": sys.stderr,
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)),
            "HTTP_ACCEPT": "application/json",
            "HTTP_AUTHORIZATION": self.authorization,
        }
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = status

        b"".join(publish_module(environ, start_response))
        return answer["status"]


def measure(clock, writer, writes, warmup):
    """Time ``writes`` requests after ``warmup`` unmeasured ones; ms per write."""
    timings = {"POST": [], "PATCH": []}
    for number in range(warmup + writes):
        method, path, body, expected = writer.next_request()
        if number == warmup:
            clock.totals.clear()
        with clock.phase(REST):
            started = time.perf_counter()
            status = writer.send(method, path, body)
            elapsed = time.perf_counter() - started
        if not status.startswith(expected):
            raise harness.BenchmarkError(f"{method} {path} answered {status}")
        if number >= warmup:
            timings[method].append(elapsed)
    total = sum(clock.totals.values())
    return {
        "writes": writes,
        "ms_per_write": round(total / writes * 1000, 2),
        "latency": {
            method.lower(): harness.summary(seconds)
            for method, seconds in timings.items()
            if seconds
        },
        "phases_ms_per_write": {
            label: round(clock.totals[label] / writes * 1000, 2)
            for label in [*PHASES, REST]
        },
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    load_zope()
    from bench import OUR_WRITES
    from bench import STOCK_WRITES
    from bench import WRITE_BODIES

    user, password = harness.admin_credentials()
    clock = PhaseClock()
    clock.instrument()
    sides = {}
    for side, container in (("ours", OUR_WRITES), ("stock", STOCK_WRITES)):
        writer = Writer(container, WRITE_BODIES[side], f"{user}:{password}", seed=side)
        sides[side] = measure(clock, writer, args.writes, args.warmup)
    with open(args.output, "w") as output:
        json.dump(sides, output, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
