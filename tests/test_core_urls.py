"""URL fields of every type take http(s), mailto: where allowed, and paths for Link.

SocialHub's own URL fields, Plone's ``Link.remoteUrl`` and ``Event.event_url``:
over REST (exact status and message, nothing stored) and in the Classic UI's
edit forms (the message next to the field, never an error page).
"""

from bs4 import BeautifulSoup
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.z3cform.converters import LinkWidgetDataConverter
from plone.app.z3cform.widgets.link import LinkWidget
from plone.restapi.interfaces import IFieldDeserializer
from plone.testing.zope import Browser
from socialhub.core.fields import InvalidWebURL
from socialhub.core.fields import validate_url
from socialhub.core.fields import WebURL
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.urls import URIDataConverter
from socialhub.core.urls import URLFieldDeserializer
from socialhub.testing import api_session
from socialhub.testing import field_errors
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from z3c.form.browser.text import TextWidget
from z3c.form.interfaces import IDataConverter
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Invalid
from zope.schema import URI
from zope.schema.interfaces import ValidationError

import transaction
import unittest


WEB = "Enter a web address that starts with http:// or https://."
WEB_OR_MAIL = (
    "Enter a web address that starts with http:// or https://, or an e-mail "
    "address that starts with mailto:."
)
WEB_OR_PATH = (
    "Enter a web address that starts with http:// or https://, or a path on "
    "this site that starts with /."
)
LINK = (
    "Enter a web address that starts with http:// or https://, an e-mail "
    "address that starts with mailto:, or a path on this site that starts with /."
)
LINK_OPTIONS = {"allow_mailto": True, "allow_site_relative": True}

# Refused by every URL field, with the field's own message.
UNSAFE = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example.com/phish",
    "http://",
    "https:evil.example.com",
    "https://example.org/\u202egpj.exe",
    "https://exa mple.org",
    "javascript&colon;alert(1)",
)
# Host names that are not valid IDNA names: refused, the message names them.
BAD_HOSTS = {
    "https://xn--zz.de/": "xn--zz.de",
    "https://bü..de": "bü..de",
    "https://-bücher.de": "-bücher.de",
    "https://☃.example.org": "☃.example.org",
}
# Accepted by every URL field, and stored as typed.
SAFE = (
    "https://bücher.de",
    "https://xn--bcher-kva.de",
    "https://Bücher.DE/Straße?q=ü#Ä",
    "http://example.org:8080/path",
    "https://[2001:db8::1]/",
)
MAIL = "mailto:events@example.org"


def message_of(value, **options):
    """The English message of ``validate_url``'s refusal, or None."""
    try:
        validate_url(value, **options)
    except InvalidWebURL as error:
        return translate(error.doc())
    return None


