"""``make bench``: SocialHub against stock Plone, in the same run, on the same data.

One Zope server serves both sites of the benchmark database (``generate.py``):
SocialHub's ``/Plone`` and a stock Plone site ``/stock`` beside it. Each
workload measures SocialHub and stock Plone's nearest equivalent one after the
other, with wrk (HTTP load) or, for the faceted pages, a timed sequence of
requests, and reports the ratio::

    .venv/bin/python benchmarks/bench.py --scale 12000
    .venv/bin/python benchmarks/bench.py --workloads get,writes --seconds 20

Workloads (``--workloads``, default all):

- ``get``: GET one item of each SocialHub type (taxonomy titles, relations,
  translations) against GET of a stock Document; goal >= 1x;
- ``classic``: the Classic UI page of one item of each SocialHub type (its
  default view, themed with Barceloneta) against a stock Document's page;
  goal >= 1x;
- ``listing``: 20 cards from ``@listing`` against stock ``@search`` with
  ``fullobjects=1``; goal >= 5x;
- ``facets``: a faceted page from ``@facets`` against one stock ``@search``
  per term; goal >= 10x;
- ``writes``: 8 concurrent writers creating and editing items over REST, in a
  SocialHub section against stock Documents in a stock folder; goals: no HTTP
  5xx, every acknowledged write there afterwards, >= 2x stock's writes/s;
  and, for reference (no goal), stock Plone's writers served as SocialHub
  serves its own, taking turns: what is left is the cost of a write;
- ``shared-writes``: the same 8 writers spread over two instances that share
  one RelStorage database in PostgreSQL (a throwaway server of Debian's
  packages, ``postgres.py``), SocialHub's scale-out path; same goals;
- ``write-cost``: no server, no load: where the time of one write goes,
  phase by phase, on each side (``writecost.py``, in-process), and whether
  the writes goal fits in it at all;
- ``newcomer``: a fresh clone of this checkout to a serving site
  (``make start``), and its restart.

Results: a table, and ``benchmarks/results/bench-<timestamp>.json``. Exit
status: 0 when measured, 1 when the database, the server or a correctness
check fails, 3 with ``--check-goals`` when a goal is missed, 130 when
interrupted. See benchmarks/README.md.
"""

from base64 import b64encode
from contextlib import contextmanager
from contextlib import ExitStack
from dataclasses import dataclass
from generate import DEFAULT_SEED
from generate import item_id
from generate import MODULE_ID
from generate import SECTIONS
from generate import STOCK_SITE_ID
from pathlib import Path

import argparse
import facets
import harness
import json
import load
import os
import postgres
import re
import requests
import signal
import statistics
import subprocess
import sys
import tempfile
import time


