"""Text over REST on a SocialHub site: length limits, rich text filtered.

Every text, text-line and rich-text field of every type, SocialHub's and
Plone's own, is bounded by the ``socialhub.text.*`` records; rich text is
filtered before it is stored (no script, object, embed, event handler,
``javascript:`` or ``data:`` address, and an iframe only from an allowed
embed address).
"""

from plone import api
from socialhub.testing import api_session
from socialhub.testing import field_errors
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


YOUTUBE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
ALLOWED_IFRAME = f'<iframe src="{YOUTUBE}" allowfullscreen=""></iframe>'


def too_long(length, limit):
    return f"This text has {length} characters: at most {limit} are allowed."


def html(data, content_type="text/html"):
    return {"data": data, "content-type": content_type, "encoding": "utf-8"}


class TextTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.api = api_session(self.layer, self)

    def create(self, container, **data):
        response = self.api.post(container, json=data)
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()["@id"]

    def document(self, **data):
        return self.create("en", **{"@type": "Document", "title": "Page", **data})

    def stored_text(self, url):
        """The raw HTML stored in the item's rich text (not Plone's output)."""
        transaction.begin()
        path = url[len(self.portal.absolute_url()) + 1 :]
        return self.portal.unrestrictedTraverse(path).text.raw

    def assert_field_error(self, response, field, message):
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [{"field": field, "message": message}],
        )


class TestLengthLimits(TextTestCase):
    """A value longer than the site allows is a 400 field error, and nothing changes."""

    TYPES = (
        ("en", {"@type": "Document"}),
        ("en/publications", {"@type": "Publication"}),
        (
            "en/events",
            {
                "@type": "Event",
                "start": "2026-03-10T14:00:00+00:00",
                "end": "2026-03-10T15:00:00+00:00",
            },
        ),
        ("en", {"@type": "Link", "remoteUrl": "https://example.org"}),
    )

    def assert_refused_on_creation(self, container, data, field, message):
        before = self.api.get(container).json()["items_total"]
        response = self.api.post(container, json=data)
        self.assert_field_error(response, field, message)
        self.assertEqual(self.api.get(container).json()["items_total"], before)

    def test_title_at_most_1000_characters_on_every_type(self):
        for container, data in self.TYPES:
            with self.subTest(type=data["@type"]):
                self.create(container, **data, title="T" * 1000)
                self.assert_refused_on_creation(
                    container,
                    {**data, "title": "T" * 1001},
                    "title",
                    too_long(1001, 1000),
                )

    def test_texts_at_most_100000_characters(self):
        data = {"@type": "Publication", "title": "A"}
        self.create("en/publications", **data, abstract="a" * 100000)
        self.assert_refused_on_creation(
            "en/publications",
            {**data, "abstract": "a" * 100001},
            "abstract",
            too_long(100001, 100000),
        )

    def test_a_lower_limit_of_the_field_gives_the_same_error(self):
        # Plone's own: descriptions have at most 10,000 characters.
        for container, data in self.TYPES[:2]:
            with self.subTest(type=data["@type"]):
                self.create(container, **data, title="D", description="d" * 10000)
                self.assert_refused_on_creation(
                    container,
                    {**data, "title": "D", "description": "d" * 10001},
                    "description",
                    too_long(10001, 10000),
                )

    def test_rich_text_at_most_200000_characters(self):
        longest = "<p>" + "w" * (200000 - 7) + "</p>"
        self.document(text=html(longest))
        self.assert_refused_on_creation(
            "en",
            {"@type": "Document", "title": "R", "text": html(longest + "x")},
            "text",
            too_long(200001, 200000),
        )

    def test_each_keyword_is_a_text_line(self):
        self.assert_refused_on_creation(
            "en",
            {"@type": "Document", "title": "K", "subjects": ["ok", "k" * 1001]},
            "subjects",
            too_long(1001, 1000),
        )

    def test_a_refused_edit_changes_nothing(self):
        url = self.document(title="Kept", text=html("<p>Kept</p>"))
        before = self.api.get(url).json()
        response = self.api.patch(
            url,
            json={"title": "Changed", "description": "x" * 10001},
        )
        self.assert_field_error(response, "description", too_long(10001, 10000))
        after = self.api.get(url).json()
        self.assertEqual(after["title"], "Kept")
        self.assertEqual(after["modified"], before["modified"])

    def test_the_error_in_the_language_of_the_folder(self):
        response = self.api.post("fr", json={"@type": "Document", "title": "T" * 1001})
        self.assert_field_error(
            response,
            "title",
            "Ce texte a 1001 caractères : 1000 au plus sont permis.",
        )

    def test_the_limits_are_registry_records(self):
        api.portal.set_registry_record("socialhub.text.textline_max_length", 10)
        transaction.commit()
        self.document(title="T" * 10)
        response = self.api.post("en", json={"@type": "Document", "title": "T" * 11})
        self.assert_field_error(response, "title", too_long(11, 10))


