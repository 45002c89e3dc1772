"""The fuzz suite's own tools: what it reports must reproduce what it found."""

from collections import Counter
from tests.fuzzreport import table
from tests.fuzzreport import Tally
from tests.fuzzrequests import _runs
from tests.fuzzrequests import FuzzRequest

import subprocess
import unittest


class TestCurlCommands(unittest.TestCase):
    def request(self, body):
        return FuzzRequest(
            endpoint="POST content",
            role="Manager",
            method="POST",
            target="publications",
            path="en/publications/%ff",
            query="b_size:int=a&q=%22cash",
            headers=(("Accept", "application/json"), ("X-Odd", "it's")),
            body=body,
        )

    def test_a_long_body_is_written_as_runs_of_pieces(self):
        body = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
        expression = _runs(body)
        self.assertEqual(expression, "b'{\"a\":'*50000+b'1'+b'}'*50000")
        self.assertEqual(eval(expression), body)  # noqa: S307 - our own repr

    def test_curl_sends_the_same_bytes(self):
        for body in (b"\xff\xfe{'x'}\n", b"[" * 5000 + b"]" * 5000):
            with self.subTest(size=len(body)):
                command = self.request(body).curl("http://h/plone", ("admin", "pw"))
                self.assertIn("-u admin:pw", command)
                self.assertIn("'X-Odd: it'\"'\"'s'", command)
                self.assertTrue(
                    command.endswith(
                        "'http://h/plone/en/publications/%ff?b_size:int=a&q=%22cash'"
                    )
                )
                # The body part, as bash reads it, gives back the bytes.
                part = command.split("--data-binary ", 1)[1].rsplit(" ", 1)[0]
                script = f"printf %s {part}"
                if part.startswith("@"):
                    script = f"cat {part[1:]}"
                sent = subprocess.run(
                    ["bash", "-c", script], capture_output=True, check=True
                ).stdout
                self.assertEqual(sent, body)


class TestTable(unittest.TestCase):
    def test_one_row_per_endpoint_and_the_totals(self):
        tallies = {
            "GET @facets": Tally(
                requests=3, statuses=Counter({200: 1, 400: 1, 500: 1}), server_errors=1
            ),
            "POST content": Tally(
                requests=2, statuses=Counter({401: 1, "none": 1}), stalls=1, seconds=12
            ),
        }
        lines = table(tallies).splitlines()
        columns = "endpoint requests statuses 5xx refused+changed leaks stalls seconds"
        self.assertEqual(lines[0].split(), columns.split())
        self.assertEqual(
            lines[2].split(),
            ["GET", "@facets", "3", "200:1", "400:1", "500:1"]
            + ["1", "0", "0", "0", "0"],
        )
        self.assertEqual(
            lines[3].split(),
            ["POST", "content", "2", "401:1", "none:1", "0", "0", "0", "1", "12"],
        )
        self.assertEqual(lines[5].split(), ["total", "5", "1", "0", "0", "1", "12"])


if __name__ == "__main__":
    unittest.main()
