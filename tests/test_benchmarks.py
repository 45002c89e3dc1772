"""The benchmarks run: a tiny smoke run, so they never rot unnoticed.

This proves that ``benchmarks/facets.py`` builds its database, serves it,
checks its counts against stock Plone and writes its result file. It measures
nothing worth reading: real figures come from ``make bench`` (see
benchmarks/README.md).
"""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import environ
from tests.processes import free_port
from tests.processes import run

import json
import sys
import tempfile
import unittest


FACETS_BENCHMARK = CHECKOUT / "benchmarks" / "facets.py"


class TestFacetsBenchmark(unittest.TestCase):
    """A smoke run of the faceted search benchmark: 200 items, 3 runs."""

    def test_smoke_run_writes_its_results(self):
        with tempfile.TemporaryDirectory() as tmp:
            data, results = Path(tmp) / "data", Path(tmp) / "results"
            command = [sys.executable, str(FACETS_BENCHMARK)]
            command += ["--scale", "200", "--runs", "3", "--warmup", "1"]
            command += ["--data", str(data), "--results", str(results)]
            command += ["--port", str(free_port())]
            result = run(command, env=environ(), timeout=300)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("Correct:", result.stdout)
            self.assertIn("x faster", result.stdout)
            (path,) = results.glob("facets-*.json")
            report = json.loads(path.read_text())
        self.assertEqual(report["scale"], 200)
        self.assertEqual(report["runs"], 3)
        self.assertLessEqual(
            {"benchmark", "git_commit", "database", "cases", "correctness", "goals"},
            set(report),
        )
        self.assertEqual(set(report["cases"]), {"unfiltered", "filtered"})
        for case in report["cases"].values():
            self.assertLessEqual({"median_ms", "p95_ms"}, set(case["ours"]))
            self.assertLessEqual({"median_ms", "p95_ms"}, set(case["stock"]))
            self.assertGreater(case["ratio"], 0)
        self.assertTrue(report["correctness"]["ok"])
        self.assertEqual(sum(report["database"]["languages"].values()), 200)
        self.assertIn("met", report["goals"])


if __name__ == "__main__":
    unittest.main()
