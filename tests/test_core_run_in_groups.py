"""The script behind `make test` and `make check`: groups side by side."""

from tests import run_in_groups

import contextlib
import io
import shlex
import sys
import unittest


def group(code):
    """A group whose "test runner" is Python running ``code``."""
    return shlex.join(["-c", code])


class TestRunInGroups(unittest.TestCase):
    def run_groups(self, *groups):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            status = run_in_groups.main(
                [sys.executable, *(f"--group={g}" for g in groups)]
            )
        return status, output.getvalue()

    def test_every_group_passed(self):
        status, output = self.run_groups(
            group("print('Total: 3 tests, 0 failures, 0 errors and 0 skipped')"),
            group("print('  Ran 2 tests with 0 failures, 0 errors and 0 skipped')"),
        )
        self.assertEqual(status, 0)
        self.assertIn(
            "group 1 (exit 0): Total: 3 tests, 0 failures, 0 errors and 0 skipped",
            output,
        )
        self.assertIn(
            "group 2 (exit 0): Ran 2 tests with 0 failures, 0 errors and 0 skipped",
            output,
        )

    def test_one_failing_group_fails_the_run(self):
        status, output = self.run_groups(
            group("print('Total: 3 tests, 0 failures, 0 errors and 0 skipped')"),
            group("import sys; print('Total: 1 tests, 1 failures'); sys.exit(1)"),
        )
        self.assertEqual(status, 1)
        self.assertIn("group 2 (exit 1): Total: 1 tests, 1 failures", output)

    def test_a_group_that_ran_nothing_fails_the_run(self):
        status, output = self.run_groups(group("pass"))
        self.assertEqual(status, 1)
        self.assertIn("group 1 (exit 0): no test ran", output)

    def test_output_of_each_group_printed_whole_in_order(self):
        status, output = self.run_groups(
            group("import time; time.sleep(0.3); print('first\\nTotal: 1 tests')"),
            group("print('second\\nTotal: 1 tests')"),
        )
        self.assertEqual(status, 0)
        self.assertLess(output.index("first"), output.index("second"))
