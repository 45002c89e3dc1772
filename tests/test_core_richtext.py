"""Rich text read by lxml: its words, its filtering, the site's transform."""

from pathlib import Path
from plone import api
from plone.base.interfaces import IFilterSchema
from plone.registry.interfaces import IRegistry
from Products.PortalTransforms.data import datastream
from Products.PortalTransforms.transforms import html_to_text as stock_html_to_text
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.limits import TextTooLong
from socialhub.core.richtext import html_to_text
from socialhub.core.richtext import HTMLFilter
from socialhub.core.richtext import NestedTooDeeply
from socialhub.core.richtext import site_html_filter
from socialhub.core.richtext import TooManyAttributes
from socialhub.core.richtext import TooManyElements
from socialhub.core.textinput import TextLengthValidator
from socialhub.core.transforms import use_linear_html_to_text
from socialhub.core.transforms import use_stock_html_to_text
from socialhub.testing import SOCIALHUB_CORE_INTEGRATION_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from z3c.form.testing import TestRequest
from zope.component import getUtility
from zope.interface import alsoProvides
from zope.schema import TextLine

import json
import unittest


DEMO = Path(__file__).parent.parent / "profiles" / "demo" / "content"

# What editors write, as TinyMCE saves it.
SAMPLES = (
    "<p>Plain paragraph.</p>",
    "<p>Some <b>bo</b>ld, <strong>str</strong>ong, <em>emph</em>asis, "
    "<i>ital</i>ic and <font color='red'>fo</font>nt, joined as Plone joins them.</p>",
    '<h2>Heading</h2><p>A <a href="https://example.org/">link</a> and a '
    '<a href="resolveuid/abc" data-linktype="internal">link inside</a>.</p>',
    "<ul><li>one</li><li>two<ul><li>two.one</li></ul></li></ul><ol><li>x</li></ol>",
    "<table class='listing'><thead><tr><th>Country</th><th>Rate</th></tr></thead>"
    "<tbody><tr><td>Senegal</td><td>42&nbsp;%</td></tr></tbody></table>",
    "<p>Line<br>break<br/>and&nbsp;space</p><hr><blockquote>Quoted</blockquote>",
    "<p>Entities: caf&eacute; &amp; th&#233; &lt;tag&gt; &quot;q&quot;</p>",
    "<p>A comment <!-- hidden --> between words</p>",
    '<p><img src="resolveuid/def/@@images/image/large" alt="An image"> caption</p>',
    "<p><span>span</span>ned, <sup>sup</sup>, <sub>sub</sub>, <code>code()</code></p>",
    "Text without a tag, and 1 &lt; 2.",
)