WORKLOADS = (
    "get",
    "classic",
    "listing",
    "facets",
    "writes",
    "shared-writes",
    "write-cost",
    "newcomer",
)
#: Workloads measured on the FileStorage server of the run.
SERVED = ("get", "classic", "listing", "facets", "writes")
RECORD_TYPES = ("Publication", "Actor", "Initiative", "Course", "Event")
#: The types whose Classic UI page ``classic`` measures.
CLASSIC_TYPES = (*RECORD_TYPES, "CourseModule", "Section")
#: What a browser asks for.
HTML = ("Accept: text/html",)
#: A round of a Classic UI page lasts at least this long: a themed page
#: takes ten times a REST answer, and a round must count a few of each side.
PAGE_ROUND_SECONDS = 3
#: Barceloneta's CSS, linked in the <head> of every themed page.
THEME_CSS = "++theme++barceloneta/css/barceloneta.min.css"
#: Readers: wrk connections (the server has 4 worker threads).
READERS = 4
WRITERS = 8
#: Instances sharing the RelStorage database in ``shared-writes``.
SHARING_INSTANCES = 2
LISTING_SIZE = 20
#: An item with its translations, as a multilingual frontend asks for it.
EXPAND = "?expand=translations"
#: Phases of a write (``writecost.py``) that are Plone's own work for any
#: content: what is left of a write with nothing of SocialHub's in it.
PLONE_PHASES = (
    "catalog indexing",
    "versioning (CMFEditions)",
    "storing (pickling, writing, fsync)",
)
GOALS = {"get": 1.0, "classic": 1.0, "listing": 5.0, "facets": 10.0, "writes": 2.0}
OUR_WRITES = f"/{harness.SITE_ID}/en/publications"
STOCK_WRITES = f"/{STOCK_SITE_ID}/en/pages"
#: How stock Plone's writers are served: Zope's own max-conflict-retries
#: (SocialHub's instance sets 10), and every writing request at once
#: (SocialHub's writers take turns, one at a time: socialhub.core.writeturns).
STOCK_WRITE_SETTINGS = {"SOCIALHUB_CONFLICT_RETRIES": "3", "SOCIALHUB_WRITERS": "0"}
#: The reference: stock Plone's writers taking turns, as SocialHub's do.
STOCK_TURNS_SETTINGS = {**STOCK_WRITE_SETTINGS, "SOCIALHUB_WRITERS": "1"}
NEWCOMER_TIMEOUT = 1800
EXIT_FAILED = 1
EXIT_GOALS_MISSED = 3
EXIT_INTERRUPTED = 130
#: What the writers POST; "{id}" becomes a new id for each item.
WRITE_BODIES = {
    "ours": {
        "@type": "Publication",
        "id": "{id}",
        "title": "{id} written by a benchmark writer",
        "description": "Created by a concurrent writer of the benchmark.",
        "publication_date": "2024-01-15",
        "authors": [{"name": "Benchmark Writer"}],
        "taxonomy_themes": ["conditional-cash-transfers"],
        "taxonomy_geography": ["SN"],
        "taxonomy_audiences": ["policymakers"],
    },
    "stock": {
        "@type": "Document",
        "id": "{id}",
        "title": "{id} written by a benchmark writer",
        "description": "Created by a concurrent writer of the benchmark.",
        "text": {
            "data": "<p>Written by a concurrent writer.</p>",
            "content-type": "text/html",
        },
    },
}


@dataclass
class Server:
    """The running benchmark server and how to talk to it."""

    base: str
    args: argparse.Namespace
    session: requests.Session
    admin: requests.Session


def main(argv=None):
    """Run the benchmarks; return the exit status."""
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped
    # A background shell starts us with SIGINT ignored, and the server would
    # inherit that: give it back its default so the server can be stopped.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("benchmark: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except harness.BenchmarkError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return EXIT_FAILED


