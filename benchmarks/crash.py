"""Crash safety: no write the server acknowledged is ever lost.

Rounds of concurrent REST writers against the real server (``socialhub
serve``), each ended by a crash at a random moment mid-write, then a check
that every write the server answered 2xx is there::

    .venv/bin/python benchmarks/crash.py                    # 30 rounds of each mode
    .venv/bin/python benchmarks/crash.py --rounds 5 --modes filestorage

Modes (``--modes``, default all):

- ``filestorage``: the server is SIGKILLed mid-write and started again on
  the same FileStorage; the restart must succeed, every acknowledged write
  be there, and ``fstest`` find the file consistent;
- ``relstorage-kill``: the same with the database in PostgreSQL (RelStorage,
  a throwaway server of ``postgres.py``);
- ``relstorage-pg-restart``: the instance keeps running while PostgreSQL is
  restarted in ``immediate`` mode (a crash: connections cut, recovery from
  the write-ahead log) under the writers' load.

The writers (``--writers``, default 8 threads, as admin) create Publications
with a client-chosen id and a unique title (three in four requests) and edit
the description of one they created. A request that got no answer, or a
5xx, is sent again, unchanged, until it gets one: creations are idempotent
because the id is the client's (a retried creation answered 4xx because the
first attempt had created the item counts as acknowledged once the item is
found with its title), edits because they set a value. After a crash the
writers stop; their requests in flight are retried once the server is back.

Each round's acknowledged writes are read back one by one (an item must
exist; its description must be the last acknowledged edit or one sent
later); at the end every round's writes are read once more. A table per
mode: rounds, acknowledged, found, lost (the goal: 0), failed starts. Each
mode starts on a new, empty database (in ``--var``; for RelStorage, a new
PostgreSQL database): the first start of ``socialhub --no-demo serve``
creates the site, as ``make start`` does. Exit status 0 when nothing was
lost, no start failed for good and fstest passed; 1 otherwise.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import argparse
import harness
import os
import postgres
import random
import requests
import shutil
import signal
import subprocess
import sys
import threading
import time


MODES = ("filestorage", "relstorage-kill", "relstorage-pg-restart")
SECTION = f"/{harness.SITE_ID}/en/publications"
#: How often a server that did not come up is started again before the
#: round gives up (each failed try counts as a failed start).
START_TRIES = 3
#: A request is retried this long after its first attempt, at most.
RETRY_SECONDS = 120
REQUEST_TIMEOUT = 60
EXIT_LOST = 1


@dataclass
class Writes:
    """What the writers of a round were told, and what they could not learn."""

    created: dict = field(default_factory=dict)  # id -> title
    edited: dict = field(default_factory=dict)  # id -> last acknowledged description
    later: dict = field(default_factory=dict)  # id -> {descriptions sent after it}
    errors: int = 0  # answers 5xx or none
    retried_creations_found: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def acknowledged(self):
        return len(self.created) + len(self.edited)


@dataclass
class Figures:
    """The counts of one mode."""

    rounds: int = 0
    acknowledged: int = 0
    found: int = 0
    lost: int = 0
    failed_starts: int = 0
    errors: int = 0
    fstest_failures: int = 0
    retried_creations_found: int = 0
    lost_writes: list = field(default_factory=list)


class Writer(threading.Thread):
    """One writer: creations and edits until told to stop, each answered."""

    def __init__(self, number, round_number, base, writes, stop, rng):
        super().__init__(name=f"writer-{number}", daemon=True)
        self.number = number
        self.round_number = round_number
        self.base = base
        self.writes = writes
        self.stop = stop
        self.rng = rng
        self.session = requests.Session()
        self.session.auth = harness.admin_credentials()
        self.session.headers.update(
            {"Accept": "application/json", "Content-Type": "application/json"}
        )
        self.mine = []
        self.pending = None  # the request sent last, still without an answer

    def run(self):
        count = 0
        while not self.stop.is_set():
            if self.pending is None:
                count += 1
                self.pending = self.next_write(count)
            self.attempt()

    def next_write(self, count):
        if self.mine and self.rng.random() < 0.25:
            item_id = self.rng.choice(self.mine)
            description = f"edit {count} by writer {self.number}"
            return ("edit", item_id, description)
        item_id = f"crash-{self.round_number}-{self.number}-{count}"
        return ("create", item_id, f"Crash round {self.round_number} {item_id}")

    def attempt(self):
        """Send the pending write once; forget it once it got an answer."""
        kind, item_id, value = self.pending
        try:
            if kind == "create":
                response = self.session.post(
                    self.base + SECTION,
                    json={"@type": "Publication", "id": item_id, "title": value},
                    timeout=REQUEST_TIMEOUT,
                )
            else:
                with self.writes.lock:
                    self.writes.later.setdefault(item_id, set()).add(value)
                response = self.session.patch(
                    f"{self.base}{SECTION}/{item_id}",
                    json={"description": value},
                    timeout=REQUEST_TIMEOUT,
                )
        except requests.RequestException:
            with self.writes.lock:
                self.writes.errors += 1
            time.sleep(0.2)
            return
        if response.status_code >= 500:
            with self.writes.lock:
                self.writes.errors += 1
            time.sleep(0.2)
            return
        self.settle(kind, item_id, value, response)

    def settle(self, kind, item_id, value, response):
        self.pending = None
        if kind == "create":
            if response.status_code < 300:
                acknowledged = True
            else:
                # Answered 4xx on a retry: an earlier attempt created it.
                acknowledged = self.title_of(item_id) == value
                if acknowledged:
                    with self.writes.lock:
                        self.writes.retried_creations_found += 1
            if acknowledged:
                self.mine.append(item_id)
                with self.writes.lock:
                    self.writes.created[item_id] = value
        elif response.status_code < 300:
            with self.writes.lock:
                self.writes.edited[item_id] = value
                self.writes.later[item_id].discard(value)

    def title_of(self, item_id):
        try:
            response = self.session.get(
                f"{self.base}{SECTION}/{item_id}", timeout=REQUEST_TIMEOUT
            )
        except requests.RequestException:
            return None
        return response.json().get("title") if response.status_code == 200 else None

    def finish(self):
        """Retry the write in flight until it gets an answer (after a crash)."""
        deadline = time.monotonic() + RETRY_SECONDS
        while self.pending is not None and time.monotonic() < deadline:
            self.attempt()


def check(base, writes, figures):
    """Read back every acknowledged write; count found and lost."""
    session = requests.Session()
    session.auth = harness.admin_credentials()
    session.headers["Accept"] = "application/json"
    for item_id, title in sorted(writes.created.items()):
        response = session.get(f"{base}{SECTION}/{item_id}", timeout=REQUEST_TIMEOUT)
        data = response.json() if response.status_code == 200 else {}
        wanted = writes.edited.get(item_id)
        allowed = {wanted, *writes.later.get(item_id, ())}
        if data.get("title") != title:
            figures.lost += 1 + (wanted is not None)
            figures.lost_writes.append({"id": item_id, "status": response.status_code})
            continue
        figures.found += 1
        if wanted is not None:
            if data.get("description") in allowed:
                figures.found += 1
            else:
                figures.lost += 1
                figures.lost_writes.append(
                    {"id": item_id, "edit": wanted, "found": data.get("description")}
                )


def fstest(var):
    """Whether ZODB's fstest finds the FileStorage consistent; its output."""
    result = subprocess.run(
        [str(harness.BIN / "python"), "-m", "ZODB.scripts.fstest"]
        + [str(var / "filestorage" / "Data.fs")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


class Instance:
    """A ``socialhub serve`` we start, SIGKILL and start again."""

    def __init__(self, env, port, log_path):
        self.env = env
        self.port = port
        self.log_path = log_path
        self.process = None
        self.base = f"http://{harness.HOST}:{port}"

    def start(self, figures):
        """Start the server; count and retry failed starts."""
        for _try in range(START_TRIES):
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "a") as log:
                self.process = subprocess.Popen(
                    [str(harness.BIN / "socialhub"), "--no-demo", "serve"],
                    cwd=harness.CHECKOUT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                harness.wait_until_serving(self.process, self.port, self.log_path)
                return
            except harness.BenchmarkError as error:
                figures.failed_starts += 1
                print(f"  a start failed: {str(error).splitlines()[0]}")
                self.kill()
        raise harness.BenchmarkError(
            f"the server did not start in {START_TRIES} tries:\n"
            f"{harness.tail(self.log_path)}"
        )

    def kill(self):
        """SIGKILL the server's whole process group, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        harness.wait_until_free(self.port)

    def stop(self):
        if self.process is not None:
            harness.stop(self.process)
            harness.wait_until_free(self.port)


def run_round(number, instance, args, rng, figures, crash, keep_writing=False):
    """Writers write; ``crash`` strikes at a random moment; writes are checked.

    With ``keep_writing``, the writers go on for ``--min-seconds`` after the
    crash (the instance lives on: its database server crashed).
    """
    writes = Writes()
    stop = threading.Event()
    writers = [
        Writer(n, number, instance.base, writes, stop, random.Random(rng.random()))
        for n in range(1, args.writers + 1)
    ]
    for writer in writers:
        writer.start()
    time.sleep(rng.uniform(args.min_seconds, args.max_seconds))
    crash()
    if keep_writing:
        time.sleep(args.min_seconds)
    stop.set()
    for writer in writers:
        writer.join(timeout=REQUEST_TIMEOUT + 5)
    if instance.process is None or instance.process.poll() is not None:
        instance.start(figures)
    for writer in writers:
        writer.finish()
    check(instance.base, writes, figures)
    figures.rounds += 1
    figures.acknowledged += writes.acknowledged
    figures.errors += writes.errors
    figures.retried_creations_found += writes.retried_creations_found
    return writes


def run_mode(mode, args, rng):
    """The rounds of one mode, on a new site; its figures."""
    figures = Figures()
    var = Path(args.var).resolve() / mode
    shutil.rmtree(var, ignore_errors=True)
    port = harness.free_port()
    env = harness.server_environ(var, port)
    with storage(mode, env) as cluster:
        instance = Instance(env, port, var / "log" / "crash-serve.log")
        pg_restart = mode == "relstorage-pg-restart"
        crash = cluster.restart if pg_restart else instance.kill
        print(f"{mode}: creating the site and serving it ...")
        instance.start(figures)
        rounds = []
        try:
            for number in range(1, args.rounds + 1):
                writes = run_round(
                    number, instance, args, rng, figures, crash, pg_restart
                )
                rounds.append(writes)
                if mode == "filestorage":
                    consistent, output = fstest(var)
                    if not consistent:
                        figures.fstest_failures += 1
                        print(f"  fstest failed after round {number}:\n{output}")
                print(
                    f"  round {number}: {writes.acknowledged} writes acknowledged, "
                    f"{figures.lost} lost so far"
                )
            # Every round's writes once more: no later crash lost them.
            final = Figures()
            for writes in rounds:
                check(instance.base, writes, final)
            figures.lost += final.lost
            figures.lost_writes += final.lost_writes
        finally:
            instance.stop()
    return figures


@contextmanager
def storage(mode, env):
    """Nothing for FileStorage; for RelStorage, a PostgreSQL server with an
    empty database, the instance's ``SOCIALHUB_DSN`` (the cluster is yielded).

    Either way the first start of ``socialhub serve`` creates the site, as
    ``make start`` does on a new database (without demo content).
    """
    if mode == "filestorage":
        yield None
        return
    with postgres.postgresql(harness.free_port()) as cluster:
        cluster.run_sql("CREATE DATABASE crash")
        env["SOCIALHUB_DSN"] = cluster.dsn("crash")
        yield cluster


def print_tables(results):
    columns = ("mode", "rounds", "acknowledged", "found", "lost", "failed starts")
    columns += ("5xx or no answer", "fstest failures")
    rows = [columns]
    for mode, figures in results.items():
        rows.append(
            (
                mode,
                figures.rounds,
                figures.acknowledged,
                figures.found,
                figures.lost,
                figures.failed_starts,
                figures.errors,
                figures.fstest_failures if mode == "filestorage" else "-",
            )
        )
    rows = [tuple(map(str, row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    for index, row in enumerate(rows):
        print(
            "  ".join(
                cell.ljust(width) if column == 0 else cell.rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )
        if index == 0:
            print("-" * (sum(widths) + 2 * (len(widths) - 1)))


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Crash rounds: concurrent REST writers, a crash, every "
        "acknowledged write checked."
    )
    parser.add_argument("--rounds", type=int, default=30, help="rounds per mode")
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        type=lambda text: [mode for mode in text.split(",") if mode],
        help=f"comma-separated, of {', '.join(MODES)} (default: all)",
    )
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument(
        "--min-seconds",
        type=float,
        default=1.0,
        help="the crash strikes between --min-seconds and --max-seconds of writes",
    )
    parser.add_argument("--max-seconds", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--var",
        default=str(harness.CHECKOUT / "instance/var/crash"),
        help="where each mode's database and log go (default: instance/var/crash)",
    )
    parser.add_argument(
        "--results",
        default=str(harness.BENCHMARKS / "results"),
        help="where crash-<timestamp>.json goes",
    )
    args = parser.parse_args(argv)
    unknown = set(args.modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")
    if not 0 < args.min_seconds <= args.max_seconds:
        parser.error("0 < --min-seconds <= --max-seconds")
    return args


def main(argv=None):
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    rng = random.Random(args.seed)
    try:
        if any(mode.startswith("relstorage") for mode in args.modes):
            postgres.server_binaries()  # fail early when PostgreSQL is missing
        results = {}
        for mode in args.modes:
            print(f"{mode}: {args.rounds} rounds of {args.writers} writers")
            results[mode] = run_mode(mode, args, rng)
    except KeyboardInterrupt:
        print("crash: interrupted", file=sys.stderr)
        return 130
    except harness.BenchmarkError as error:
        print(f"crash: {error}", file=sys.stderr)
        return 1
    print()
    print_tables(results)
    report = {
        "timestamp": harness.timestamp(),
        "machine": harness.machine(),
        "arguments": dict(vars(args)),
        "results": {mode: vars(figures) for mode, figures in results.items()},
    }
    path = harness.write_report(report, Path(args.results), "crash")
    print(f"\nResults: {path}")
    failed = any(
        figures.lost or figures.fstest_failures for figures in results.values()
    )
    return EXIT_LOST if failed else 0


if __name__ == "__main__":
    sys.exit(main())
