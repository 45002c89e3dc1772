"""Schema fields and validators shared by the SocialHub content types.

Each validator raises a ValidationError subclass whose docstring is the
message an editor or a REST client reads (plone.restapi answers 400 with it,
translated, next to the field name).
"""

from plone.app.vocabularies.catalog import CatalogSource
from plone.schema import JSONField
from plone.schema.jsonfield import IJSONField
from socialhub.core import _
from urllib.parse import urlsplit
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.interface import implementer
from zope.schema import URI
from zope.schema.interfaces import IURI
from zope.schema.interfaces import ValidationError

import datetime
import json
import jsonschema
import pycountry
import re


WEB_SCHEMES = ("http", "https")


class InvalidWebURL(ValidationError):
    __doc__ = _(
        "error_web_url",
        default="Enter a web address that starts with http:// or https://.",
    )


class IWebURL(IURI):
    """A URI a browser can open safely: http or https, with a host."""


@implementer(IWebURL)
class WebURL(URI):
    """A ``zope.schema.URI`` that refuses every scheme but http and https.

    ``zope.schema.URI`` accepts ``javascript:`` and ``data:`` URLs, which a
    frontend would render as links: this field never stores them.
    """

    def _validate(self, value):
        super()._validate(value)
        parts = urlsplit(value)
        if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
            raise InvalidWebURL(value).with_field_and_value(self, value)


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
        },
        "required": ["name"],
        "additionalProperties": False,
    },
}
# What jsonschema.validate builds at every call, checking the schema itself
# each time: built and checked once.
PERSON_VALIDATOR = jsonschema.validators.validator_for(PERSON_SCHEMA)(PERSON_SCHEMA)
PERSON_VALIDATOR.check_schema(PERSON_SCHEMA)


class InvalidPersonList(ValidationError):
    """A list of people that does not follow the documented shape."""

    __doc__ = _(
        "error_person_list",
        default="Give a list of people, each with a name and optionally an "
        "affiliation, an ORCID iD and a web address.",
    )

    def doc(self):
        return self.args[0] if self.args else self.__doc__


class IPersonList(IJSONField):
    """An ordered list of people (name, affiliation, ORCID iD, web address)."""


@implementer(IPersonList)
class PersonList(JSONField):
    """An ordered list of people: authors, speakers, instructors.

    Each entry is ``{"name": ..., "affiliation": ..., "orcid": ..., "url": ...}``;
    only ``name`` is required, ``orcid`` must be a valid ORCID iD and ``url``
    an http(s) address.
    """

    def __init__(self, **kw):
        kw.setdefault("required", False)
        kw.setdefault("default", [])
        kw.setdefault("missing_value", [])
        super().__init__(schema=json.dumps(PERSON_SCHEMA), **kw)

    def _validate(self, value):
        # JSONField's own check gives a bare "Wrong contained type": check
        # the base field, then the schema with a message that says where.
        super(JSONField, self)._validate(value)
        error = jsonschema.exceptions.best_match(PERSON_VALIDATOR.iter_errors(value))
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path)
            raise InvalidPersonList(
                _(
                    "error_person_list_entry",
                    default="${where}: ${problem}",
                    mapping={"where": where or self.__name__, "problem": error.message},
                )
            ).with_field_and_value(self, value) from error
        for position, person in enumerate(value):
            if person.get("orcid") and not orcid_is_valid(person["orcid"]):
                raise InvalidPersonList(
                    _(
                        "error_person_orcid",
                        default="${position}/orcid: ${orcid} is not a valid ORCID iD.",
                        mapping={"position": position, "orcid": person["orcid"]},
                    )
                ).with_field_and_value(self, value)
            if person.get("url"):
                WebURL(__name__="url").validate(person["url"])


def organisation_relations(title, description=""):
    """An ordered list of relations to organisations (Actors), optional.

    Schemas still declare the related-items widget for the field (a
    directive belongs in the class body)::

        directives.widget("partners", RelatedItemsFieldWidget,
                          vocabulary="plone.app.vocabularies.Catalog",
                          pattern_options={"selectableTypes": ["Actor"]})
    """
    return RelationList(
        title=title,
        description=description,
        value_type=RelationChoice(
            title=_("label_organisation", default="Organisation"),
            source=CatalogSource(portal_type="Actor"),
        ),
        required=False,
        default=[],
    )


def persons_text(persons):
    """The names and affiliations of a person list, for SearchableText."""
    return " ".join(
        " ".join(filter(None, (person.get("name"), person.get("affiliation"))))
        for person in persons or ()
    )
