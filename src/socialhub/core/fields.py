"""Schema fields and validators shared by the SocialHub content types.

Each validator raises a ValidationError subclass whose docstring is the
message an editor or a REST client reads (plone.restapi answers 400 with it,
translated, next to the field name).
"""

from plone import api
from plone.schema import JSONField
from plone.schema.jsonfield import IJSONField
from socialhub.core import _
from urllib.parse import unquote
from urllib.parse import urlsplit
from zope.interface import implementer
from zope.interface import Interface
from zope.schema import Bool
from zope.schema import Choice
from zope.schema import TextLine
from zope.schema import URI
from zope.schema.interfaces import IURI
from zope.schema.interfaces import ValidationError

import datetime
import html
import idna
import ipaddress
import json
import jsonschema
import pycountry
import re
import unicodedata


WEB_SCHEMES = ("http", "https")
URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What Plone's Link replaces with the site's or the navigation root's address
# (plone.app.contenttypes.utils.replace_link_variables_by_paths).
SITE_URL_VARIABLES = ("${portal_url}", "${navigation_root_url}")
# An ASCII host name label: letters, digits, hyphens (not first or last) and
# the underscores some DNS names have; IDNA checks the others.
ASCII_HOST_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
# Bidirectional formatting characters: they make an address read otherwise
# than it goes (U+202E, the right-to-left override).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

URL_MESSAGES = {
    # (allow_mailto, allow_site_relative): what the field accepts, said exactly.
    (False, False): _(
        "error_web_url",
        default="Enter a web address that starts with http:// or https://.",
    ),
    (True, False): _(
        "error_web_or_mail_url",
        default="Enter a web address that starts with http:// or https://, or an "
        "e-mail address that starts with mailto:.",
    ),
    (False, True): _(
        "error_web_url_or_path",
        default="Enter a web address that starts with http:// or https://, or a "
        "path on this site that starts with /.",
    ),
    (True, True): _(
        "error_link_url",
        default="Enter a web address that starts with http:// or https://, an "
        "e-mail address that starts with mailto:, or a path on this site that "
        "starts with /.",
    ),
}


class InvalidWebURL(ValidationError):
    """A URL that a URL field refuses; ``doc()`` is the message that says why."""

    __doc__ = URL_MESSAGES[False, False]

    def __init__(self, message, value):
        super().__init__(message, value)
        self.message = message

    def doc(self):
        return self.message


def url_message(allow_mailto=False, allow_site_relative=False):
    """What a URL field with these options accepts: the message of its errors."""
    return URL_MESSAGES[bool(allow_mailto), bool(allow_site_relative)]


def validate_url(value, allow_mailto=False, allow_site_relative=False):
    """Raise :class:`InvalidWebURL` unless ``value`` is a safe address to link to.

    Accepted: ``http://`` and ``https://`` addresses with a valid host name,
    non-ASCII ones included (``https://bücher.de``, checked with IDNA 2008
    and UTS #46 as browsers do; the address is stored as typed, never
    converted to punycode); with ``allow_mailto``, ``mailto:`` and one or
    more e-mail addresses (spaces only in its ``?subject=``, which Plone's
    link widget writes as typed); with ``allow_site_relative``, a path on this
    site as Plone's Link stores them (:func:`is_site_path`). Refused: every
    other scheme (``javascript:``, ``data:``, ``vbscript:``, ``file:``, ...),
    protocol-relative ``//host`` addresses, spaces, control and bidirectional
    formatting characters, backslashes, HTML character references that
    would decode to a refused address, and an empty text.
    """
    message = url_message(allow_mailto, allow_site_relative)
    if not isinstance(value, str) or not value:
        raise InvalidWebURL(message, value)
    unescaped = html.unescape(value)
    if unescaped != value:
        # A template that writes the address unescaped into an attribute
        # gives the browser the decoded form: check that one too.
        validate_url(unescaped, allow_mailto, allow_site_relative)
    scheme = URL_SCHEME.match(value)
    scheme = scheme.group(1).lower() if scheme else None
    if scheme == "mailto" and allow_mailto:
        address, _query_mark, query = value[len("mailto:") :].partition("?")
        if has_unsafe_characters(address) or has_unsafe_characters(
            query.replace(" ", "")
        ):
            raise InvalidWebURL(message, value)
        validate_mail_addresses(unquote(address), message, value)
        return
    if has_unsafe_characters(value):
        raise InvalidWebURL(message, value)
    if scheme in WEB_SCHEMES:
        try:
            parts = urlsplit(value)
            # Both raise ValueError: a bad IPv6 address, a port out of range.
            host, _port = parts.hostname, parts.port
        except ValueError:
            raise InvalidWebURL(message, value) from None
        if not host:
            raise InvalidWebURL(message, value)
        validate_host(host, ipv6="[" in parts.netloc, value=value)
        return
    if scheme is None and allow_site_relative and is_site_path(value):
        return
    raise InvalidWebURL(message, value)


