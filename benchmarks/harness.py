"""What every benchmark needs: the database, the server, timings and the report.

The database is built once per scale and seed (``generate.py``) and kept
pristine; each run serves a fresh copy of it, so every run starts from the
same data, whatever the previous one wrote.
"""

from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from generate import git_commit
from generate import MARKER
from generate import read_marker
from generate import VERSION
from generate import write_marker
from pathlib import Path

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
SERVER_START_TIMEOUT = 300
SERVER_STOP_TIMEOUT = 30
BUILD_TIMEOUT = 4 * 3600


class BenchmarkError(Exception):
    """Something that makes the measurement meaningless: stop, exit 1."""


def free_port():
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_is_free(port):
    """Whether nothing listens on the loopback port."""
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def server_environ(var, port):
    """The environment of the project's commands, for a benchmark instance.

    The benchmark database is always a FileStorage in ``var``: settings of
    another instance (SOCIALHUB_DSN, SITE_ID, ...) are left out. ADMIN_USER
    and ADMIN_PASSWORD pass through (default admin, admin).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SOCIALHUB_") and key not in ("PORT", "HOST", "SITE_ID")
    }
    env.update(SOCIALHUB_VAR=str(var), SITE_ID=SITE_ID, HOST=HOST, PORT=str(port))
    return env


def admin_credentials():
    """The benchmark sites' Zope admin, as ``socialhub`` creates it."""
    return (
        os.environ.get("ADMIN_USER", "admin"),
        os.environ.get("ADMIN_PASSWORD", "admin"),
    )


# The database


def ensure_database(data, scale, seed, rebuild=False):
    """Reuse the pristine benchmark database in ``data`` or build it; describe it."""
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
        print(f"Reusing the database of {scale} items in {data}.")
        if marker.get("git_commit") != git_commit():
            print(
                f"  (built at commit {marker.get('git_commit')}: if the site's "
                "profiles or indexes changed since, use --rebuild)"
            )
        return describe_database(data, marker, reused=True)
    if marker is None and storage.exists():
        raise BenchmarkError(
            f"{data} holds a database that is not a benchmark database "
            f"(no {MARKER}); choose another --data folder"
        )
    if marker is not None:
        print(f"Rebuilding the benchmark database in {data}.")
        for folder in ("filestorage", "blobstorage", "run"):
            shutil.rmtree(data / folder, ignore_errors=True)
    data.mkdir(parents=True, exist_ok=True)
    # Until generate.py marks it complete: a build that stops halfway is
    # rebuilt next time, not mistaken for someone else's database.
    write_marker(data, {"state": "building", "version": VERSION})
    print(f"Building a database of {scale} items in {data} ...", flush=True)
    env = server_environ(data, free_port())
    log = data / "benchmark-build.log"
    started = time.monotonic()
    build([str(BIN / "socialhub"), "--no-demo", "create-site"], env, log)
    build(
        [str(BIN / "python"), str(BENCHMARKS / "generate.py")]
        + ["--scale", str(scale), "--seed", str(seed)],
        env,
        log,
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
        "items": marker["items"],
        "seed": marker["seed"],
        "built_at_commit": marker.get("git_commit"),
    }


def working_copy(data):
    """A fresh copy of the pristine database in ``data/run``; its folder."""
    run = data / "run"
    shutil.rmtree(run, ignore_errors=True)
    (run / "filestorage").mkdir(parents=True)
    for name in ("Data.fs", "Data.fs.index"):
        if (data / "filestorage" / name).exists():
            shutil.copy2(data / "filestorage" / name, run / "filestorage" / name)
    if (data / "blobstorage").exists():
        shutil.copytree(data / "blobstorage", run / "blobstorage")
    return run


def tail(path, lines=30):
    """The last lines of a log file."""
    try:
        return "\n".join(Path(path).read_text().splitlines()[-lines:])
    except OSError:
        return ""


# The server


@contextmanager
def serving(
    env, port, log_path, command=None, cwd=CHECKOUT, timeout=SERVER_START_TIMEOUT
):
    """Run ``socialhub serve`` (or ``command``) until the block ends, however it ends.

    Yields the seconds it took until the site answered.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            command or [str(BIN / "socialhub"), "--no-demo", "serve"],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_serving(process, port, log_path, timeout)
            yield time.monotonic() - started
        finally:
            stop(process)
            wait_until_free(port)


def wait_until_serving(process, port, log_path, timeout=SERVER_START_TIMEOUT):
    """Return once the site answers; fail if the server exits or hangs."""
    url = f"http://{HOST}:{port}/{SITE_ID}/++api++/"
    deadline = time.monotonic() + timeout
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
        time.sleep(0.2)
    raise BenchmarkError(
        f"the server did not answer within {timeout} s:\n{tail(log_path)}"
    )


def wait_until_free(port, timeout=SERVER_STOP_TIMEOUT):
    """Wait until nothing listens on ``port``.

    ``make start`` may exit before the server it started has closed its
    socket: the next server measured must not be mistaken for the old one.
    """
    deadline = time.monotonic() + timeout
    while not port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.2)


def stop(process):
    """Stop a server we started: Ctrl+C, then harder if it lingers."""
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


# Figures and the report


def summary(seconds):
    """Median, 99th percentile (nearest rank), min and max, in milliseconds."""
    ordered = sorted(seconds)
    p99 = ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(p99 * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def machine():
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def write_report(report, folder, name):
    """Write ``report`` as ``<name>-<UTC timestamp>.json`` in ``folder``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{name}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def timestamp():
    return datetime.now(UTC).isoformat(timespec="seconds")
