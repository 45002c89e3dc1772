"""Property-based fuzzing of every endpoint a frontend uses (issue #16).

One test per row of ``tests.fuzzing.ENDPOINTS``: hypothesis draws
``SOCIALHUB_FUZZ_EXAMPLES`` requests (default 300; ``make fuzz``: 10,000)
from the endpoint's documented parameters and the types' schemas, as
Anonymous, a Member and a Manager, seeded (``SOCIALHUB_FUZZ_SEED``) so that
every run draws the same; tests/fuzzrun.py sends each over HTTP and checks
it. A test fails with every distinct failure it found, each with a curl
command that reproduces it. With ``SOCIALHUB_FUZZ_REPORT`` set (``make
fuzz`` sets it), the table of every endpoint so far and all failures are
written to that file after each test (see benchmarks/README.md).
"""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import seed
from hypothesis import settings
from pathlib import Path
from socialhub.testing import SOCIALHUB_FUZZ_FUNCTIONAL_TESTING
from tests.fuzzing import ENDPOINTS
from tests.fuzzreport import table
from tests.fuzzrequests import requests_for
from tests.fuzzrun import Fuzzer
from tests.fuzzrun import read_site
from tests.fuzzrun import sessions

import os
import re
import unittest


EXAMPLES = int(os.environ.get("SOCIALHUB_FUZZ_EXAMPLES", "300"))
SEED = int(os.environ.get("SOCIALHUB_FUZZ_SEED", "16"))
REPORT = os.environ.get("SOCIALHUB_FUZZ_REPORT", "")
#: How many distinct failures a failing test shows in full.
SHOWN = int(os.environ.get("SOCIALHUB_FUZZ_SHOWN", "5"))


class TestFuzz(unittest.TestCase):
    layer = SOCIALHUB_FUZZ_FUNCTIONAL_TESTING
    site = None  # what the strategies draw from: the same in every test
    reports = {}  # endpoint name -> its failures, for the report file

    def fuzz(self, endpoint):
        if TestFuzz.site is None:
            TestFuzz.site = read_site(self.layer, sessions()["Manager"])
        fuzzer = Fuzzer(self.layer, TestFuzz.site)

        @settings(
            max_examples=EXAMPLES,
            database=None,
            deadline=None,
            phases=(Phase.explicit, Phase.generate),
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        @seed(SEED)
        @given(requests_for(endpoint, TestFuzz.site))
        def send(request):
            fuzzer.check(endpoint, request)

        send()
        self.reports[endpoint.name] = fuzzer.report(endpoint.name)
        if REPORT:
            write_report(REPORT, EXAMPLES, SEED, self.reports)
        report = fuzzer.report(endpoint.name, limit=SHOWN)
        if report:
            self.fail(f"\n{report}")


def write_report(path, examples, seed, reports):
    """The table so far and every failure found, in a text file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"{examples} requests per endpoint, seed {seed}\n\n{table()}\n"
    failures = [report for report in reports.values() if report]
    if failures:
        text += "\n\n" + "\n\n\n".join(failures) + "\n"
    path.write_text(text)


def _test_name(endpoint):
    return "test_" + re.sub(r"\W+", "_", endpoint.name.lower()).strip("_")


for _endpoint in ENDPOINTS:
    setattr(
        TestFuzz,
        _test_name(_endpoint),
        lambda self, endpoint=_endpoint: self.fuzz(endpoint),
    )
