"""Benchmark: faceted search with counts, SocialHub's @facets against stock Plone.

A faceted library page shows a batch of results and, for every term of three
taxonomies (themes, geography, audiences), how many results it would give.
SocialHub answers all of it with one ``@facets`` request; stock Plone needs
one ``@search`` per term (its ``items_total`` is the count) plus one for the
results. This script measures both over HTTP against the same server, in the
same run, and prints their median and 95th-percentile latencies and the
ratio::

    .venv/bin/python benchmarks/facets.py --scale 100000 --runs 30

It builds (or reuses) a benchmark database of ``--scale`` publications in
``--data``, serves it with ``socialhub serve`` on a loopback port, checks
once that every count of ``@facets`` equals the stock ``items_total``, then
measures. Results go to ``benchmarks/results/facets-<timestamp>.json``.

Exit status: 0 when measured (whether or not the goals are met, unless
``--check-goals``), 1 when the database, the server or the correctness check
fails, 3 when ``--check-goals`` is given and a goal is missed, 130 when
interrupted. See benchmarks/README.md.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import UTC
from generate import DEFAULT_SEED
from generate import git_commit
from generate import MARKER
from generate import read_marker
from generate import VERSION
from generate import write_marker
from pathlib import Path

import argparse
import json
import math
import os
import platform
import requests
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time


CHECKOUT = Path(__file__).resolve().parent.parent
BENCHMARKS = CHECKOUT / "benchmarks"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SITE_ID = "Plone"
LANGUAGE = "en"
PORTAL_TYPE = "Publication"
FACETS = ("themes", "geography", "audiences")
BATCH_SIZE = 20
#: The filtered case: a mid-level theme and a region (Africa).
FILTERS = {"themes": ["social-assistance"], "geography": ["002"]}
#: The goals of the faceted search (issue 5, #6).
GOAL_MEDIAN_MS = 50
GOAL_RATIO = 10
SERVER_START_TIMEOUT = 300
SERVER_STOP_TIMEOUT = 30
REQUEST_TIMEOUT = 120
BUILD_TIMEOUT = 3600
EXIT_FAILED = 1
EXIT_GOALS_MISSED = 3
EXIT_INTERRUPTED = 130


class BenchmarkError(Exception):
    """Something that makes the measurement meaningless: stop, exit 1."""


@dataclass
class Case:
    """One faceted page: its filters, our request and the stock requests."""

    name: str
    filters: dict
    ours: tuple = ()
    stock: list = field(default_factory=list)


def main(argv=None):
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped
    # A background shell starts us with SIGINT ignored, and the server would
    # inherit that: give it back its default so the server can be stopped.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    data = Path(
        args.data or CHECKOUT / "instance/var/benchmarks" / f"scale-{args.scale}"
    )
    port = args.port or free_port()
    env = server_environ(data.resolve(), port)
    try:
        return run(args, data.resolve(), port, env)
    except KeyboardInterrupt:
        print("benchmark: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def run(args, data, port, env):
    """Build or reuse the database, serve it, check, measure, report."""
    try:
        database = ensure_database(data, args.scale, args.seed, env, args.rebuild)
        cases = build_cases(taxonomy_tokens())
        if not port_is_free(port):
            raise BenchmarkError(f"port {port} on {HOST} is in use: choose another")
        with serving(env, port, data / "log" / "benchmark-serve.log"):
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            base = f"http://{HOST}:{port}"
            checked = check_correctness(session, base, cases)
            timings = measure(session, base, cases, args.runs, args.warmup)
    except BenchmarkError as error:
        print(f"benchmark: {error}", file=sys.stderr)
        return EXIT_FAILED
    report = make_report(args, database, cases, timings, checked)
    path = write_report(report, Path(args.results))
    print_report(report, path)
    if args.check_goals and not report["goals"]["met"]:
        return EXIT_GOALS_MISSED
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Faceted search: @facets against one stock @search per term."
    )
    parser.add_argument(
        "--scale", type=int, default=12000, help="publications (default 12000)"
    )
    parser.add_argument(
        "--runs", type=int, default=30, help="measured runs of each (default 30)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="unmeasured runs first (default 3)"
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
        default=str(BENCHMARKS / "results"),
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
        help=f"exit {EXIT_GOALS_MISSED} when a goal (median <= {GOAL_MEDIAN_MS} "
        f"ms, >= {GOAL_RATIO}x stock) is missed",
    )
    args = parser.parse_args(argv)
    if args.scale < 1 or args.runs < 1 or args.warmup < 0:
        parser.error("--scale and --runs must be at least 1, --warmup at least 0")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port must be a TCP port number (1-65535)")
    return args


def free_port():
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_is_free(port):
    """Whether nothing listens on the loopback port."""
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def server_environ(data, port):
    """The environment of the project's commands, for the benchmark instance.

    The benchmark database is always a FileStorage in ``data``: settings of
    another instance (SOCIALHUB_DSN, SITE_ID, ...) are left out. ADMIN_USER
    and ADMIN_PASSWORD pass through (default admin, admin).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SOCIALHUB_") and key not in ("PORT", "HOST", "SITE_ID")
    }
    env.update(SOCIALHUB_VAR=str(data), SITE_ID=SITE_ID, HOST=HOST, PORT=str(port))
    return env