class TestValidateURL(unittest.TestCase):
    """The one rule every URL field uses, and the message of each refusal."""

    def test_unsafe_addresses_refused_with_what_is_accepted(self):
        for value in (*UNSAFE, MAIL, ""):
            with self.subTest(value=value):
                self.assertEqual(message_of(value), WEB)
        for value in UNSAFE:
            with self.subTest(value=value):
                self.assertEqual(message_of(value, allow_mailto=True), WEB_OR_MAIL)
                self.assertEqual(
                    message_of(value, allow_site_relative=True), WEB_OR_PATH
                )
                self.assertEqual(message_of(value, **LINK_OPTIONS), LINK)

    def test_invalid_host_names_refused_by_name(self):
        for value, host in BAD_HOSTS.items():
            with self.subTest(value=value):
                self.assertEqual(message_of(value), f"{host} is not a valid host name.")
        self.assertEqual(
            message_of("mailto:a@bü..de", allow_mailto=True),
            "bü..de is not a valid host name.",
        )

    def test_web_addresses_accepted(self):
        for value in SAFE:
            with self.subTest(value=value):
                self.assertIsNone(message_of(value))
                self.assertIsNone(message_of(value, **LINK_OPTIONS))

    def test_mail_addresses_only_where_allowed(self):
        self.assertIsNone(message_of(MAIL, allow_mailto=True))
        self.assertIsNone(
            message_of("mailto:a@example.org,b@bücher.de", allow_mailto=True)
        )
        # Plone's link widget writes a subject as typed, spaces included.
        self.assertIsNone(
            message_of("mailto:a@example.org?subject=Sign me up", allow_mailto=True)
        )
        self.assertIsNone(
            WebURL(allow_mailto=True).validate("mailto:a@example.org?subject=Sign up")
        )
        for value in ("mailto:", "mailto:nobody", "mailto:a@example.org\n?x=1"):
            with self.subTest(value=value):
                self.assertEqual(message_of(value, allow_mailto=True), WEB_OR_MAIL)

    def test_paths_on_the_site_only_where_allowed(self):
        for value in (
            "/en/publications",
            "${portal_url}/en",
            "${navigation_root_url}",
            "${portal_url}/resolveuid/0123456789abcdef?x=1",
            "../resolveuid/0123456789abcdef",
            "resolveuid/0123456789abcdef#part",
            "./sibling",
        ):
            with self.subTest(value=value):
                self.assertIsNone(message_of(value, **LINK_OPTIONS))
                self.assertEqual(message_of(value), WEB)
        for value in (
            "${portal_url}.evil.example.com",
            "/\\evil.example.com",
            # Plone's Link view would put the server's address before these.
            "@evil.example.com",
            "evil.example.com/x",
        ):
            with self.subTest(value=value):
                self.assertEqual(message_of(value, **LINK_OPTIONS), LINK)


# Where each URL field is, a minimal item that has it, and its message.
FIELDS = (
    (
        "en/publications",
        {"@type": "Publication", "title": "Brief"},
        "external_url",
        WEB,
    ),
    (
        "en/courses",
        {"@type": "Course", "title": "Course"},
        "enrollment_url",
        WEB_OR_MAIL,
    ),
    ("en/actors", {"@type": "Actor", "title": "Network"}, "website", WEB),
    (
        "en/events",
        {
            "@type": "Event",
            "title": "Webinar",
            "start": "2026-03-10T14:00:00+00:00",
            "end": "2026-03-10T15:00:00+00:00",
        },
        "stream_url",
        WEB,
    ),
    # SocialHub's field that also takes e-mail addresses, and Plone's own.
    (
        "en/events",
        {
            "@type": "Event",
            "title": "Webinar",
            "start": "2026-03-10T14:00:00+00:00",
            "end": "2026-03-10T15:00:00+00:00",
        },
        "registration_url",
        WEB_OR_MAIL,
    ),
    (
        "en/events",
        {
            "@type": "Event",
            "title": "Webinar",
            "start": "2026-03-10T14:00:00+00:00",
            "end": "2026-03-10T15:00:00+00:00",
        },
        "event_url",
        WEB,
    ),
    ("en", {"@type": "Link", "title": "Reading"}, "remoteUrl", LINK),
)