def run(args):
    """Build or reuse the database, serve a copy of it, measure, report."""
    data = Path(
        args.data
        or harness.CHECKOUT / "instance/var/benchmarks" / f"scale-{args.scale}"
    ).resolve()
    served = [name for name in args.workloads if name in SERVED]
    database = None
    results = {}
    if served or "shared-writes" in args.workloads:
        load.wrk_command()  # fail early when wrk is missing
    if "shared-writes" in args.workloads:
        postgres.server_binaries()  # and when PostgreSQL is
    if served or {"shared-writes", "write-cost"} & set(args.workloads):
        database = harness.ensure_database(data, args.scale, args.seed, args.rebuild)
    if served:
        port = args.port or harness.free_port()
        if not harness.port_is_free(port):
            raise harness.BenchmarkError(f"port {port} is in use: choose another")
        var = harness.working_copy(data)
        env = harness.server_environ(var, port)
        log = var / "log" / "benchmark-serve.log"
        with harness.serving(env, port, log):
            server = connect(f"http://{harness.HOST}:{port}", args)
            for name in served:
                print(f"Measuring {name} ...")
                results[name] = MEASURES[name](server)
        if "writes" in served:
            results["writes"] = measure_stock_writes(
                args, env, port, var, results["writes"]
            )
    if "shared-writes" in args.workloads:
        print("Measuring shared-writes (two instances on RelStorage) ...")
        results["shared-writes"] = measure_shared_writes(args, data)
    if "write-cost" in args.workloads:
        print("Measuring write-cost (one write, phase by phase, in-process) ...")
        results["write-cost"] = measure_write_cost(args, data)
    if "newcomer" in args.workloads:
        print("Measuring newcomer (fresh clone, make start, restart) ...")
        results["newcomer"] = newcomer()
    report = make_report(args, database, results)
    path = harness.write_report(report, Path(args.results), "bench")
    print_report(report, path)
    if args.check_goals and not report["goals_met"]:
        return EXIT_GOALS_MISSED
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="SocialHub against stock Plone: reads, listings, facets, writes."
    )
    parser.add_argument(
        "--scale", type=int, default=12000, help="items to generate (default 12000)"
    )
    parser.add_argument(
        "--workloads",
        default=",".join(WORKLOADS),
        help=f"comma-separated, of {', '.join(WORKLOADS)} (default: all)",
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=10,
        help="how long wrk loads each side of a read workload (default 10)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds of both sides, in turns, that --seconds is divided into, "
        "for get and listing (default 5)",
    )
    parser.add_argument(
        "--write-seconds",
        type=int,
        default=30,
        help="how long the writers write, on each side (default 30)",
    )
    parser.add_argument(
        "--cost-writes",
        type=int,
        default=300,
        help="writes timed phase by phase on each side, in write-cost (default 300)",
    )
    parser.add_argument(
        "--runs", type=int, default=20, help="faceted pages timed (default 20)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="unmeasured pages first (default 3)"
    )
    parser.add_argument(
        "--data",
        help="the benchmark database folder, built if needed "
        "(default: instance/var/benchmarks/scale-SCALE)",
    )
    parser.add_argument(
        "--port", type=int, help="the loopback port to serve on (default: a free one)"
    )
    parser.add_argument(
        "--results",
        default=str(harness.BENCHMARKS / "results"),
        help="where the JSON result goes (default: benchmarks/results)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the database anew even if --data holds one of that scale",
    )
    parser.add_argument(
        "--check-goals",
        action="store_true",
        help=f"exit {EXIT_GOALS_MISSED} when a goal is missed",
    )
    args = parser.parse_args(argv)
    args.workloads = [name.strip() for name in args.workloads.split(",") if name]
    unknown = sorted(set(args.workloads) - set(WORKLOADS))
    if unknown or not args.workloads:
        parser.error(f"--workloads: choose among {', '.join(WORKLOADS)}")
    if (
        min(
            args.scale,
            args.seconds,
            args.rounds,
            args.write_seconds,
            args.runs,
            args.cost_writes,
        )
        < 1
    ):
        parser.error(
            "--scale, --seconds, --rounds, --write-seconds, --runs and "
            "--cost-writes must be >= 1"
        )
    if args.warmup < 0:
        parser.error("--warmup must be at least 0")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be a TCP port number (1-65535)")
    return args


def connect(base, args):
    """Anonymous and admin sessions to the server."""
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    admin = requests.Session()
    admin.headers["Accept"] = "application/json"
    admin.auth = harness.admin_credentials()
    return Server(base=base, args=args, session=session, admin=admin)


def fetch(session, url, **params):
    """GET ``url``; its JSON. Anything but 200 makes the run meaningless."""
    response = session.get(url, params=params, timeout=120)
    if response.status_code != 200:
        raise harness.BenchmarkError(
            f"GET {url} answered {response.status_code}: {response.text[:500]}"
        )
    return response.json()


def compare(name, ours, stock, goal, ratio=None, **details):
    """One row of the report: both sides' figures and their ratio.

    The ratio is ours/s over stock's, unless given. A ``goal`` of None
    makes a reference row, which no goal depends on.
    """
    if ratio is None and stock["rps"]:
        ratio = round(ours["rps"] / stock["rps"], 2)
    return {
        "workload": name,
        "ours": ours,
        "stock": stock,
        "ratio": ratio,
        "goal": goal,
        "met": goal is None or (ratio is not None and ratio >= goal),
        **details,
    }


# Reading one item


def measure_get(server):
    """GET one item of each SocialHub type against GET of a stock Document.

    Each type is measured in rounds alternating with the Document
    (:func:`measure_in_rounds`). A single stock measurement at the start of
    a run varied by a third between runs (143 to 216 requests/s), and one
    measurement of each side, one after the other, by 10 % and more.
    """
    stock_url = f"{server.base}/{STOCK_SITE_ID}/en/pages/{item_id('Document', 0)}"
    stock_url += EXPAND
    check_item(server, stock_url, ours=False)
    rows = []
    for portal_type in RECORD_TYPES:
        url = f"{server.base}/{harness.SITE_ID}/en/{SECTIONS[portal_type]}/"
        url += item_id(portal_type, 0) + EXPAND
        shown = check_item(server, url, ours=True)
        ours, stock, ratio = measure_in_rounds(url, stock_url, server.args)
        rows.append(
            compare(f"GET {portal_type}", ours, stock, GOALS["get"], ratio, shows=shown)
        )
    return rows


