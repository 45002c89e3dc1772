"""The work rich text makes is bounded: linear in its length, whatever it is.

No wall-clock threshold: each test compares costs measured on this machine,
the least of a few runs, so that a slow or busy machine does not fail them.
The slowest inputs the limits allow (all ``<``, nesting to the depth libxml2
reads, the most elements allowed, unknown tags side by side, what Plone's
output filter scans quadratically...) must cost at most :data:`RATIO` times
ordinary HTML of the same length, and four times the length at most
:data:`GROWTH` times the cost (linear work costs four times as much,
quadratic work sixteen times; a factor of four between the sizes keeps the
two far apart on a noisy machine, where caches and neighbours make linear
work look 2.5 to 3.7 times as dear for twice the length).
:class:`TestTheMeasure` shows that the same checks fail on Plone's own
``html_to_text`` and ``safe_html``, which SocialHub replaces and feeds.
"""

from plone.app.contenttypes.behaviors.richtext import IRichTextBehavior
from plone.app.textfield.value import RichTextValue
from Products.PortalTransforms.data import datastream
from Products.PortalTransforms.transforms import html_to_text as stock_html_to_text
from socialhub.core.interfaces import ITextSettings
from socialhub.core.richtext import html_to_text
from socialhub.core.textinput import clean_richtext
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from zope.schema.interfaces import ValidationError

import gc
import time
import unittest


RATIO = 3
GROWTH = 8
LIMIT = ITextSettings["richtext_max_length"].default

PROSE = (
    "<h2>Coverage</h2><p>Social protection systems in <strong>West Africa</strong>"
    " have grown since 2010, and <a href='https://example.org/report'>cash "
    "transfers</a> now reach <em>more households</em> than ever.</p><ul><li>"
    "Targeting the poorest</li><li>Delivering on time</li></ul><p>Evaluations "
    "found effects on school attendance, food security and local markets.</p>"
)


