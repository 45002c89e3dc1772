"""Run the test suite as a few zope-testrunner processes side by side.

``zope-testrunner -j N`` runs every layer in a subprocess of its own, so each
of SocialHub's twenty-odd layers starts Zope and builds a Plone site again:
on a 2-core machine that costs more than it saves. This script starts one
zope-testrunner per *group* of layers instead, each group sharing its fixtures
as a single run does, and waits for all of them::

    python tests/run_in_groups.py .venv/bin/zope-testrunner \\
        --group "--layer SocialHubLayer:Functional" \\
        --group "--layer !SocialHubLayer:Functional" \\
        -- --path=. -s tests

Everything after ``--`` is given to every group. Each group's output is
printed whole when the group ends (nothing interleaves), then one line per
group with its totals. The exit status is 0 only when every group passed and
ran at least one test.
"""

from pathlib import Path

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time


TOTAL = re.compile(r"^Total: .*$|^  Ran \d+ tests .*$", re.MULTILINE)


def parse_arguments(argv):
    """Split ``argv`` into the runner, the groups and the common arguments."""
    if "--" in argv:
        at = argv.index("--")
        own, common = argv[:at], argv[at + 1 :]
    else:
        own, common = argv, []
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runner", help="the zope-testrunner script")
    parser.add_argument(
        "--group",
        action="append",
        required=True,
        help="the arguments of one group, as one shell-quoted string",
    )
    arguments = parser.parse_args(own)
    return arguments.runner, [shlex.split(group) for group in arguments.group], common


def run_groups(runner, groups, common):
    """Start every group, wait for all, print their output; return the status."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="socialhub-tests-") as logs:
        processes = []
        for number, group in enumerate(groups, start=1):
            log = Path(logs) / f"group-{number}.log"
            command = [runner, *common, *group]
            # The log is handed to the child; this process keeps no handle open.
            with log.open("wb") as output:
                process = subprocess.Popen(
                    command, stdout=output, stderr=subprocess.STDOUT, env=os.environ
                )
            processes.append((number, group, log, process))
        summaries = []
        status = 0
        for number, group, log, process in processes:
            returncode = process.wait()
            text = log.read_text(encoding="utf-8", errors="replace")
            print(f"\n===== group {number}: {shlex.join(group)} =====", flush=True)
            sys.stdout.write(text)
            totals = TOTAL.findall(text)
            summary = totals[-1].strip() if totals else "no test ran"
            if returncode or not totals:
                status = 1
            summaries.append(f"group {number} (exit {returncode}): {summary}")
    print("\n===== groups =====")
    for summary in summaries:
        print(summary)
    print(f"All groups ended in {time.monotonic() - started:.0f} seconds.")
    return status


def main(argv=None):
    """The command line entry point."""
    runner, groups, common = parse_arguments(sys.argv[1:] if argv is None else argv)
    return run_groups(runner, groups, common)


if __name__ == "__main__":
    sys.exit(main())