def measure_in_rounds(ours_url, stock_url, args, headers=load.JSON, min_seconds=1):
    """Both URLs loaded in turns: ``(ours, stock, ratio)``.

    After a warm-up of each, ``--rounds`` rounds of a measurement of each
    side, ``--seconds`` divided between the rounds, the side that goes
    first alternating. Both sides meet the same moments of the machine,
    whose speed drifts (another process, the host): one measurement of
    each varied by 10 % and more between runs. The ratio is the median of
    the rounds' ratios; each side's figures are the sums of its rounds
    (median: the median of the rounds' medians; p99: the highest of their
    99th percentiles), with each round's requests/s.
    """
    seconds = max(min_seconds, round(args.seconds / args.rounds))
    for url in (stock_url, ours_url):
        load.warm_up(url, connections=READERS, headers=headers)
    rounds = {"ours": [], "stock": []}
    for number in range(args.rounds):
        order = ("stock", "ours") if number % 2 == 0 else ("ours", "stock")
        for side in order:
            url = ours_url if side == "ours" else stock_url
            rounds[side].append(
                load.run(url, seconds=seconds, connections=READERS, headers=headers)
            )
    ratios = [
        ours["rps"] / stock["rps"]
        for ours, stock in zip(rounds["ours"], rounds["stock"], strict=True)
        if stock["rps"]
    ]
    ratio = round(statistics.median(ratios), 2) if ratios else None
    return merged_rounds(rounds["ours"]), merged_rounds(rounds["stock"]), ratio


def merged_rounds(rounds):
    """One side's figures of several rounds as one."""
    requests = sum(part["requests"] for part in rounds)
    seconds = sum(part["seconds"] for part in rounds)
    return {
        "requests": requests,
        "seconds": round(seconds, 2),
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        "median_ms": statistics.median(part["median_ms"] for part in rounds),
        "p99_ms": max(part["p99_ms"] for part in rounds),
        "max_ms": max(part["max_ms"] for part in rounds),
        **summed_statuses(rounds),
        "rounds_rps": [part["rps"] for part in rounds],
    }


def summed_statuses(parts):
    """``statuses`` and ``server_errors`` of several wrk runs, summed."""
    statuses = {}
    for part in parts:
        for code, count in part["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    return {
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(part["server_errors"] for part in parts),
    }


def check_item(server, url, ours):
    """The item answers, with translations (and, if ours, taxonomy titles)."""
    item = fetch(server.session, url)
    translations = len(item["@components"]["translations"].get("items", []))
    if translations < 2:
        raise harness.BenchmarkError(f"{url} has {translations} translations, not 2")
    if not ours:
        return None
    titled = [
        name
        for name, value in item.items()
        if name.startswith("taxonomy_") and value and "title" in value[0]
    ]
    if not titled:
        raise harness.BenchmarkError(f"{url} shows no taxonomy term with its title")
    relations = [
        name
        for name, value in item.items()
        if isinstance(value, list)
        and value
        and isinstance(value[0], dict)
        and "@id" in value[0]
        and name != "items"
    ]
    return {
        "translations": translations,
        "taxonomies": sorted(titled),
        "relations": sorted(relations),
    }


# The Classic UI's view pages


def measure_classic(server):
    """The Classic UI page of each SocialHub type against a stock Document's.

    Each item is asked for by its URL alone, as a visitor's browser asks:
    Plone renders the type's default view (whatever template the type has),
    themed with Barceloneta on both sides. Measured in rounds, as ``get``,
    each round at least :data:`PAGE_ROUND_SECONDS` long.
    """
    stock_url = f"{server.base}/{STOCK_SITE_ID}/en/pages/{item_id('Document', 0)}"
    stock_view = check_page(server, stock_url)
    rows = []
    for portal_type in CLASSIC_TYPES:
        url = server.base + classic_path(portal_type)
        view = check_page(server, url)
        ours, stock, ratio = measure_in_rounds(
            url, stock_url, server.args, HTML, min_seconds=PAGE_ROUND_SECONDS
        )
        rows.append(
            compare(
                f"page {portal_type}",
                ours,
                stock,
                GOALS["classic"],
                ratio,
                view=view,
                stock_view=stock_view,
            )
        )
    return rows


