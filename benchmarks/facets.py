"""Workload: faceted search with counts, SocialHub's @facets against stock Plone.

A faceted library page shows a batch of results and, for every term of three
taxonomies (themes, geography, audiences), how many results it would give.
SocialHub answers all of it with one ``@facets`` request; stock Plone needs
one ``@search`` per term (its ``items_total`` is the count) plus one for the
results, one after the other. ``bench.py`` checks once that every count of
``@facets`` equals the stock ``items_total``, then times whole pages of both.
"""

from dataclasses import dataclass
from dataclasses import field
from harness import BenchmarkError
from harness import SITE_ID

import requests
import time


LANGUAGE = "en"
PORTAL_TYPE = "Publication"
FACETS = ("themes", "geography", "audiences")
BATCH_SIZE = 20
#: The filtered case: a mid-level theme and a region (Africa).
FILTERS = {"themes": ["social-assistance"], "geography": ["002"]}
REQUEST_TIMEOUT = 120


@dataclass
class Case:
    """One faceted page: its filters, our request and the stock requests."""

    name: str
    filters: dict
    ours: tuple = ()
    stock: list = field(default_factory=list)


# The requests


def taxonomy_tokens():
    """Every token of the measured taxonomies, from the project's data files."""
    from socialhub.taxonomy import data_file
    from socialhub.taxonomy import vdex

    return {
        name: [
            term.token
            for term, _ancestors in vdex.walk(vdex.read(data_file(name).read_bytes()))
        ]
        for name in FACETS
    }


def build_cases(tokens):
    """The two faceted pages measured: no filter, and a theme and a region."""
    return [
        make_case("unfiltered", {}, tokens),
        make_case("filtered", FILTERS, tokens),
    ]


def make_case(name, filters, tokens):
    """A case with its @facets request and the stock requests it replaces."""
    section = f"/{SITE_ID}/{LANGUAGE}"
    ours = [("portal_type", PORTAL_TYPE), ("b_size", str(BATCH_SIZE))]
    ours += [("facets", facet) for facet in FACETS]
    ours += [
        (taxonomy, token) for taxonomy, values in filters.items() for token in values
    ]
    case = Case(name, filters, ours=(f"{section}/@facets", ours))
    base = [("portal_type", PORTAL_TYPE), ("Language", LANGUAGE)]
    for facet in FACETS:
        others = stock_filters(filters, without=facet)
        for token in tokens[facet]:
            params = base + others + [(f"taxonomy_{facet}", token), ("b_size", "1")]
            case.stock.append((f"{section}/@search", params, (facet, token)))
    results = (
        base
        + stock_filters(filters)
        + [
            ("sort_on", "effective"),
            ("sort_order", "descending"),
            ("b_size", str(BATCH_SIZE)),
        ]
    )
    case.stock.append((f"{section}/@search", results, None))
    return case


def stock_filters(filters, without=None):
    """The filters as stock @search parameters: several tokens match any."""
    return [
        (f"taxonomy_{taxonomy}", token)
        for taxonomy, values in filters.items()
        if taxonomy != without
        for token in values
    ]


def get(session, base, path, params):
    """One GET; its JSON. Anything but 200 makes the run meaningless."""
    try:
        response = session.get(base + path, params=params, timeout=REQUEST_TIMEOUT)
    except requests.RequestException as error:
        raise BenchmarkError(f"GET {path} failed: {error}") from None
    if response.status_code != 200:
        raise BenchmarkError(
            f"GET {path} answered {response.status_code}: {response.text[:500]}"
        )
    return response


# Correctness


def check_correctness(session, base, cases):
    """Every count of @facets equals the stock items_total; so do the results.

    Returns how many numbers were compared.
    """
    compared = 0
    for case in cases:
        ours = get(session, base, *case.ours).json()
        counts = {facet: flatten(ours["facets"][facet]["terms"]) for facet in FACETS}
        wrong = []
        for path, params, term in case.stock:
            stock = get(session, base, path, params).json()
            if term is None:
                expected = (stock["items_total"], ids(stock))
                found = (ours["items_total"], ids(ours))
            else:
                facet, token = term
                expected = stock["items_total"]
                found = counts[facet].get(token, 0)
            compared += 1
            if expected != found:
                wrong.append(f"{term or 'results'}: @facets {found}, stock {expected}")
        if wrong:
            raise BenchmarkError(
                f"@facets disagrees with stock @search ({case.name}), "
                f"{len(wrong)} times:\n  " + "\n  ".join(wrong[:10])
            )
    print(f"Correct: {compared} counts and result batches equal stock @search.")
    return compared


def flatten(terms):
    """``{token: count}`` of a facet's term tree."""
    found = {}
    stack = list(terms)
    for _node in range(100_000):
        if not stack:
            break
        node = stack.pop()
        found[node["token"]] = node["count"]
        stack.extend(node["children"])
    return found


def ids(result):
    return [item["@id"] for item in result["items"]]


# Measuring


def measure(session, base, cases, runs, warmup):
    """Seconds per run and per stock request, by case.

    ``{case name: {"ours": [run], "stock": [run], "stock_requests": [request]}}``.
    Each side of each case is warmed up, then measured, on its own: the
    server's object cache then holds what that side reads, for both alike
    (interleaved, each evicts the other's; see README.md).
    """
    timings = {}
    for case in cases:
        ours = [case.ours]
        stock = [request[:2] for request in case.stock]
        timings[case.name] = {
            "ours": [sum(run) for run in repeat(session, base, ours, runs, warmup)],
            "stock_requests": [],
            "stock": [],
        }
        for run in repeat(session, base, stock, runs, warmup):
            timings[case.name]["stock"].append(sum(run))
            timings[case.name]["stock_requests"].extend(run)
        print(f"  {case.name}: {runs} runs of each measured", flush=True)
    return timings


def repeat(session, base, requests_, runs, warmup):
    """The timings of ``runs`` runs of the requests, after ``warmup`` runs."""
    for _warmup in range(warmup):
        timed(session, base, requests_)
    return [timed(session, base, requests_) for _run in range(runs)]


def timed(session, base, requests_):
    """Seconds to answer each request, one after the other (bodies read)."""
    seconds = []
    for path, params in requests_:
        started = time.perf_counter()
        get(session, base, path, params)
        seconds.append(time.perf_counter() - started)
    return seconds
