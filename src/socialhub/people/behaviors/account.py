"""The member account a Person record belongs to (``socialhub.people.account``).

Only "socialhub.people: Link person to member" (Site Administrator,
Manager) writes ``member_id``; plone.restapi silently skips it for others.
The member becomes the record's Owner (local role, see
:func:`socialhub.people.subscribers.give_ownership`) and so edits their own
profile. The user id is private: read as contact details are.
"""

from plone import api
from plone.app.multilingual.dx import directives as multilingual
from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from socialhub.core import _
from socialhub.people.permissions import LINK_PERSON_ACCOUNT_ID
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import ValidationError


class UnknownMember(ValidationError):
    __doc__ = _("error_unknown_member", default="There is no member with this user id.")


def is_member(value):
    """Constraint: ``value`` is the id of an existing member."""
    if api.user.get(userid=value) is None:
        raise UnknownMember(value)
    return True


@provider(IFormFieldProvider)
class IPersonAccount(model.Schema):
    """The member account of a Person record."""

    model.fieldset(
        "account",
        label=_("fieldset_account", default="Member account"),
        fields=["member_id"],
    )

    member_id = schema.TextLine(
        title=_("label_member_id", default="Member account"),
        description=_(
            "help_member_id",
            default="The user id of the member this record describes: they "
            "may then edit it.",
        ),
        required=False,
        constraint=is_member,
    )

    directives.write_permission(member_id=LINK_PERSON_ACCOUNT_ID)
    directives.read_permission(member_id="socialhub.ViewContactDetails")
    multilingual.languageindependent("member_id")