def classic_path(portal_type):
    """The path of the English item of ``portal_type`` whose page is measured."""
    root = f"/{harness.SITE_ID}/en"
    if portal_type == "Section":
        return f"{root}/{SECTIONS['Publication']}"
    if portal_type == "CourseModule":
        return f"{root}/{SECTIONS['Course']}/{item_id('Course', 0)}/{MODULE_ID}"
    return f"{root}/{SECTIONS[portal_type]}/{item_id(portal_type, 0)}"


def check_page(server, url):
    """The page answers, themed; the name of the view that rendered it.

    Plone's <body> names the template that rendered the page
    (``template-<name>``).
    """
    response = server.session.get(url, headers={"Accept": "text/html"}, timeout=120)
    if response.status_code != 200 or "text/html" not in response.headers.get(
        "Content-Type", ""
    ):
        raise harness.BenchmarkError(
            f"GET {url} (HTML) answered {response.status_code}: {response.text[:500]}"
        )
    if THEME_CSS not in response.text:
        raise harness.BenchmarkError(f"{url} is not themed with Barceloneta")
    body = re.search(r'<body[^>]*class="([^"]*)"', response.text)
    views = re.findall(r"\btemplate-(\S+)", body.group(1)) if body else []
    return views[0] if views else None


# A listing of cards


def measure_listing(server):
    """20 cards from @listing against stock @search with fullobjects."""
    root = f"{server.base}/{harness.SITE_ID}/en"
    common = "portal_type=Publication&sort_on=effective&sort_order=descending"
    common += f"&b_size={LISTING_SIZE}"
    ours_url = f"{root}/@listing?{common}"
    stock_url = f"{root}/@search?{common}&Language=en&fullobjects=1"
    ours_ids = [item["@id"] for item in fetch(server.session, ours_url)["items"]]
    stock_ids = [item["@id"] for item in fetch(server.session, stock_url)["items"]]
    if ours_ids != stock_ids or len(ours_ids) != LISTING_SIZE:
        raise harness.BenchmarkError(
            f"@listing and stock @search list different items: {ours_ids[:3]} ... "
            f"against {stock_ids[:3]} ..."
        )
    ours, stock, ratio = measure_in_rounds(ours_url, stock_url, server.args)
    return [compare("listing of 20 cards", ours, stock, GOALS["listing"], ratio)]


# Faceted pages


def measure_facets(server):
    """Faceted pages: one @facets against one stock @search per term."""
    args = server.args
    cases = facets.build_cases(facets.taxonomy_tokens())
    checked = facets.check_correctness(server.session, server.base, cases)
    timings = facets.measure(server.session, server.base, cases, args.runs, args.warmup)
    rows = []
    for case in cases:
        ours = pages(timings[case.name]["ours"])
        stock = pages(timings[case.name]["stock"])
        stock["requests_per_page"] = len(case.stock)
        rows.append(
            compare(
                f"faceted page, {case.name}",
                ours,
                stock,
                GOALS["facets"],
                counts_checked=checked,
            )
        )
    return rows


def pages(seconds):
    """Figures of timed pages, one after the other."""
    return {
        "requests": len(seconds),
        "rps": round(len(seconds) / sum(seconds), 2),
        **harness.summary(seconds),
        "server_errors": 0,
    }


# Concurrent writers


def measure_writes(server):
    """8 writers creating and editing in a SocialHub section.

    Stock Plone's writers follow on a server of their own (see ``run``).
    """
    return write([server], OUR_WRITES, "ours")


def measure_stock_writes(args, env, port, var, ours):
    """Stock Plone's writers against ``ours``: with Zope's own settings, and
    taking turns (the reference row)."""
    sides = {}
    for side, settings, first_writer in (
        ("stock", STOCK_WRITE_SETTINGS, 1),
        # Writers of other numbers, whose ids the first run did not take.
        ("stock-turns", STOCK_TURNS_SETTINGS, 1 + WRITERS),
    ):
        with harness.serving(
            {**env, **settings}, port, var / "log" / f"benchmark-{side}.log"
        ):
            server = connect(f"http://{harness.HOST}:{port}", args)
            sides[side] = write([server], STOCK_WRITES, "stock", first_writer)
    return compare_writes(ours, sides["stock"]) + compare_writes(
        ours, sides["stock-turns"], f"{WRITERS} writers, stock taking turns", goal=None
    )