# The database


def ensure_database(data, scale, seed, env, rebuild=False):
    """Reuse the benchmark database in ``data`` or build it; describe it."""
    storage = data / "filestorage" / "Data.fs"
    marker = read_marker(data)
    wanted = {
        "state": "complete",
        "version": VERSION,
        "scale": scale,
        "seed": seed,
        "site_id": SITE_ID,
    }
    if (
        marker
        and not rebuild
        and storage.exists()
        and all(marker.get(key) == value for key, value in wanted.items())
    ):
        print(f"Reusing the database of {scale} publications in {data}.")
        if marker.get("git_commit") != git_commit():
            print(
                f"  (built at commit {marker.get('git_commit')}: if the site's "
                "profiles changed since, use --rebuild)"
            )
        return describe_database(data, marker, reused=True)
    if marker is None and storage.exists():
        raise BenchmarkError(
            f"{data} holds a database that is not a benchmark database "
            f"(no {MARKER}); choose another --data folder"
        )
    if marker is not None:
        print(f"Rebuilding the benchmark database in {data}.")
        for folder in ("filestorage", "blobstorage"):
            shutil.rmtree(data / folder, ignore_errors=True)
    data.mkdir(parents=True, exist_ok=True)
    # Until generate.py marks it complete: a build that stops halfway is
    # rebuilt next time, not mistaken for someone else's database.
    write_marker(data, {"state": "building", "version": VERSION})
    print(f"Building a database of {scale} publications in {data} ...", flush=True)
    started = time.monotonic()
    build(
        [str(BIN / "socialhub"), "--no-demo", "create-site"],
        env,
        data / "benchmark-build.log",
    )
    build(
        [str(BIN / "python"), str(BENCHMARKS / "generate.py")]
        + ["--scale", str(scale), "--seed", str(seed)],
        env,
        data / "benchmark-build.log",
    )
    print(f"Built in {time.monotonic() - started:.0f} s.")
    return describe_database(data, read_marker(data), reused=False)