def is_site_path(value):
    """True if ``value`` is a path on this site as Plone's Link stores one.

    ``/en/publications``, ``./x`` and ``../x``, ``resolveuid/<uid>`` (what
    plone.restapi stores for a path), or ``${portal_url}`` or
    ``${navigation_root_url}`` followed by nothing, ``/``, ``?`` or ``#``.
    Not ``//host`` (another site), nor a bare name: Plone's Link view puts
    the server's address before it (``@evil.example.com`` would leave).
    """
    for variable in SITE_URL_VARIABLES:
        if value.startswith(variable):
            return value[len(variable) : len(variable) + 1] in ("", "/", "?", "#")
    if value.startswith("/"):
        return not value.startswith("//")
    return value.startswith(("./", "../", "resolveuid/"))


def has_unsafe_characters(text):
    """True if ``text`` has a space, a control or bidirectional formatting
    character, or a backslash (which browsers read as a slash)."""
    return any(
        char == "\\"
        or char in BIDI_CONTROLS
        or unicodedata.category(char) in ("Cc", "Zs", "Zl", "Zp")
        for char in text
    )


def validate_host(host, ipv6=False, value=None):
    """Raise :class:`InvalidWebURL` unless ``host`` is a valid host name.

    ``host`` is lower case, without port (``urlsplit().hostname``). An ASCII
    name has labels of letters, digits, hyphens and underscores, and its
    ``xn--`` labels must be valid punycode; any other name must be valid for
    IDNA 2008 after the UTS #46 mapping browsers apply (``Bücher.de``).
    ``ipv6``: the host was written in brackets, an IPv6 address.
    """
    if ipv6:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise invalid_host(host, value) from None
        return
    name = host[:-1] if host.endswith(".") else host
    try:
        if name.isascii():
            labels = name.split(".")
            if not all(ASCII_HOST_LABEL.fullmatch(label) for label in labels):
                raise invalid_host(host, value)
            for label in labels:
                if label.startswith("xn--"):
                    idna.decode(label)
            ascii_name = name
        else:
            ascii_name = idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise invalid_host(host, value) from None
    if len(ascii_name) > 253:
        raise invalid_host(host, value)


def invalid_host(host, value):
    """The error of an address whose host name is not valid."""
    return InvalidWebURL(
        _(
            "error_url_host",
            default="${host} is not a valid host name.",
            mapping={"host": host},
        ),
        value,
    )


def validate_mail_addresses(addresses, message, value):
    """Raise :class:`InvalidWebURL` unless ``addresses`` (a ``mailto:``
    address part) is one or more comma-separated ``name@host``."""
    if not addresses:
        raise InvalidWebURL(message, value)
    for address in addresses.split(","):
        local, at, host = address.strip().rpartition("@")
        if not at or not local or not host or has_unsafe_characters(address.strip()):
            raise InvalidWebURL(message, value)
        validate_host(host.lower(), value=value)


class IWebURL(IURI):
    """A URI a browser can open safely: http or https, with a valid host."""

    allow_mailto = Bool(
        title="Also mailto: addresses",
        default=False,
        required=False,
    )


@implementer(IWebURL)
class WebURL(URI):
    """A ``zope.schema.URI`` that takes http(s) addresses only, or also
    ``mailto:`` ones with ``allow_mailto=True`` (see :func:`validate_url`).

    ``zope.schema.URI`` accepts ``javascript:`` and ``data:`` URLs, which a
    frontend would render as links: this field never stores them. Non-ASCII
    host names are stored as typed (``https://bücher.de``), as the editor
    and the REST answer show them; ``zope.schema.URI`` takes ASCII only.
    """

    allow_mailto = False

    def __init__(self, allow_mailto=False, **kw):
        self.allow_mailto = allow_mailto
        super().__init__(**kw)

    def _validate(self, value):
        if isinstance(value, str):
            try:
                validate_url(value, allow_mailto=self.allow_mailto)
            except InvalidWebURL as error:
                raise error.with_field_and_value(self, value) from None
        # Not URI's own pattern: validate_url is stricter, but for the spaces
        # it takes in a mailto: subject, which the pattern refuses.
        super(URI, self)._validate(value)

    def fromUnicode(self, value):
        """The address without surrounding spaces, validated.

        ``zope.schema.URI.fromUnicode`` refuses non-ASCII addresses with a
        TypeError (an HTTP 500): this one validates them like any other.
        """
        value = value.strip()
        self.validate(value)
        return value

    def fromBytes(self, value):
        return self.fromUnicode(value.decode("utf-8"))