def measure_shared_writes(args, data):
    """The 8 writers spread over two instances sharing a RelStorage database.

    The database is a copy of the benchmark's FileStorage in a throwaway
    PostgreSQL server. SocialHub's instances write first, then stock
    Plone's (with Zope's own retry setting), into the same database.
    """
    var = data / "run-shared"
    with postgres.postgresql(harness.free_port()) as cluster:
        dsn = cluster.load(data, "benchmark")
        sides = {}
        for side, container, settings in (
            ("ours", OUR_WRITES, {}),
            ("stock", STOCK_WRITES, STOCK_WRITE_SETTINGS),
        ):
            with sharing_instances(var / side, dsn, settings) as bases:
                servers = [connect(base, args) for base in bases]
                sides[side] = write(servers, container, side)
    name = f"{WRITERS} writers, {SHARING_INSTANCES} instances"
    return compare_writes(sides["ours"], sides["stock"], name)


@contextmanager
def sharing_instances(var, dsn, settings):
    """Serve :data:`SHARING_INSTANCES` instances on the database ``dsn``; their URLs.

    ``settings`` are environment variables added to the instances' own.
    """
    with ExitStack() as stack:
        bases = []
        for number in range(1, SHARING_INSTANCES + 1):
            port = harness.free_port()
            env = harness.server_environ(var / f"instance-{number}", port)
            env.update(settings, SOCIALHUB_DSN=dsn)
            log = var / f"instance-{number}" / "log" / "benchmark-serve.log"
            stack.enter_context(harness.serving(env, port, log))
            bases.append(f"http://{harness.HOST}:{port}")
        yield bases


def compare_writes(
    ours, stock, name=f"{WRITERS} concurrent writers", goal=GOALS["writes"]
):
    """A writes row: writes/s compared; with a goal, also no 5xx and nothing
    lost for ours."""
    for side in (ours, stock):
        side["rps"] = side["writes_per_second"]
    row = compare(name, ours, stock, goal)
    if goal is not None:
        row["met"] = row["met"] and ours["server_errors"] == ours["missing"] == 0
    return [row]


def write(servers, container, side, first_writer=1):
    """Let the writers write into ``container``; check what they were told is there.

    The writers are spread evenly over ``servers`` (one wrk each, all at
    once); the figures are their sums, with the slowest server's median
    and 99th percentile. Writers are numbered from ``first_writer``: each
    number makes its own ids, the same in every run.
    """
    user, password = harness.admin_credentials()
    token = b64encode(f"{user}:{password}".encode()).decode()
    writers = WRITERS // len(servers)
    processes = [
        load.start(
            server.base + container,
            seconds=server.args.write_seconds,
            connections=writers,
            threads=writers,
            script="writes.lua",
            env={
                "BENCHMARK_CONTAINER": container,
                "BENCHMARK_BODY": json.dumps(WRITE_BODIES[side]),
                "BENCHMARK_AUTHORIZATION": f"Basic {token}",
                "BENCHMARK_FIRST_WRITER": str(first_writer + number * writers),
            },
        )
        for number, server in enumerate(servers)
    ]
    figures = merged_writes([load.finish(process) for process in processes])
    created = figures.pop("created")
    edited = figures.pop("edited")
    unanswered = figures.pop("unanswered")
    acknowledged = sum(n for code, n in figures["statuses"].items() if code < 300)
    figures["creates_acknowledged"] = len(created)
    figures["edits_acknowledged"] = len(edited)
    figures["writes_per_second"] = round(acknowledged / figures["seconds"], 1)
    lost = missing_writes(servers[0], container, created, edited, unanswered)
    figures["missing"] = len(lost)
    figures["missing_writes"] = lost[:20]
    return figures


