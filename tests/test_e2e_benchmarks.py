"""The benchmarks run: a tiny smoke run, so they never rot unnoticed.

This proves that ``benchmarks/bench.py`` builds its database (both sites),
serves it, checks what it measures against stock Plone, drives wrk for reads
and concurrent writes, copies the database into PostgreSQL and writes through
two instances sharing it (RelStorage, SocialHub's scale-out path), times one
write of each side phase by phase in-process, and writes its result file. It
measures nothing worth reading: real figures come from ``make bench`` (see
benchmarks/README.md). The newcomer workload (a fresh clone and ``make
start``) is left out: it installs the whole stack once more.
"""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import END_TO_END
from tests.processes import environ
from tests.processes import free_port
from tests.processes import run

import contextlib
import io
import json
import sys
import tempfile
import unittest


BENCHMARK = CHECKOUT / "benchmarks" / "bench.py"
WORKLOADS = (
    "get",
    "classic",
    "listing",
    "facets",
    "writes",
    "shared-writes",
    "write-cost",
)
#: The types whose Classic UI page the ``classic`` workload measures.
CLASSIC_TYPES = (
    "Publication",
    "Actor",
    "Initiative",
    "Course",
    "Event",
    "CourseModule",
    "Section",
)
#: The rows measured in rounds, both sides in turns: get, classic, listing.
READ_ROWS = 5 + len(CLASSIC_TYPES) + 1
#: The workloads that compare requests per second, a row each.
RATED = WORKLOADS[:-1]


class TestBenchmarks(unittest.TestCase):
    """A smoke run of ``make bench``: 60 items, one second per side."""

    level = END_TO_END

    def test_smoke_run_writes_its_results(self):
        with tempfile.TemporaryDirectory() as tmp:
            data, results = Path(tmp) / "data", Path(tmp) / "results"
            command = [sys.executable, str(BENCHMARK), "--scale", "60"]
            command += ["--workloads", ",".join(WORKLOADS)]
            command += ["--seconds", "2", "--rounds", "2", "--write-seconds", "6"]
            command += ["--runs", "2", "--warmup", "0", "--cost-writes", "6"]
            command += ["--data", str(data), "--results", str(results)]
            command += ["--port", str(free_port())]
            result = run(command, env=environ(), timeout=600)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            (path,) = results.glob("bench-*.json")
            report = json.loads(path.read_text())
        self.assertIn("Correct: 650 counts", result.stdout)
        self.assertIn("8 concurrent writers", result.stdout)
        self.assertEqual(report["scale"], 60)
        self.assertEqual(
            sum(
                n
                for items in report["database"]["items"].values()
                for n in items.values()
            ),
            60,
        )
        self.assertEqual(list(report["results"]), list(WORKLOADS))
        rows = [row for name in RATED for row in report["results"][name]]
        self.assertEqual(
            [row["workload"] for row in rows],
            [
                "GET Publication",
                "GET Actor",
                "GET Initiative",
                "GET Course",
                "GET Event",
                *(f"page {portal_type}" for portal_type in CLASSIC_TYPES),
                "listing of 20 cards",
                "faceted page, unfiltered",
                "faceted page, filtered",
                "8 concurrent writers",
                "8 writers, stock taking turns",
                "8 writers, 2 instances",
            ],
        )
        for row in rows:
            self.assertGreater(row["ours"]["rps"], 0, row["workload"])
            self.assertGreater(row["stock"]["rps"], 0, row["workload"])
        # Reads are measured in rounds, both sides in turns; the ratio is
        # the median of the rounds' ratios.
        for row in rows[:READ_ROWS]:
            for side in ("ours", "stock"):
                self.assertEqual(len(row[side]["rounds_rps"]), 2, row["workload"])
            ratios = [
                ours / stock
                for ours, stock in zip(
                    row["ours"]["rounds_rps"], row["stock"]["rounds_rps"], strict=True
                )
            ]
            self.assertAlmostEqual(row["ratio"], sum(ratios) / 2, delta=0.01)
        # Each Classic UI page is its type's default view, themed, against
        # the stock Document's view.
        for row in report["results"]["classic"]:
            self.assertEqual(row["stock_view"], "document_view")
            self.assertTrue(row["view"], row["workload"])
        writes, stock_taking_turns = report["results"]["writes"]
        (shared,) = report["results"]["shared-writes"]
        # The reference row: stock's writers taking turns, and no goal.
        self.assertIsNone(stock_taking_turns["goal"])
        self.assertEqual(stock_taking_turns["ours"], writes["ours"])
        self.assertEqual(stock_taking_turns["stock"]["server_errors"], 0)
        self.assertEqual(set(stock_taking_turns["stock"]["statuses"]), {"201", "204"})
        self.assertIn("reference", result.stdout)
        for side in ("ours", "stock"):
            self.assertGreater(writes[side]["creates_acknowledged"], 0)
            self.assertEqual(writes[side]["missing"], 0)
            self.assertGreater(shared[side]["creates_acknowledged"], 0)
            self.assertEqual(shared[side]["missing"], 0)
            self.assertEqual(shared[side]["instances"], 2)
        self.assertIn("goals_met", report)
        self.assert_write_cost(report["results"]["write-cost"], result.stdout)

    def assert_write_cost(self, cost, stdout):
        """Each side's write is timed phase by phase, and the phases add up."""
        for side in ("ours", "stock"):
            figures = cost[side]
            self.assertEqual(figures["writes"], 6)
            self.assertEqual(list(figures["latency"]), ["post", "patch"])
            phases = figures["phases_ms_per_write"]
            self.assertEqual(
                list(phases),
                [
                    "deserialization (fields validated and set)",
                    "versioning (CMFEditions)",
                    "catalog indexing",
                    "response (the item serialized)",
                    "storing (pickling, writing, fsync)",
                    "the rest (publishing, security, creation, events)",
                ],
            )
            for phase, ms in phases.items():
                self.assertGreater(ms, 0, f"{side}: {phase}")
            self.assertAlmostEqual(
                sum(phases.values()), figures["ms_per_write"], delta=0.1
            )
        self.assertEqual(
            cost["goal_budget_ms"], round(cost["stock"]["ms_per_write"] / 2, 2)
        )
        self.assertIn("One write in-process, phase by phase", stdout)


if __name__ == "__main__":
    unittest.main()


class TestReportTable(unittest.TestCase):
    """The table ``make bench`` prints (a unit test: level 1)."""

    def setUp(self):
        sys.path.insert(0, str(CHECKOUT / "benchmarks"))
        self.addCleanup(sys.path.remove, str(CHECKOUT / "benchmarks"))
        import bench

        self.bench = bench

    def test_a_side_without_figures_prints_a_dash(self):
        # Stock answered nothing measurable (wrk timed out): no ratio.
        figures = {"rps": 12.5, "median_ms": 40.0, "p99_ms": 90.0}
        empty = {"rps": 0.0, "median_ms": None, "p99_ms": None}
        row = self.bench.compare("GET Publication", figures, empty, 1.0)
        self.assertIsNone(row["ratio"])
        self.assertFalse(row["met"])
        report = {
            "database": None,
            "results": {self.bench.WORKLOADS[0]: [row]},
            "goals_met": False,
        }
        table = io.StringIO()
        with contextlib.redirect_stdout(table):
            self.bench.print_report(report, "results.json")
        self.assertIn(
            "GET Publication                        12.5   40.0ms   90.0ms  "
            "     0.0      -ms      -ms      -x  >=1.0x MISSED",
            table.getvalue(),
        )
