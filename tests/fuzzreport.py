"""The fuzz suite's findings and its table.

:func:`table` is what ``make fuzz`` prints: per endpoint, the requests sent,
the count of each status, the 5xx, the refused requests that changed
something, the answers that leaked, the stalls and the seconds it took.
:func:`report` lists an endpoint's distinct failures, each with the request
that shows it and a curl command that sends it again.
"""

from collections import Counter
from dataclasses import dataclass
from dataclasses import field

import json
import re


#: How much of a URL or an answer a report shows.
EXCERPT = 600
#: Quoted values in error messages, plain or HTML-escaped.
QUOTED = [
    re.compile(pattern)
    for pattern in (
        r"&#x27;.*?(&#x27;|$)",
        r"&quot;.*?(&quot;|$)",
        r"'[^']*('|$)",
        r'"[^"]*("|$)',
    )
]


# The counts


@dataclass
class Tally:
    """What one endpoint's requests got, and how long they took."""

    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: int = 0
    refused_changes: int = 0
    leaks: int = 0
    stalls: int = 0
    seconds: float = 0.0


#: Every endpoint's tally of this process, in the order they ran.
TALLIES = {}
COLUMNS = ("endpoint", "requests", "statuses", "5xx", "refused+changed", "leaks")
COLUMNS += ("stalls", "seconds")
COUNTERS = ("requests", "server_errors", "refused_changes", "leaks", "stalls")
COUNTERS += ("seconds",)


def table(tallies=None):
    """The fuzz table: per endpoint, the requests sent, the count of each
    status, the 5xx, the refused requests that changed something, the
    answers that leaked, the stalls (requests not answered in time)
    and the seconds the endpoint's run took."""
    tallies = TALLIES if tallies is None else tallies
    total = Tally()
    rows = [COLUMNS]
    for name, tally in tallies.items():
        rows.append(_row(name, tally))
        for counter in COUNTERS:
            setattr(total, counter, getattr(total, counter) + getattr(tally, counter))
    rows.append(_row("total", total))
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(width) if column in (0, 2) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    rule = "-" * max(len(line) for line in lines)
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1]])


def _row(name, tally):
    statuses = " ".join(
        f"{status}:{count}"
        for status, count in sorted(tally.statuses.items(), key=lambda i: str(i[0]))
    )
    counts = (tally.server_errors, tally.refused_changes, tally.leaks, tally.stalls)
    return (
        name,
        str(tally.requests),
        statuses,
        *map(str, counts),
        f"{tally.seconds:.0f}",
    )


@dataclass
class Finding:
    """One check an answer failed."""

    check: str
    status: object
    summary: str
    answer: str
    detail: str = ""
    where: str = ""  # the last frame of a traceback (Managers get one)

    @property
    def signature(self):
        """What tells one failure from another: the check, the status and the
        error, without the values that vary."""
        summary = str(self.summary)
        for quoted in QUOTED:
            summary = quoted.sub("'…'", summary)
        summary = re.sub(r"\S{25,}", "…", summary)  # a long value
        return (self.check, self.status, re.sub(r"\d+", "N", summary)[:200])


@dataclass
class Failure:
    """A distinct way an endpoint failed: a request that shows it (the
    first one found, made as small as it still fails), and how often."""

    finding: Finding
    request: object
    count: int = 0
    roles: set = field(default_factory=set)


def report(failures, site_url, credentials, limit=None):
    """One endpoint's distinct failures, most frequent first, each with a
    request that shows it and a curl command sending it again."""
    failures = sorted(failures, key=lambda failure: -failure.count)
    if not failures:
        return ""
    lines = [
        f"{failures[0].request.endpoint}: "
        f"{sum(failure.count for failure in failures)} failing answers, "
        f"{len(failures)} distinct:"
    ]
    for number, failure in enumerate(failures[:limit], 1):
        lines += ["", f"{number}. {describe(failure, site_url, credentials)}"]
    if limit is not None and len(failures) > limit:
        lines.append(f"\n... and {len(failures) - limit} more distinct failures")
    return "\n".join(lines)


def describe(failure, site_url, credentials):
    """A failure: what failed, the request, the answer, a curl command."""
    finding, request = failure.finding, failure.request
    body = request.body or b""
    lines = [
        f"{finding.check} {finding.status}: {finding.summary}"
        + (f" at {finding.where}" if finding.where else "")
        + f" ({failure.count}x, as {', '.join(sorted(failure.roles))})",
        f"   {request.method} {_clip(request.url(site_url))}  as {request.role}",
        f"   headers: {dict(request.headers)}",
        f"   body ({len(body)} bytes): {_clip(repr(body), 300)}",
        f"   answer: {_clip(finding.answer)}",
    ]
    if finding.detail:
        label = "changed" if finding.check == "refused but changed" else "then"
        lines.append(f"   {label}: {_clip(finding.detail)}")
    curl = request.curl(site_url, credentials[request.role])
    lines.append(f"   curl: {_clip(curl, 3000)}")
    return "\n".join(lines)


def _clip(text, size=EXCERPT):
    return text if len(text) <= size else f"{text[:size]} [... {len(text)} chars]"


def answer_text(response):
    """An answer's body, a traceback cut to its last lines (where it broke)."""
    text = response.content.decode("utf-8", "replace")
    try:
        data = response.json()
    except ValueError:
        if "Traceback" in text:
            return "... " + " | ".join(text.strip().splitlines()[-4:])
        return text
    if isinstance(data, dict):
        data = dict(data)
        error = data.get("error")
        for holder in (data, error if isinstance(error, dict) else {}):
            if isinstance(holder.get("traceback"), list):
                holder["traceback"] = holder["traceback"][-3:]
    return json.dumps(data, ensure_ascii=False)


def error_summary(response):
    """The type and message of an error answer, and where it was raised
    (the last frame of its traceback, or "")."""
    text = response.content.decode("utf-8", "replace")
    try:
        data = response.json()
    except ValueError:
        if "html" in response.headers.get("Content-Type", ""):
            title = re.search(r"<title>(.*?)</title>", text, re.S)
            return f"an HTML page: {title[1].strip() if title else '?'}", ""
        lines = [
            line.strip()
            for line in text.strip().splitlines()
            if line.strip() and "generated by waitress" not in line
        ]
        frames = [line for line in lines if line.startswith("File ")]
        if "Traceback" in text and lines:
            return lines[-1][:160], _frame(frames[-1]) if frames else ""
        return re.sub(r"<[^>]*>|\s+", " ", text)[:160].strip(), ""
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        data = data["error"]
    if not isinstance(data, dict):
        return str(data)[:160], ""
    kind = data.get("type") or data.get("error_type")
    summary = f"{kind}: {str(data.get('message'))[:160]}"
    trace = data.get("traceback")
    frames = []
    if isinstance(trace, list):
        frames = [line.strip() for line in trace if line.strip().startswith("File ")]
    return summary, _frame(frames[-1]) if frames else ""


FRAME = re.compile(r'File "(?:.*site-packages/|.*/src/)?([^"]*)", line (\d+), in (.*)')


def _frame(line):
    """``File ".../site-packages/a/b.py", line 3, in f`` as ``a/b.py:3 f``."""
    match = FRAME.match(line)
    if not match:
        return line[:160]
    return f"{match[1]}:{match[2]} {match[3]}"
