"""The crash rounds run: two rounds on FileStorage, so they never rot unnoticed.

``benchmarks/crash.py`` (``make crash``, run by ``make fuzz``) starts the
real server on a new database, lets concurrent REST writers write, SIGKILLs
the server mid-write, starts it again and reads back every write it
acknowledged, then checks the FileStorage with ZODB's fstest. This smoke
run proves that it does so and that nothing is lost; the 30 rounds of every
mode, RelStorage ones included, are for ``make fuzz`` (benchmarks/README.md).
"""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import END_TO_END
from tests.processes import environ
from tests.processes import run

import json
import sys
import tempfile
import unittest


CRASH = CHECKOUT / "benchmarks" / "crash.py"


class TestCrashRounds(unittest.TestCase):
    level = END_TO_END

    def test_two_rounds_lose_no_acknowledged_write(self):
        with tempfile.TemporaryDirectory() as tmp:
            command = [sys.executable, str(CRASH), "--rounds", "2"]
            command += ["--modes", "filestorage", "--writers", "4"]
            command += ["--min-seconds", "1", "--max-seconds", "2"]
            command += ["--var", str(Path(tmp) / "var")]
            command += ["--results", str(Path(tmp) / "results")]
            result = run(command, env=environ(), timeout=600)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            (path,) = (Path(tmp) / "results").glob("crash-*.json")
            report = json.loads(path.read_text())
        figures = report["results"]["filestorage"]
        self.assertEqual(figures["rounds"], 2)
        self.assertGreater(figures["acknowledged"], 0)
        self.assertEqual(figures["found"], figures["acknowledged"])
        self.assertEqual(figures["lost"], 0)
        self.assertEqual(figures["lost_writes"], [])
        self.assertEqual(figures["failed_starts"], 0)
        self.assertEqual(figures["fstest_failures"], 0)
        # Each round's crash cut some writes off: they got no answer.
        self.assertGreater(figures["errors"], 0)
        self.assertRegex(
            result.stdout,
            r"filestorage\s+2\s+(\d+)\s+\1\s+0\s+0\s+\d+\s+0\n",
        )


if __name__ == "__main__":
    unittest.main()
