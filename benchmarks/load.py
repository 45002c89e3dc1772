"""Drive HTTP load with wrk (Debian's package ``wrk``) and read what it measured.

wrk runs the Lua scripts of ``benchmarks/wrk``: ``report.lua`` counts the
answers by status and prints wrk's figures as JSON; ``writes.lua`` adds
concurrent writers that record what the server acknowledged.
"""

from dataclasses import dataclass
from harness import BenchmarkError
from harness import BENCHMARKS

import json
import os
import shutil
import subprocess


SCRIPTS = BENCHMARKS / "wrk"
PREFIX = "BENCHMARK "
#: What a REST client asks for.
JSON = ("Accept: application/json",)
#: wrk's own default is 2 s: a slow answer must count as slow, not as lost.
TIMEOUT = "120s"


def wrk_command():
    """wrk's path; a clear error when it is missing."""
    path = shutil.which("wrk")
    if path is None:
        raise BenchmarkError(
            "wrk is not installed: run benchmarks/install-wrk (make bench does)"
        )
    return path


def warm_up(url, *, connections, seconds=2, headers=JSON):
    """Load ``url`` for ``seconds`` without measuring.

    The warm-up fills the server's caches (ZODB objects, catalog, compiled
    vocabularies) for what is measured next, for both sides alike.
    """
    run(url, seconds=seconds, connections=connections, headers=headers)


def run(url, **options):
    """Load ``url`` for ``seconds``; wrk's figures.

    Returns ``{"requests", "seconds", "rps", "median_ms", "p99_ms", "mean_ms",
    "max_ms", "statuses": {code: count}, "errors": {...}}`` plus what the
    script adds (``created``, ``edited`` for writes.lua). The options are
    :func:`start`'s.
    """
    return finish(start(url, **options))


def start(
    url,
    *,
    seconds,
    connections,
    threads=None,
    script="report.lua",
    env=None,
    headers=JSON,
):
    """Start wrk on ``url`` in the background; :func:`finish` reads its figures."""
    command = [wrk_command(), "--latency", "--timeout", TIMEOUT]
    command += ["-d", f"{seconds}s", "-c", str(connections)]
    command += ["-t", str(threads or min(connections, 2))]
    command += ["-s", str(SCRIPTS / script)]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return Running(process, url, seconds)


@dataclass
class Running:
    """A wrk started by :func:`start`."""

    process: subprocess.Popen
    url: str
    seconds: int


def finish(running):
    """Wait for a wrk started by :func:`start`; its figures."""
    process = running.process
    try:
        stdout, stderr = process.communicate(timeout=running.seconds + 180)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    lines = [line for line in stdout.splitlines() if line.startswith(PREFIX)]
    if process.returncode or not lines:
        raise BenchmarkError(
            f"wrk failed ({process.returncode}) on {running.url}:\n"
            f"{stdout[-2000:]}{stderr[-2000:]}"
        )
    return figures(json.loads(lines[-1][len(PREFIX) :]))


def figures(measured):
    """wrk's JSON in milliseconds and requests per second."""
    seconds = measured.pop("duration_us") / 1e6
    latency = measured.pop("latency_us")
    # Lua's empty table (no answer at all) comes as a JSON list.
    statuses = measured.pop("statuses") or {}
    statuses = {int(code): count for code, count in statuses.items()}
    return {
        **measured,
        "seconds": round(seconds, 2),
        "rps": round(measured["requests"] / seconds, 1),
        "median_ms": round(latency["p50"] / 1000, 1),
        "p99_ms": round(latency["p99"] / 1000, 1),
        "mean_ms": round(latency["mean"] / 1000, 1),
        "max_ms": round(latency["max"] / 1000, 1),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for code, n in statuses.items() if code >= 500),
    }