class InvalidDOI(ValidationError):
    __doc__ = _(
        "error_doi",
        default="Enter a DOI such as 10.1000/xyz123, without https://doi.org/.",
    )


class InvalidISBN(ValidationError):
    __doc__ = _(
        "error_isbn",
        default="Enter a valid ISBN-10 or ISBN-13: the check digit does not match.",
    )


class InvalidORCID(ValidationError):
    __doc__ = _(
        "error_orcid",
        default="Enter an ORCID iD such as 0000-0002-1825-0097: the check digit "
        "does not match.",
    )


class InvalidCountryCode(ValidationError):
    __doc__ = _(
        "error_country_code",
        default="Enter a country as its ISO 3166-1 alpha-2 code, e.g. SN for Senegal.",
    )


class YearInFuture(ValidationError):
    __doc__ = _("error_year_in_future", default="The year cannot be in the future.")


# Crossref's recommended pattern for modern DOIs.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def is_doi(value):
    """Constraint: ``value`` is a bare DOI (``10.<registrant>/<suffix>``)."""
    if not DOI_PATTERN.match(value):
        raise InvalidDOI(value)
    return True


def is_isbn(value):
    """Constraint: ``value`` is an ISBN-10 or ISBN-13 with a valid check digit.

    Hyphens and spaces are allowed between the digits.
    """
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum(
            (10 - i) * (10 if char == "X" else int(char))
            for i, char in enumerate(digits)
        )
        valid = total % 11 == 0
    elif re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(char) for i, char in enumerate(digits))
        valid = total % 10 == 0
    else:
        valid = False
    if not valid:
        raise InvalidISBN(value)
    return True


def orcid_is_valid(value):
    """True when ``value`` is an ORCID iD whose ISO 7064 11,2 check digit matches."""
    if not isinstance(value, str) or not ORCID_PATTERN.match(value):
        return False
    total = 0
    for char in value[:-1].replace("-", ""):
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return value[-1] == ("X" if check == 10 else str(check))


def is_orcid(value):
    """Constraint: ``value`` is an ORCID iD (``0000-0002-1825-0097``)."""
    if not orcid_is_valid(value):
        raise InvalidORCID(value)
    return True


def is_country_code(value):
    """Constraint: an ISO 3166-1 alpha-2 country code (``SN``), per pycountry."""
    if not (isinstance(value, str) and len(value) == 2 and value.isupper()):
        raise InvalidCountryCode(value)
    if pycountry.countries.get(alpha_2=value) is None:
        raise InvalidCountryCode(value)
    return True


def not_in_future(value):
    """Constraint: a year that is not later than the current one."""
    if value > datetime.date.today().year:
        raise YearInFuture(value)
    return True


PERSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "affiliation": {"type": "string"},
            "orcid": {"type": "string"},
            "url": {"type": "string"},
            "person": {"type": "string"},
        },
        "required": ["name"],
        "additionalProperties": False,
    },
}
#: The portal_type of the Person records (socialhub.people) a row may point to.
PERSON_TYPE = "Person"
#: The vocabulary of the Person records the user may see (the rows' picker).
PEOPLE_VOCABULARY = "socialhub.vocabularies.People"


class InvalidRows(ValidationError):
    """A list of rows that does not follow its documented shape.

    The message says which row and which key: ``doc()`` returns it.
    """

    def doc(self):
        return self.args[0] if self.args else self.__doc__


class InvalidPersonList(InvalidRows):
    """A list of people that does not follow the documented shape."""

    __doc__ = _(
        "error_person_list",
        default="Give a list of people, each with a name and optionally an "
        "affiliation, an ORCID iD and a web address.",
    )


class IRowList(IJSONField):
    """A JSON list of dicts whose keys are the fields of ``row_schema``.

    The Classic UI shows it as a grid with one row of inputs per entry
    (``socialhub.core.forms.people``).
    """


def is_record_of_type(uid, portal_type):
    """Whether ``uid`` is the UID of an item of ``portal_type`` on the site.

    Checked without the user's permissions: a row may point to a record
    the editor cannot see (the serializers hide it from such readers).
    """
    if not isinstance(uid, str) or not uid:
        return False
    catalog = api.portal.get_tool("portal_catalog")
    return bool(catalog.unrestrictedSearchResults(UID=uid, portal_type=portal_type))