def merged_writes(parts):
    """The figures of several wrk runs of writes.lua as one."""
    seconds = max(part["seconds"] for part in parts)
    requests = sum(part["requests"] for part in parts)
    merged = {
        "requests": requests,
        "seconds": seconds,
        "rps": round(requests / seconds, 1),
        **summed_statuses(parts),
        "created": [],
        "edited": {},
        "unanswered": {},
        "instances": len(parts),
    }
    for key in ("median_ms", "p99_ms", "max_ms"):
        merged[key] = max(part[key] for part in parts)
    for part in parts:
        # Lua's empty tables come as JSON lists.
        merged["created"] += part["created"]
        merged["edited"].update(part["edited"] or {})
        merged["unanswered"].update(part["unanswered"] or {})
    return merged


def missing_writes(server, container, created, edited, unanswered):
    """The acknowledged creations or last edits the site does not have.

    An item may show an edit sent after its last acknowledged one and still
    unanswered when the time was up (``unanswered``): the server may have
    applied it; that is no loss.

    ``[{"id", "status", "description"}]``: what was found instead.
    """
    missing = []
    for new_id in created:
        response = server.admin.get(f"{server.base}{container}/{new_id}", timeout=60)
        description = (
            response.json().get("description") if response.status_code == 200 else None
        )
        if response.status_code != 200 or (
            new_id in edited
            and description not in (edited[new_id], unanswered.get(new_id))
        ):
            missing.append(
                {
                    "id": new_id,
                    "status": response.status_code,
                    "description": description,
                    "last_edit": edited.get(new_id),
                }
            )
    return missing


# A newcomer


def newcomer():
    """Seconds from a fresh clone to a serving site (``make start``), and a restart.

    The clone is of this checkout's committed HEAD; packages come from this
    machine's package cache when it has them (said in the report).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SOCIALHUB_")
        and key not in ("PORT", "HOST", "SITE_ID", "VIRTUAL_ENV")
    }
    with tempfile.TemporaryDirectory(prefix="socialhub-newcomer-") as tmp:
        clone = Path(tmp) / "socialhub"
        started = time.monotonic()
        subprocess.run(
            ["git", "clone", "--quiet", str(harness.CHECKOUT), str(clone)],
            check=True,
            timeout=300,
        )
        port = harness.free_port()
        env.update(PORT=str(port), HOST=harness.HOST)
        timings = {}
        for name in ("first_start_seconds", "restart_seconds"):
            step = time.monotonic()
            with harness.serving(
                env,
                port,
                Path(tmp) / f"{name}.log",
                command=["make", "start"],
                cwd=clone,
                timeout=NEWCOMER_TIMEOUT,
            ):
                timings[name] = round(time.monotonic() - step, 1)
            if name == "first_start_seconds":
                timings["clone_to_serving_seconds"] = round(
                    time.monotonic() - started, 1
                )
    return timings


MEASURES = {
    "get": measure_get,
    "classic": measure_classic,
    "listing": measure_listing,
    "facets": measure_facets,
    "writes": measure_writes,
}


# Where a write's time goes


def measure_write_cost(args, data):
    """One write of each side, phase by phase (``writecost.py``, in-process).

    Runs on a fresh copy of the database, with no server: a FileStorage
    opens in one process only. Adds what the writes goal leaves for one
    write: at twice stock's rate, half of stock's time per write.
    """
    var = harness.working_copy(data)
    env = harness.server_environ(var, harness.free_port())
    output = var / "write-cost.json"
    log = var / "log" / "benchmark-write-cost.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    harness.build(
        [str(harness.BIN / "python"), str(harness.BENCHMARKS / "writecost.py")]
        + ["--writes", str(args.cost_writes), "--output", str(output)],
        env,
        log,
    )
    sides = json.loads(output.read_text())
    budget = sides["stock"]["ms_per_write"] / GOALS["writes"]
    plone_work = sum(sides["ours"]["phases_ms_per_write"][p] for p in PLONE_PHASES)
    return {
        **sides,
        "goal_budget_ms": round(budget, 2),
        "plone_work_ms": round(plone_work, 2),
    }


# The report


def make_report(args, database, results):
    """The result file's content."""
    rows = [
        row for name in WORKLOADS for row in results.get(name, ()) if "ratio" in row
    ]
    return {
        "benchmark": "bench",
        "timestamp": harness.timestamp(),
        "git_commit": harness.git_commit(),
        "scale": args.scale,
        "workloads": args.workloads,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "write_seconds": args.write_seconds,
        "readers": READERS,
        "writers": WRITERS,
        "database": database,
        "machine": harness.machine(),
        "results": results,
        "goals_met": all(row["met"] for row in rows),
    }