def demo_texts():
    """The HTML of every rich text of the demo content."""
    texts = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("content-type") == "text/html" and "data" in node:
                texts.append(node["data"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(DEMO.glob("*.json")):
        walk(json.loads(path.read_text()))
    return texts


def stock_words(text):
    transform = stock_html_to_text.register()
    return transform.convert(text, datastream("text")).getData().split()


def plone_filter(**settings):
    defaults = {
        name: IFilterSchema[name].default
        for name in ("valid_tags", "nasty_tags", "custom_attributes")
    }
    return HTMLFilter(
        **{**defaults, **settings},
        embed_urls=settings.get("embed_urls", ["https://www.youtube.com/embed/"]),
    )


class TestWords(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_the_words_of_plone_html_to_text(self):
        texts = demo_texts()
        self.assertGreater(len(texts), 50)
        for text in (*SAMPLES, *texts):
            with self.subTest(text=text[:60]):
                self.assertEqual(html_to_text(text).split(), stock_words(text))

    def test_hexadecimal_references_decoded(self):
        # Plone's html_to_text leaves them as they are.
        self.assertEqual(html_to_text("<p>a &#x2014; b</p>"), "a \u2014 b")
        self.assertEqual(stock_words("<p>a &#x2014; b</p>"), ["a", "&#x2014;", "b"])

    def test_script_and_style_left_out(self):
        self.assertEqual(
            html_to_text(
                "<p>Before</p><script>var hidden = 1;</script><style>p {}</style>"
                "<p>after</p>"
            ),
            "Before after",
        )

    def test_html_libxml2_cannot_read_loses_only_its_tags(self):
        for text in (
            "<div>" * 300 + "deep" + "</div>" * 300 + "<p>after</p>",
            "<p " + " ".join(f"a{i}" for i in range(200)) + ">many</p>after",
        ):
            with self.subTest(text=text[:20]):
                self.assertEqual(html_to_text(text).split()[-2:], text_words(text))

    def test_any_input(self):
        self.assertEqual(html_to_text(""), "")
        self.assertEqual(html_to_text(b"<p>caf\xc3\xa9</p>"), "caf\xe9")
        self.assertEqual(html_to_text("no  tags\nat all"), "no tags at all")
        self.assertEqual(html_to_text("<p>\ud800 lone</p>"), "? lone")
        self.assertEqual(html_to_text("<"), "<")

    def test_site_transform_is_socialhub_html_to_text(self):
        transforms = self.layer["portal"].portal_transforms
        self.assertIn("socialhub_html_to_text", transforms.objectIds())
        self.assertNotIn("html_to_text", transforms.objectIds())
        (transform,) = transforms._findPath("text/html", "text/plain")
        self.assertEqual(transform.name(), "socialhub_html_to_text")
        text = "<p>Linear <b>ti</b>me</p><script>x()</script>"
        self.assertEqual(
            transforms.convertTo("text/plain", text, mimetype="text/html").getData(),
            "Linear time",
        )

    def test_stock_transform_given_back_and_taken_again(self):
        transforms = self.layer["portal"].portal_transforms
        use_stock_html_to_text()
        self.assertIn("html_to_text", transforms.objectIds())
        self.assertNotIn("socialhub_html_to_text", transforms.objectIds())
        (transform,) = transforms._findPath("text/html", "text/plain")
        self.assertEqual(transform.name(), "html_to_text")
        use_linear_html_to_text()
        use_linear_html_to_text()
        (transform,) = transforms._findPath("text/html", "text/plain")
        self.assertEqual(transform.name(), "socialhub_html_to_text")
        self.assertNotIn("html_to_text", transforms.objectIds())


class TestUninstall(unittest.TestCase):
    """The core alone, as nothing else may need it when it is uninstalled."""

    layer = SOCIALHUB_CORE_INTEGRATION_TESTING

    def test_plone_html_to_text_back_and_records_removed(self):
        portal = self.layer["portal"]
        portal.portal_setup.runAllImportStepsFromProfile(
            "profile-socialhub.core:uninstall"
        )
        (transform,) = portal.portal_transforms._findPath("text/html", "text/plain")
        self.assertEqual(transform.name(), "html_to_text")
        self.assertNotIn("socialhub_html_to_text", portal.portal_transforms)
        names = getUtility(IRegistry).records.keys()
        self.assertEqual(
            [name for name in names if name.startswith("socialhub.text")], []
        )


def text_words(text):
    """The last two words of the test texts above."""
    return ["deep", "after"] if text.startswith("<div>") else ["many", "after"]


class TestFilter(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def assert_filtered(self, text, expected, html_filter=None):
        html_filter = html_filter or plone_filter()
        self.assertEqual(html_filter(text), expected)

    def test_ordinary_html_unchanged(self):
        html_filter = plone_filter()
        for text in (*SAMPLES[:6], *SAMPLES[8:10], *demo_texts()):
            with self.subTest(text=text[:60]):
                # lxml writes attributes in double quotes, br without "/".
                once = html_filter(text)
                self.assertEqual(html_filter(once), once)
                self.assertEqual(html_to_text(once), html_to_text(text))

    def test_iframes(self):
        allowed = "https://www.youtube.com/embed/abc"
        for src in (
            allowed,
            "HTTPS://WWW.YOUTUBE.COM/embed/abc",
            "https://www.youtube.com/embed/abc?start=10&amp;si=a..b",
        ):
            with self.subTest(src=src):
                self.assert_filtered(
                    f'<iframe src="{src}" width="560" allowfullscreen '
                    f'allow="autoplay" onload="x()" srcdoc="&lt;b&gt;">inside</iframe>',
                    f'<iframe src="{src}" width="560" allowfullscreen '
                    'allow="autoplay"></iframe>',
                )
        for src in (
            "https://www.youtube.com.evil.example/embed/abc",
            "https://www.youtube.com@evil.example/embed/abc",
            "https://www.youtube.com:8443/embed/abc",
            "//www.youtube.com/embed/abc",
            "http://www.youtube.com/embed/abc",
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com\\@evil.example/embed/",
            "https://www.youtube.com/embed/ x",
            "https://www.youtube.com/embed/../../redirect?to=evil",
            "https://www.youtube.com/embed/%2e%2e/%2e%2e/redirect",
            "javascript:alert(1)//https://www.youtube.com/embed/",
            "",
        ):
            with self.subTest(src=src):
                self.assert_filtered(f'a<iframe src="{src}"></iframe>b', "ab")

    def test_active_content_removed_whatever_the_settings(self):
        html_filter = plone_filter(
            valid_tags=[*IFilterSchema["valid_tags"].default, "script", "object"],
            nasty_tags=[],
            custom_attributes=["onclick"],
        )
        self.assert_filtered(
            '<p onclick="x()">a</p><script>b()</script><object data="c">d</object>'
            "<embed src='e'><p>f</p><applet>g</applet><base href='//evil/'>"
            "<meta http-equiv='refresh' content='0;url=//evil'><link rel="
            "'stylesheet' href='//evil'><frameset><frame src='//evil'></frameset>h",
            "<p>a</p><p>f</p>h",
            html_filter,
        )

    def test_addresses(self):
        self.assert_filtered(
            '<a href="https://a.example/">1</a><a href="mailto:b@example.org">2</a>'
            '<a href="tel:+221">3</a><a href="../relative">4</a><a href="#top">5</a>'
            '<a href="JAVASCRIPT:x()">6</a><a href="vbscript:x">7</a>'
            '<a href="data:text/html,x">8</a><img src="data:image/png;base64,AA"'
            ' alt="9"><img srcset="a.png 1x, javascript:x 2x" alt="10">'
            '<img srcset="a.png 1x, b.png 2x" alt="11">'
            '<form action="javascript:x()"><button formaction="javascript:y()">'
            "12</button></form>",
            '<a href="https://a.example/">1</a><a href="mailto:b@example.org">2</a>'
            '<a href="tel:+221">3</a><a href="../relative">4</a><a href="#top">5</a>'
            '<a>6</a><a>7</a><a>8</a><img alt="9"><img alt="10">'
            '<img srcset="a.png 1x, b.png 2x" alt="11">12',
        )

    def test_attributes(self):
        self.assert_filtered(
            '<p class="lead" id="x" data-val="uid" style="color: red" '
            'xmlns:foo="bar" foo:bar="x" formaction="y">1</p>'
            '<p style="background: url(//evil/x.png)">2</p>'
            '<p style="width: expression(alert(1))">3</p>'
            '<p style="color: red /* note */">4</p>'
            '<p title="' + "/* " * 9 + '">5</p><p title="/* a */">6</p>',
            '<p class="lead" id="x" data-val="uid" style="color: red">1</p>'
            "<p>2</p><p>3</p><p>4</p><p>5</p>"
            '<p title="/* a */">6</p>',
        )

    def test_the_site_settings(self):
        registry = getUtility(IRegistry)
        registry["plone.valid_tags"] = [
            tag for tag in registry["plone.valid_tags"] if tag != "u"
        ]
        registry["plone.disable_filtering"] = True
        api.portal.set_registry_record(
            "socialhub.text.richtext_embed_urls", ["https://media.example.org/"]
        )
        self.assertEqual(
            site_html_filter()(
                '<p><u>kept text</u><script>x()</script></p><iframe src="https://'
                'media.example.org/v/1"></iframe><iframe src="https://www.youtube'
                '.com/embed/x"></iframe>'
            ),
            '<p>kept text</p><iframe src="https://media.example.org/v/1"></iframe>',
        )

    def test_what_is_removed_is_listed(self):
        removed = []
        plone_filter()(
            '<p onclick="x">a<iframe src="//evil.example/"></iframe><xx>b</xx>'
            '<a href="javascript:x">c</a></p>',
            removed,
        )
        self.assertEqual(
            removed,
            ["onclick= on <p>", '<iframe "//evil.example/">', "<xx>", "href= on <a>"],
        )

    def test_html_it_cannot_read_in_linear_time(self):
        html_filter = plone_filter()
        with self.assertRaises(NestedTooDeeply):
            html_filter("<div>" * 256 + "x")
        self.assertEqual(html_filter("<div>" * 200 + "x").count("<div>"), 200)
        with self.assertRaises(TooManyAttributes):
            html_filter("<p " + " ".join(f"a{i}" for i in range(101)) + ">x</p>")
        with self.assertRaises(TooManyAttributes):
            # A quote opens a value only after "=": this one hides nothing.
            html_filter('<p a=x"><q ' + " ".join(f"a{i}" for i in range(101)) + '>"')
        self.assertEqual(
            html_filter('<p title="' + "a " * 200 + '">x</p>'),
            '<p title="' + "a " * 200 + '">x</p>',
        )

    def test_most_elements(self):
        html_filter = plone_filter()
        two = "<p>a</p><p>b</p>"
        self.assertEqual(html_filter(two, max_elements=2), two)
        with self.assertRaises(TooManyElements):
            html_filter("<p>a</p><p>b</p><p>c</p>", max_elements=2)

    def test_any_input(self):
        html_filter = plone_filter()
        self.assertEqual(html_filter(""), "")
        self.assertEqual(html_filter("no tags"), "no tags")
        self.assertEqual(html_filter("1 < 2 & 3"), "1 &lt; 2 &amp; 3")
        self.assertEqual(html_filter("<p>\x00\ud800</p>"), "<p>\ufffd?</p>")
        self.assertEqual(html_filter("<p>&#" + "9" * 5000 + ";</p>"), "<p>\ufffd</p>")
        self.assertEqual(
            html_filter("a</div></body><p>b</p></html><p>c</p></BODY >d"),
            "a<p>b</p><p>c</p>d",
        )
        # A whole document keeps its body, as Plone's safe_html does.
        self.assertEqual(
            html_filter("<html><head><title>T</title></head><body><p>b</p></body>"),
            "<p>b</p>",
        )


class TestFormValidator(unittest.TestCase):
    """The form validator checks lengths on SocialHub sites only."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def validator(self, request):
        field = TextLine(__name__="name")
        return TextLengthValidator(self.layer["portal"], request, None, field, None)

    def test_with_the_layer(self):
        request = TestRequest()
        alsoProvides(request, ISocialHubCoreLayer)
        with self.assertRaises(TextTooLong):
            self.validator(request).validate("n" * 1001)

    def test_without_the_layer(self):
        self.assertIsNone(self.validator(TestRequest()).validate("n" * 1001))