def build(command, env, log_path):
    """Run a build step; its progress on stdout, its log (stderr) in a file."""
    with open(log_path, "a") as log:
        try:
            result = subprocess.run(
                command,
                cwd=CHECKOUT,
                env=env,
                stdout=None,
                stderr=log,
                timeout=BUILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BenchmarkError(f"{command[-1]} took over {BUILD_TIMEOUT} s") from None
    if result.returncode:
        raise BenchmarkError(
            f"{' '.join(command)} failed ({result.returncode}):\n{tail(log_path)}"
        )


def describe_database(data, marker, reused):
    """What the result file says about the database."""
    if marker is None:
        raise BenchmarkError(f"the build left no {MARKER} in {data}")
    return {
        "reused": reused,
        "generation_seconds": marker["generation_seconds"],
        "size_bytes": (data / "filestorage" / "Data.fs").stat().st_size,
        "languages": marker["languages"],
        "seed": marker["seed"],
        "built_at_commit": marker.get("git_commit"),
    }


def tail(path, lines=30):
    """The last lines of a log file."""
    try:
        return "\n".join(Path(path).read_text().splitlines()[-lines:])
    except OSError:
        return ""


# The server


@contextmanager
def serving(env, port, log_path):
    """Run ``socialhub serve`` until the block ends, however it ends."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(BIN / "socialhub"), "--no-demo", "serve"],
            cwd=CHECKOUT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_serving(process, port, log_path)
            yield process
        finally:
            stop(process)


def wait_until_serving(process, port, log_path):
    """Return once the site answers; fail if the server exits or hangs."""
    url = f"http://{HOST}:{port}/{SITE_ID}/++api++/"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(
                f"the server stopped ({process.returncode}):\n{tail(log_path)}"
            )
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise BenchmarkError(
        f"the server did not answer within {SERVER_START_TIMEOUT} s:\n{tail(log_path)}"
    )


def stop(process):
    """Stop the server we started: Ctrl+C, then harder if it lingers."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            continue


# The requests


def taxonomy_tokens():
    """Every token of the measured taxonomies, from the project's data files."""
    from socialhub.taxonomy import data_file
    from socialhub.taxonomy import vdex

    return {
        name: [
            term.token
            for term, _ancestors in vdex.walk(vdex.read(data_file(name).read_bytes()))
        ]
        for name in FACETS
    }


def build_cases(tokens):
    """The two faceted pages measured: no filter, and a theme and a region."""
    return [
        make_case("unfiltered", {}, tokens),
        make_case("filtered", FILTERS, tokens),
    ]


def make_case(name, filters, tokens):
    """A case with its @facets request and the stock requests it replaces."""
    section = f"/{SITE_ID}/{LANGUAGE}"
    ours = [("portal_type", PORTAL_TYPE), ("b_size", str(BATCH_SIZE))]
    ours += [("facets", facet) for facet in FACETS]
    ours += [
        (taxonomy, token) for taxonomy, values in filters.items() for token in values
    ]
    case = Case(name, filters, ours=(f"{section}/@facets", ours))
    base = [("portal_type", PORTAL_TYPE), ("Language", LANGUAGE)]
    for facet in FACETS:
        others = stock_filters(filters, without=facet)
        for token in tokens[facet]:
            params = base + others + [(f"taxonomy_{facet}", token), ("b_size", "1")]
            case.stock.append((f"{section}/@search", params, (facet, token)))
    results = (
        base
        + stock_filters(filters)
        + [
            ("sort_on", "effective"),
            ("sort_order", "descending"),
            ("b_size", str(BATCH_SIZE)),
        ]
    )
    case.stock.append((f"{section}/@search", results, None))
    return case


def stock_filters(filters, without=None):
    """The filters as stock @search parameters: several tokens match any."""
    return [
        (f"taxonomy_{taxonomy}", token)
        for taxonomy, values in filters.items()
        if taxonomy != without
        for token in values
    ]


def get(session, base, path, params):
    """One GET; its JSON. Anything but 200 makes the run meaningless."""
    try:
        response = session.get(base + path, params=params, timeout=REQUEST_TIMEOUT)
    except requests.RequestException as error:
        raise BenchmarkError(f"GET {path} failed: {error}") from None
    if response.status_code != 200:
        raise BenchmarkError(
            f"GET {path} answered {response.status_code}: {response.text[:500]}"
        )
    return response


# Correctness


def check_correctness(session, base, cases):
    """Every count of @facets equals the stock items_total; so do the results.

    Returns how many numbers were compared.
    """
    compared = 0
    for case in cases:
        ours = get(session, base, *case.ours).json()
        counts = {facet: flatten(ours["facets"][facet]["terms"]) for facet in FACETS}
        wrong = []
        for path, params, term in case.stock:
            stock = get(session, base, path, params).json()
            if term is None:
                expected = (stock["items_total"], ids(stock))
                found = (ours["items_total"], ids(ours))
            else:
                facet, token = term
                expected = stock["items_total"]
                found = counts[facet].get(token, 0)
            compared += 1
            if expected != found:
                wrong.append(f"{term or 'results'}: @facets {found}, stock {expected}")
        if wrong:
            raise BenchmarkError(
                f"@facets disagrees with stock @search ({case.name}), "
                f"{len(wrong)} times:\n  " + "\n  ".join(wrong[:10])
            )
    print(f"Correct: {compared} counts and result batches equal stock @search.")
    return compared


def flatten(terms):
    """``{token: count}`` of a facet's term tree."""
    found = {}
    stack = list(terms)
    for _node in range(100_000):
        if not stack:
            break
        node = stack.pop()
        found[node["token"]] = node["count"]
        stack.extend(node["children"])
    return found


def ids(result):
    return [item["@id"] for item in result["items"]]


# Measuring


def measure(session, base, cases, runs, warmup):
    """Seconds per run and per stock request, by case.

    ``{case name: {"ours": [run], "stock": [run], "stock_requests": [request]}}``.
    Each side of each case is warmed up, then measured, on its own: the
    server's object cache then holds what that side reads, for both alike
    (interleaved, each evicts the other's; see README.md).
    """
    timings = {}
    for case in cases:
        ours = [case.ours]
        stock = [request[:2] for request in case.stock]
        timings[case.name] = {
            "ours": [sum(run) for run in repeat(session, base, ours, runs, warmup)],
            "stock_requests": [],
            "stock": [],
        }
        for run in repeat(session, base, stock, runs, warmup):
            timings[case.name]["stock"].append(sum(run))
            timings[case.name]["stock_requests"].extend(run)
        print(f"  {case.name}: {runs} runs of each measured", flush=True)
    return timings


def repeat(session, base, requests_, runs, warmup):
    """The timings of ``runs`` runs of the requests, after ``warmup`` runs."""
    for _warmup in range(warmup):
        timed(session, base, requests_)
    return [timed(session, base, requests_) for _run in range(runs)]


def timed(session, base, requests_):
    """Seconds to answer each request, one after the other (bodies read)."""
    seconds = []
    for path, params in requests_:
        started = time.perf_counter()
        get(session, base, path, params)
        seconds.append(time.perf_counter() - started)
    return seconds


# The report


def make_report(args, database, cases, timings, checked):
    """The result file's content."""
    results = {}
    for case in cases:
        ours = summary(timings[case.name]["ours"])
        stock = summary(timings[case.name]["stock"])
        stock["per_request"] = summary(timings[case.name]["stock_requests"])
        results[case.name] = {
            "filters": case.filters,
            "stock_requests": len(case.stock),
            "ours": ours,
            "stock": stock,
            "ratio": round(stock["median_ms"] / ours["median_ms"], 1),
        }
    worst = max(result["ours"]["median_ms"] for result in results.values())
    lowest = min(result["ratio"] for result in results.values())
    return {
        "benchmark": "facets",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "scale": args.scale,
        "runs": args.runs,
        "warmup": args.warmup,
        "facets": list(FACETS),
        "batch_size": BATCH_SIZE,
        "database": database,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "cases": results,
        "correctness": {"compared": checked, "ok": True},
        "goals": {
            "median_ms": GOAL_MEDIAN_MS,
            "ratio": GOAL_RATIO,
            "worst_median_ms": worst,
            "lowest_ratio": lowest,
            "median_met": worst <= GOAL_MEDIAN_MS,
            "ratio_met": lowest >= GOAL_RATIO,
            "met": worst <= GOAL_MEDIAN_MS and lowest >= GOAL_RATIO,
        },
    }


def summary(seconds):
    """Median, 95th percentile (nearest rank), min and max, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def describe_filters(filters):
    """``themes=social-assistance geography=002``, or ``no filter``."""
    if not filters:
        return "no filter"
    return " ".join(f"{name}={','.join(tokens)}" for name, tokens in filters.items())


def write_report(report, folder):
    """Write the report as ``facets-<timestamp>.json``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"facets-{stamp}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def print_report(report, path):
    """The table a human reads."""
    database = report["database"]
    print()
    print(
        f"Faceted search over {report['scale']} publications "
        f"({database['size_bytes'] / 2**20:.0f} MiB database), "
        f"{report['runs']} runs after {report['warmup']} warm-up runs, "
        f"facets {', '.join(report['facets'])}, batch {report['batch_size']}."
    )
    header = (
        f"{'case':<40} {'@facets median':>14} {'p95':>9} "
        f"{'stock median':>13} {'p95':>10} {'requests':>8}  ratio"
    )
    print(header)
    print("-" * len(header))
    for result in report["cases"].values():
        ours, stock = result["ours"], result["stock"]
        label = describe_filters(result["filters"])
        print(
            f"{label:<40} {ours['median_ms']:>11.1f} ms {ours['p95_ms']:>6.1f} ms "
            f"{stock['median_ms']:>10.1f} ms {stock['p95_ms']:>7.1f} ms "
            f"{result['stock_requests']:>8}  {result['ratio']:.1f}x faster"
        )
    goals = report["goals"]
    print(
        f"Goal median <= {goals['median_ms']} ms: "
        f"{'met' if goals['median_met'] else 'MISSED'} "
        f"(worst {goals['worst_median_ms']} ms); "
        f"goal >= {goals['ratio']}x stock: {'met' if goals['ratio_met'] else 'MISSED'} "
        f"(lowest {goals['lowest_ratio']}x)."
    )
    print(f"Results: {path}")


if __name__ == "__main__":
    sys.exit(main())