class TestRichTextFiltered(TextTestCase):
    """What is stored is filtered, over REST, on SocialHub's types and Plone's."""

    def assert_stored(self, text, expected):
        for container, data in (
            ("en", {"@type": "Document"}),
            ("en/publications", {"@type": "Publication"}),
        ):
            with self.subTest(type=data["@type"]):
                url = self.create(container, **data, title="F", text=html(text))
                self.assertEqual(self.stored_text(url), expected)

    def test_iframe_kept_from_an_allowed_embed_address_only(self):
        self.assert_stored(
            f'<p>Watch</p>{ALLOWED_IFRAME}<iframe src="https://evil.example/x">'
            '</iframe><iframe src="//www.youtube.com/embed/x"></iframe>'
            '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>',
            f"<p>Watch</p>{ALLOWED_IFRAME}",
        )

    def test_event_handlers_removed(self):
        self.assert_stored(
            '<p onclick="alert(1)" class="lead">Hi <img src="a.png" alt="A" '
            'onerror="alert(2)"></p>',
            '<p class="lead">Hi <img src="a.png" alt="A"></p>',
        )

    def test_javascript_and_data_addresses_removed(self):
        self.assert_stored(
            '<a href="javascript:alert(1)">one</a> '
            '<a href=" JaVa&#x09;ScRiPt:alert(1)">two</a> '
            '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">three</a> '
            '<a href="https://example.org/">four</a> <a href="mailto:a@example.org">'
            "five</a>",
            '<a>one</a> <a>two</a> <a>three</a> <a href="https://example.org/">four</a>'
            ' <a href="mailto:a@example.org">five</a>',
        )

    def test_script_object_and_embed_removed_with_their_content(self):
        self.assert_stored(
            "<p>A</p><script>alert(1)</script><object data='x.swf'><param "
            "name='a' value='b'>fallback</object><embed src='x.swf'><p>B</p>",
            "<p>A</p><p>B</p>",
        )

    def test_normal_html_unchanged(self):
        text = (
            '<h2>Title</h2><p>Some <strong>bold</strong> and <a href="resolveuid/'
            'abc" data-linktype="internal" data-val="abc">a link</a>.</p><ul><li>'
            'one</li></ul><table class="listing"><tbody><tr><td>1</td></tr>'
            '</tbody></table><p><img src="resolveuid/def/@@images/image/large" '
            'alt="An image" class="image-richtext"></p>'
        )
        self.assert_stored(text, text)

    def test_allow_list_is_a_registry_record(self):
        api.portal.set_registry_record(
            "socialhub.text.richtext_embed_urls", ["https://media.example.org/embed/"]
        )
        transaction.commit()
        self.assert_stored(
            f'{ALLOWED_IFRAME}<iframe src="https://media.example.org/embed/1">'
            "</iframe>",
            '<iframe src="https://media.example.org/embed/1"></iframe>',
        )

    def test_plain_text_is_kept(self):
        url = self.document(text=html("1 < 2 <b>", "text/plain"))
        self.assertEqual(self.stored_text(url), "1 < 2 <b>")

    def test_other_formats_refused(self):
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "M",
                "text": html("<iframe src='//evil'></iframe>", "text/x-web-markdown"),
            },
        )
        self.assert_field_error(
            response,
            "text",
            "Rich text must be HTML (text/html) or plain text (text/plain), not "
            "text/x-web-markdown.",
        )

    def test_values_of_other_json_types_refused(self):
        message = (
            "Send rich text as a string of HTML, or as an object whose data, "
            "content-type and encoding are strings."
        )
        for value in ([1], 1, {"data": [1]}, {"data": "x", "content-type": None}):
            with self.subTest(value=value):
                response = self.api.post(
                    "en", json={"@type": "Document", "title": "J", "text": value}
                )
                self.assert_field_error(response, "text", message)

    def test_html_nested_too_deeply_refused(self):
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "N",
                "text": html("<div>" * 300 + "deep"),
            },
        )
        self.assert_field_error(
            response,
            "text",
            "This HTML nests elements more than 255 levels deep: it cannot be "
            "read whole.",
        )

    def test_a_tag_of_more_than_100_attributes_refused(self):
        attributes = " ".join(f'data-a{i}="x"' for i in range(101))
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "A",
                "text": html(f"<p {attributes}>Many</p>"),
            },
        )
        self.assert_field_error(
            response, "text", "This HTML has a tag with more than 100 attributes."
        )

    def test_the_most_elements_is_a_registry_record(self):
        api.portal.set_registry_record("socialhub.text.richtext_max_elements", 3)
        transaction.commit()
        self.document(text=html("<p>One</p><p>Two</p><p>Three</p>"))
        response = self.api.post(
            "en",
            json={
                "@type": "Document",
                "title": "E",
                "text": html("<p>One</p><p>Two</p><p>Three</p><p>Four</p>"),
            },
        )
        self.assert_field_error(
            response,
            "text",
            "This HTML has more than 3 elements (paragraphs, links, cells...): "
            "split it in several pages.",
        )

    def test_text_found_by_its_words(self):
        self.document(
            title="Words",
            text=html("<p>Linear <b>extr</b>action of <em>socialtext</em></p>"),
        )
        self.create(
            "en/publications",
            **{"@type": "Publication", "title": "Words too"},
            text=html("<p>Linear <b>extr</b>action of <em>socialtext</em></p>"),
        )
        response = self.api.get(
            "@search", params={"SearchableText": "extraction socialtext"}
        )
        self.assertEqual(
            sorted(item["title"] for item in response.json()["items"]),
            ["Words", "Words too"],
        )