@implementer(IRowList)
class RowList(JSONField):
    """An ordered list of rows (dicts), checked against ``json_schema``.

    Subclasses give ``json_schema`` (a JSON Schema of the list),
    ``row_schema`` (the interface of a row, for the form's grid),
    ``error`` (the ValidationError class) and may check each row further in
    :meth:`check_row`.
    """

    json_schema = None
    row_schema = None
    error = InvalidRows
    #: The keys of a row that hold the UID of a record: serializers and
    #: view pages show them only to those who may View the record.
    record_keys = ()

    def __init__(self, **kw):
        kw.setdefault("required", False)
        kw.setdefault("default", [])
        kw.setdefault("missing_value", [])
        super().__init__(schema=json.dumps(self.json_schema), **kw)

    @classmethod
    def validator(cls):
        """The JSON Schema validator of the list, built and checked once."""
        if "_validator" not in cls.__dict__:
            validator = jsonschema.validators.validator_for(cls.json_schema)
            validator.check_schema(cls.json_schema)
            cls._validator = validator(cls.json_schema)
        return cls._validator

    def invalid(self, message, value):
        """The error of this field with ``message``, ready to raise."""
        return self.error(message).with_field_and_value(self, value)

    def _validate(self, value):
        # JSONField's own check gives a bare "Wrong contained type": check
        # the base field, then the schema with a message that says where.
        super(JSONField, self)._validate(value)
        error = jsonschema.exceptions.best_match(self.validator().iter_errors(value))
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path)
            raise self.invalid(
                _(
                    "error_person_list_entry",
                    default="${where}: ${problem}",
                    mapping={"where": where or self.__name__, "problem": error.message},
                ),
                value,
            ) from error
        for position, row in enumerate(value):
            self.check_row(position, row, value)

    def check_row(self, position, row, value):
        """Raise :meth:`invalid` for a row whose values are wrong."""


class IPersonList(IRowList):
    """An ordered list of people (name, affiliation, ORCID iD, web address)."""


@implementer(IPersonList)
class PersonList(RowList):
    """An ordered list of people: authors, speakers, instructors.

    Each entry is ``{"name": ..., "affiliation": ..., "orcid": ..., "url": ...,
    "person": ...}``; only ``name`` is required, ``orcid`` must be a valid
    ORCID iD, ``url`` an http(s) address and ``person`` the UID of a Person
    record (socialhub.people).
    """

    json_schema = PERSON_SCHEMA
    error = InvalidPersonList
    record_keys = ("person",)

    @property
    def row_schema(self):
        return IPerson

    def check_row(self, position, person, value):
        if person.get("orcid") and not orcid_is_valid(person["orcid"]):
            raise self.invalid(
                _(
                    "error_person_orcid",
                    default="${position}/orcid: ${orcid} is not a valid ORCID iD.",
                    mapping={"position": position, "orcid": person["orcid"]},
                ),
                value,
            )
        if person.get("url"):
            WebURL(__name__="url").validate(person["url"])
        if "person" in person and not is_record_of_type(person["person"], PERSON_TYPE):
            raise self.invalid(
                _(
                    "error_person_record",
                    default="${position}/person: ${uid} is not the UID of a person.",
                    mapping={"position": position, "uid": person["person"]},
                ),
                value,
            )


class IPerson(Interface):
    """One person of a :class:`PersonList`: the keys of its entries.

    The rows of the Classic UI's people widget
    (``socialhub.core.forms.people``); an entry keeps only the keys that
    have a value, as over REST.
    """

    name = TextLine(title=_("label_person_name", default="Name"), required=True)
    affiliation = TextLine(
        title=_("label_person_affiliation", default="Affiliation"), required=False
    )
    orcid = TextLine(
        title=_("label_person_orcid", default="ORCID iD"),
        required=False,
        constraint=is_orcid,
    )
    url = WebURL(title=_("label_person_url", default="Web address"), required=False)
    person = Choice(
        title=_("label_person_record", default="Person record"),
        description=_(
            "help_person_record",
            default="The person's page on this site, if they have one.",
        ),
        vocabulary=PEOPLE_VOCABULARY,
        required=False,
    )


def persons_text(persons):
    """The names and affiliations of a person list, for SearchableText."""
    return " ".join(
        " ".join(filter(None, (person.get("name"), person.get("affiliation"))))
        for person in persons or ()
    )