class TestURLFieldsOverREST(unittest.TestCase):
    """Every URL field over REST, as a Manager: exact status and message."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.api = api_session(self.layer, self)

    def item_ids(self, container):
        transaction.begin()
        return set(self.portal.unrestrictedTraverse(container).objectIds())

    def assert_refused(self, container, payload, field, message):
        before = self.item_ids(container)
        response = self.api.post(container, json=payload)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [{"field": field, "message": message}],
        )
        self.assertEqual(self.item_ids(container), before)

    def stored(self, item, field):
        """The value as the database has it."""
        transaction.begin()
        obj = self.portal.unrestrictedTraverse(
            item["@id"][len(self.portal.absolute_url()) + 1 :]
        )
        return getattr(obj, field)

    def test_unsafe_addresses_refused(self):
        for container, payload, field, message in FIELDS:
            for value in UNSAFE:
                with self.subTest(field=field, value=value):
                    self.assert_refused(
                        container, {**payload, field: value}, field, message
                    )

    def test_invalid_host_names_refused(self):
        for container, payload, field, _message in FIELDS:
            for value, host in BAD_HOSTS.items():
                with self.subTest(field=field, value=value):
                    self.assert_refused(
                        container,
                        {**payload, field: value},
                        field,
                        f"{host} is not a valid host name.",
                    )

    def test_values_that_are_not_text_refused(self):
        for container, payload, field, _message in FIELDS:
            for value in (194, [], {"url": "https://example.org"}, True):
                with self.subTest(field=field, value=value):
                    self.assert_refused(
                        container,
                        {**payload, field: value},
                        field,
                        "Object is of wrong type.",
                    )
        self.assert_refused(
            "en",
            {"@type": "Link", "title": "Reading", "remoteUrl": " "},
            "remoteUrl",
            "Required input is missing.",
        )

    def test_web_addresses_accepted_and_stored_as_typed(self):
        for container, payload, field, _message in FIELDS:
            for value in SAFE:
                with self.subTest(field=field, value=value):
                    response = self.api.post(container, json={**payload, field: value})
                    self.assertEqual(response.status_code, 201, response.text)
                    self.assertEqual(self.stored(response.json(), field), value)
                    if field != "remoteUrl":  # plone.restapi shows a Link's target
                        self.assertEqual(response.json()[field], value)

    def test_mail_addresses_where_the_field_takes_them(self):
        for container, payload, field, message in FIELDS:
            with self.subTest(field=field):
                response = self.api.post(container, json={**payload, field: MAIL})
                if message == WEB:
                    self.assertEqual(response.status_code, 400, response.text)
                    self.assertEqual(
                        field_errors(response),
                        [{"field": field, "message": WEB}],
                    )
                else:
                    self.assertEqual(response.status_code, 201, response.text)
                    self.assertEqual(self.stored(response.json(), field), MAIL)

    def test_link_takes_paths_on_the_site(self):
        link = {"@type": "Link", "title": "Reading"}
        response = self.api.post("en", json={**link, "remoteUrl": "${portal_url}/en"})
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.stored(response.json(), "remoteUrl"), "${portal_url}/en")
        self.assertEqual(response.json()["remoteUrl"], self.portal["en"].absolute_url())
        # plone.restapi stores a path on the site as a resolveuid link.
        response = self.api.post("en", json={**link, "remoteUrl": "/en/publications"})
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(
            self.stored(response.json(), "remoteUrl"),
            f"../../resolveuid/{self.portal['en']['publications'].UID()}",
        )
        self.assertEqual(
            response.json()["remoteUrl"],
            self.portal["en"]["publications"].absolute_url(),
        )

    def test_list_of_addresses_refuses_an_unsafe_one(self):
        self.assert_refused(
            "en/actors",
            {
                "@type": "Actor",
                "title": "Network",
                "social_links": ["https://social.example.org/@acn", "javascript:x"],
            },
            "social_links",
            WEB,
        )

    def test_person_address_refuses_an_unsafe_one(self):
        self.assert_refused(
            "en/publications",
            {
                "@type": "Publication",
                "title": "Brief",
                "authors": [{"name": "Ana", "url": "data:text/html,x"}],
            },
            "authors",
            WEB,
        )

    def test_refused_patch_of_plone_event_url_changes_nothing(self):
        container, payload, field, _message = FIELDS[5]
        response = self.api.post(
            container, json={**payload, field: "https://example.org/event"}
        )
        self.assertEqual(response.status_code, 201, response.text)
        url = response.json()["@id"]
        response = self.api.patch(url, json={field: "javascript:alert(1)"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(
            field_errors(response),
            [{"field": field, "message": WEB}],
        )
        self.assertEqual(self.api.get(url).json()[field], "https://example.org/event")


def refuse_every_feed(value):
    """A constraint as plone.app.event writes them: it raises Invalid."""
    raise Invalid("Feed not accepted")


class TestURLFieldDeserializer(unittest.TestCase):
    """A URL field whose constraint raises a bare Invalid gives a field error."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_bare_invalid_of_a_constraint_becomes_a_validation_error(self):
        request = self.layer["request"]
        alsoProvides(request, ISocialHubCoreLayer)
        field = URI(__name__="feed", constraint=refuse_every_feed)
        deserializer = getMultiAdapter(
            (field, self.layer["portal"]["en"], request), IFieldDeserializer
        )
        self.assertIsInstance(deserializer, URLFieldDeserializer)
        # plone.restapi turns a ValidationError into a 400, anything else a 500.
        with self.assertRaises(ValidationError) as raised:
            deserializer("https://example.org/feed")
        self.assertEqual(raised.exception.doc(), "Feed not accepted")
        with self.assertRaises(ValidationError) as raised:
            deserializer("javascript:alert(1)")
        self.assertEqual(translate(raised.exception.doc()), WEB)