def repeated(unit, size, head="", tail=""):
    """``head`` + ``unit`` repeated + ``tail``, ``size`` characters long."""
    body = size - len(head) - len(tail)
    return head + (unit * (body // len(unit) + 1))[:body] + tail


# The slowest rich text the limits allow, by what it makes slow. An element
# costs more than a character: those with elements have one every 20
# characters, the most the limits allow.
INPUTS = {
    # Ordinary HTML, the yardstick.
    "ordinary": lambda size: repeated(PROSE, size),
    # Plone's html_to_text scans to the end from every "<" (and "<b").
    "all <": lambda size: "<" * size,
    "<b<b<b": lambda size: repeated("<b", size),
    # Elements, as many as allowed; nested as deep as libxml2 reads.
    "most elements": lambda size: repeated("<br>" + "w" * 16, size),
    "paragraphs": lambda size: repeated("<p>a</p>" + "w" * 12, size),
    "nested": lambda size: repeated("<div>" * 250 + "w" * 2250 + "</div>" * 250, size),
    # Deeper than libxml2 reads: refused.
    "x<y>x<y>": lambda size: repeated("x<y>", size),
    # lxml_html_clean finds each removed tag among its siblings.
    "unknown tags": lambda size: repeated("<xx>a</xx>" + "w" * 10, size),
    "iframes": lambda size: repeated('<iframe src="//evil"></iframe>t', size),
    "handlers": lambda size: repeated('<b onclick="x">a</b>', size),
    # libxml2 compares each attribute of a tag with the ones before it.
    "attributes": lambda size: repeated(
        "<p " + " ".join(f'data-a{i}="x"' for i in range(100)) + ">t</p>", size
    ),
    # Plone's safe_html scans from every "/*" to the end of the line, lxml's
    # iterlinks from every "url(" to the end of the style.
    "comments": lambda size: repeated("/* ", size, '<p title="', '">x</p>'),
    "style urls": lambda size: repeated("url(", size, '<p style="', '">x</p>'),
    "entities": lambda size: repeated("&amp;&#60;&#x3e;", size),
}


def cost(work, text, runs=3):
    """The least time ``work(text)`` takes in ``runs`` runs, in seconds.

    The garbage collector is off during each run: a full collection of a
    Plone process's objects takes about 0.2 s, whatever the text, and lands
    on one run or another (measured: 0.06 s for a text, 0.25 s for the same
    text once in three). The least time of a few runs is the work's own,
    without the rest of a busy machine's.
    """
    times = []
    for _run in range(runs):
        gc.disable()
        try:
            start = time.perf_counter()
            work(text)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def measure(work, inputs, size):
    """Each input's cost at ``size`` relative to ordinary HTML's, and to its own
    at a quarter of the size.

    ``inputs`` maps names to functions of a size, one of them named
    "ordinary"; the answer maps each name to the two ratios. A cost under a
    fifth of the ordinary input's counts as that fifth: a few milliseconds
    more or less are noise, not growth.
    """
    quarter = size // 4
    ordinary = {n: cost(work, inputs["ordinary"](n)) for n in (quarter, size)}
    ratios = {}
    for name, make in inputs.items():
        costs = {n: max(cost(work, make(n)), ordinary[n] / 5) for n in (quarter, size)}
        ratios[name] = (costs[size] / ordinary[size], costs[size] / costs[quarter])
    return ratios


def unbounded(work, inputs, size):
    """The inputs more than :data:`RATIO` times as dear as ordinary HTML at
    ``size``, or whose cost grows more than :data:`GROWTH` times when their
    length grows four times, with their figures."""
    return {
        name: f"{ratio:.1f}x ordinary, {growth:.1f}x for 4x the length"
        for name, (ratio, growth) in measure(work, inputs, size).items()
        if ratio > RATIO or growth > GROWTH
    }


class TestWorkOfOneSave(unittest.TestCase):
    """Filtering, extracting the words and Plone's ``safe_html``, in process."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.transforms = self.portal.portal_transforms
        self.field = IRichTextBehavior["text"]

    def save(self, text):
        """What saving rich text does with it, and showing it does first.

        The words of the text as sent (portal_transforms reads any HTML: old
        content, files), the filter, the words of what is stored and
        Plone's own filter of what is shown.
        """
        html_to_text(text)
        try:
            value = clean_richtext(
                self.field, RichTextValue(text, "text/html", "text/x-html-safe")
            )
        except ValidationError:  # refused: nested too deeply
            return
        self.transforms.convertTo("text/plain", value.raw, mimetype="text/html")
        self.transforms.safe_html.convert(value.raw, datastream("safe"))

    def test_every_input_within_the_limit_is_bounded(self):
        self.assertEqual(unbounded(self.save, INPUTS, LIMIT), {})


class TestTheMeasure(unittest.TestCase):
    """The checks fail on Plone's own quadratic code, SocialHub's old path."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_plone_html_to_text_is_unbounded(self):
        transform = stock_html_to_text.register()

        def words(text):
            transform.convert(text, datastream("text"))

        ratio, growth = measure(
            words, {name: INPUTS[name] for name in ("ordinary", "all <")}, 30000
        )["all <"]
        self.assertGreater(ratio, RATIO)
        self.assertGreater(growth, GROWTH)

    def test_plone_safe_html_of_unfiltered_text_is_unbounded(self):
        safe_html = self.layer["portal"].portal_transforms.safe_html

        def shown(text):
            safe_html.convert(text, datastream("safe"))

        ratio, growth = measure(
            shown, {name: INPUTS[name] for name in ("ordinary", "comments")}, 40000
        )["comments"]
        self.assertGreater(ratio, RATIO)
        self.assertGreater(growth, GROWTH)


class TestSavingOverHTTP(unittest.TestCase):
    """A whole request: creating a page at the limit, its answer included.

    The answer shows the text through Plone's output filters, the dearest
    part of the work (plone.outputfilters parses it twice with Python's
    html.parser): ordinary text at the limit takes about a second.
    """

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.api = api_session(self.layer, self)

    def create(self, text):
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "Cost",
                "text": {"data": text, "content-type": "text/html"},
            },
        )
        self.assertEqual(response.status_code, 201, response.text[:200])

    def test_slowest_pages_cost_a_few_ordinary_ones(self):
        ordinary = cost(self.create, INPUTS["ordinary"](LIMIT))
        for name in ("all <", "most elements", "nested", "attributes"):
            with self.subTest(input=name):
                ratio = cost(self.create, INPUTS[name](LIMIT)) / ordinary
                self.assertLessEqual(ratio, RATIO)

    def test_too_long_refused_at_once(self):
        longest = INPUTS["ordinary"](LIMIT)
        start = time.perf_counter()
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "Cost",
                "text": longest + "<" * (5 * LIMIT),
            },
        )
        refused = time.perf_counter() - start
        self.assertEqual(response.status_code, 400)
        self.assertLessEqual(refused, cost(self.create, longest))
