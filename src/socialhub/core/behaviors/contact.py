"""Contact details that only the owner, editors and reviewers may read."""

from plone.app.multilingual.dx import directives as multilingual
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.schema import Email
from plone.supermodel import model
from socialhub.core import _
from zope import schema
from zope.interface import provider

import re


CONTACT_FIELDS = ("contact_person", "contact_email", "contact_phone")


class InvalidPhone(schema.ValidationError):
    __doc__ = _(
        "error_phone",
        default="Enter a phone number of digits, spaces and + ( ) - . only, "
        "such as +41 22 799 6111.",
    )


def is_phone(value):
    """Constraint: an international phone number, loosely formatted."""
    if not re.fullmatch(r"\+?[\d\s().-]{6,30}", value):
        raise InvalidPhone(value)
    return True


@provider(IFormFieldProvider)
class IContactDetails(model.Schema):
    """Who to contact about an actor or an initiative.

    Anonymous and other members never read these fields: the
    ``socialhub: View contact details`` permission guards them in forms and in
    every REST response, and they are neither indexed nor in SearchableText.
    """

    model.fieldset(
        "contact",
        label=_("fieldset_contact", default="Contact"),
        fields=list(CONTACT_FIELDS),
    )

    contact_person = schema.TextLine(
        title=_("label_contact_person", default="Contact person"),
        required=False,
    )
    contact_email = Email(
        title=_("label_contact_email", default="Contact e-mail"),
        required=False,
    )
    contact_phone = schema.TextLine(
        title=_("label_contact_phone", default="Contact phone"),
        description=_(
            "help_contact_phone",
            default="In international format, e.g. +41 22 799 6111.",
        ),
        required=False,
        constraint=is_phone,
    )

    directives.read_permission(
        **dict.fromkeys(CONTACT_FIELDS, "socialhub.ViewContactDetails")
    )
    directives.write_permission(
        **dict.fromkeys(CONTACT_FIELDS, "cmf.ModifyPortalContent")
    )
    multilingual.languageindependent(*CONTACT_FIELDS)