class TestURLFieldConverters(unittest.TestCase):
    """Classic UI: a URL typed in a text input is kept as typed on a SocialHub
    site; Plone's link widget keeps its own converter."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def converter(self, widget_class):
        request = self.layer["request"]
        alsoProvides(request, ISocialHubCoreLayer)
        widget = widget_class(request)
        widget.field = URI(__name__="feed")
        return getMultiAdapter((widget.field, widget), IDataConverter)

    def test_text_input_keeps_a_non_ascii_address(self):
        converter = self.converter(TextWidget)
        self.assertIsInstance(converter, URIDataConverter)
        self.assertEqual(
            converter.toFieldValue(" https://bücher.de "), "https://bücher.de"
        )
        self.assertIsNone(converter.toFieldValue(""))

    def test_link_widget_keeps_its_converter(self):
        converter = self.converter(LinkWidget)
        self.assertIsInstance(converter, LinkWidgetDataConverter)
        self.assertEqual(
            converter.toFieldValue({"email": "a@example.org"}), "mailto:a@example.org"
        )


class TestURLFieldsInForms(unittest.TestCase):
    """The Classic UI's edit forms: the message next to the field, no error page."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.api = api_session(self.layer, self)
        self.browser = Browser(self.layer["app"])
        # An error page would raise here instead of showing.
        self.browser.handleErrors = False
        self.browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )

    def create(self, container, payload):
        response = self.api.post(container, json=payload)
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()["@id"]

    def test_link_form_shows_the_message_next_to_the_field(self):
        url = self.create(
            "en",
            {"@type": "Link", "title": "Reading", "remoteUrl": "https://example.org"},
        )
        self.browser.open(f"{url}/edit")
        self.browser.getControl(
            name="form.widgets.remoteUrl.external"
        ).value = "javascript:alert(1)"
        self.browser.getControl(name="form.buttons.save").click()
        self.assertEqual(self.browser.headers["status"], "200 OK")
        self.assertEqual(self.browser.url, f"{url}/@@edit")
        self.assertIn(LINK, self.field_block("form.widgets.remoteUrl"))
        transaction.begin()
        self.assertEqual(self.portal["en"]["reading"].remoteUrl, "https://example.org")

    def test_event_form_takes_a_non_ascii_host_name(self):
        url = self.create(
            "en/events", {**FIELDS[5][1], "event_url": "https://example.org"}
        )
        self.browser.open(f"{url}/edit")
        control = self.browser.getControl(name="form.widgets.IEventContact.event_url")
        control.value = "javascript:alert(1)"
        self.browser.getControl(name="form.buttons.save").click()
        self.assertEqual(self.browser.headers["status"], "200 OK")
        self.assertIn(WEB, self.field_block("form.widgets.IEventContact.event_url"))
        control = self.browser.getControl(name="form.widgets.IEventContact.event_url")
        control.value = "https://bücher.de/programm"
        self.browser.getControl(name="form.buttons.save").click()
        self.assertEqual(self.browser.url, url)
        transaction.begin()
        self.assertEqual(
            self.portal["en"]["events"]["webinar"].event_url,
            "https://bücher.de/programm",
        )

    def field_block(self, name):
        """The text of the form field ``name``: label, help, error, widget."""
        soup = BeautifulSoup(self.browser.contents, "html.parser")
        block = soup.find(id=f"formfield-{name.replace('.', '-')}")
        self.assertIsNotNone(block, f"no field {name} in the page")
        return block.get_text(" ", strip=True)