def figure(value, width, spec):
    """``value`` formatted by ``spec`` in ``width`` characters; "-" for a missing one.

    A side that answered nothing measurable (e.g. wrk timed out on an
    overloaded machine) has no figures: the table says so instead of failing.
    """
    return f"{'-' if value is None else format(value, spec):>{width}}"


def print_report(report, path):
    """The table a human reads."""
    print()
    database = report["database"]
    if database:
        print(
            f"{report['scale']} items ({database['size_bytes'] / 2**20:.0f} MiB "
            f"database); reads: wrk, {report['readers']} connections, "
            f"{report['seconds']} s per side in {report['rounds']} rounds; "
            f"writes: {report['writers']} writers, "
            f"{report['write_seconds']} s per side."
        )
    header = (
        f"{'workload':<34} {'ours/s':>8} {'median':>8} {'p99':>8}  "
        f"{'stock/s':>8} {'median':>8} {'p99':>8} {'ratio':>7}  goal"
    )
    print(header)
    print("-" * len(header))
    for name in WORKLOADS:
        for row in report["results"].get(name, ()):
            if "ratio" not in row:
                continue
            ours, stock = row["ours"], row["stock"]
            if "view" in row:
                print(f"  ({row['view']} against {row['stock_view']})")
            print(
                f"{row['workload']:<34} {figure(ours['rps'], 8, '.1f')} "
                f"{figure(ours['median_ms'], 6, '.1f')}ms "
                f"{figure(ours['p99_ms'], 6, '.1f')}ms  "
                f"{figure(stock['rps'], 8, '.1f')} "
                f"{figure(stock['median_ms'], 6, '.1f')}ms "
                f"{figure(stock['p99_ms'], 6, '.1f')}ms "
                f"{figure(row['ratio'], 6, '.2f')}x  {verdict(row)}"
            )
    for row in report["results"].get("writes", []) + report["results"].get(
        "shared-writes", []
    ):
        for side in ("ours", "stock") if row["goal"] else ("stock",):
            figures = row[side]
            print(
                f"  {row['workload']}, {side}: {figures['requests']} requests, HTTP "
                f"{figures['statuses']}, {figures['server_errors']} 5xx, "
                f"{figures['creates_acknowledged']} creates and "
                f"{figures['edits_acknowledged']} edits acknowledged, "
                f"{figures['missing']} of them missing afterwards"
            )
    if "write-cost" in report["results"]:
        print_write_cost(report["results"]["write-cost"])
    if "newcomer" in report["results"]:
        timings = report["results"]["newcomer"]
        print(
            "newcomer: fresh clone to serving site "
            f"{timings['clone_to_serving_seconds']} s (make start "
            f"{timings['first_start_seconds']} s), restart "
            f"{timings['restart_seconds']} s"
        )
    print(f"All goals {'met' if report['goals_met'] else 'NOT met'}. Results: {path}")


def print_write_cost(cost):
    """Where the time of one write goes, side by side."""
    ours, stock = cost["ours"], cost["stock"]
    print(
        f"\nOne write in-process, phase by phase ({ours['writes']} writes a side, "
        "2 creations to 1 edit), ms per write:"
    )
    rows = [("phase", "ours", "stock")]
    rows += [
        (phase, f"{ms:.2f}", f"{stock['phases_ms_per_write'][phase]:.2f}")
        for phase, ms in ours["phases_ms_per_write"].items()
    ]
    rows.append(
        ("whole write", f"{ours['ms_per_write']:.2f}", f"{stock['ms_per_write']:.2f}")
    )
    for phase, ours_ms, stock_ms in rows:
        print(f"  {phase:<52} {ours_ms:>7} {stock_ms:>7}")
    print(
        f"  {GOALS['writes']}x stock's writes/s leaves {cost['goal_budget_ms']} ms a "
        f"write; ours spends {cost['plone_work_ms']} ms in "
        f"{', '.join(PLONE_PHASES)}."
    )


def verdict(row):
    """The goal column of a row."""
    if row["goal"] is None:
        return "reference"
    return f">={row['goal']}x {'met' if row['met'] else 'MISSED'}"


if __name__ == "__main__":
    sys.exit(main())
