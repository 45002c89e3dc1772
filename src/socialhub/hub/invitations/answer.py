"""Answering an invitation: the steps the REST service and the page share."""

from plone import api
from socialhub.core import _
from socialhub.hub.accounts import create_member
from socialhub.hub.accounts import find_member_by_email
from socialhub.hub.accounts import password_problem
from socialhub.hub.invitations import invite


CLAIM = "claim"
DECLINE = "decline"
ACTIONS = (CLAIM, DECLINE)
MIN_FULLNAME = 1


class AnswerError(ValueError):
    """An answer that cannot be accepted: ``field`` and ``message``."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


ACCOUNT_EXISTS = _(
    "error_invitation_account_exists",
    default="An account with this invitation's e-mail address exists: log in, "
    "then open the link again to claim the entry.",
)
PASSWORD_NEEDED = _(
    "error_invitation_password",
    default="Choose a password of at least 8 characters for your new account.",
)
FULLNAME_TOO_LONG = _(
    "error_invitation_fullname", default="Enter your name in at most 200 characters."
)


def answer(token, action, fullname=None, password=None):
    """Claim or decline the invitation of ``token`` (used up).

    Claiming while logged in links the entry to the current member; else a
    new account is created for the invitation's e-mail with ``password``
    and ``fullname`` (default: the contact name), its login the e-mail
    address (:mod:`socialhub.hub.accounts`). Returns ``(record, entry,
    userid)``; raises a token error or :class:`AnswerError`.
    """
    record = invite.invitation_for(token)
    if action == DECLINE:
        return invite.decline(token), None, None
    if api.user.is_anonymous():
        userid = new_member(record, fullname, password)
    else:
        userid = api.user.get_current().getId()
    record, entry = invite.claim(token, userid)
    return record, entry, userid


def new_member(record, fullname, password):
    """The id of a new member for the invitation's e-mail address."""
    if fullname is not None and (not isinstance(fullname, str) or len(fullname) > 200):
        raise AnswerError("fullname", FULLNAME_TOO_LONG)
    if not isinstance(password, str) or len(password) < 8 or len(password) > 200:
        raise AnswerError("password", PASSWORD_NEEDED)
    problem = password_problem(password)
    if problem:
        raise AnswerError("password", problem)
    if find_member_by_email(record["email"]) is not None:
        raise AnswerError("email", ACCOUNT_EXISTS)
    fullname = " ".join((fullname or "").split()) or record["contact_name"]
    # Holding the link proves the address: the account is active at once.
    userid = create_member(record["email"], fullname, record["language"], active=True)
    api.portal.get_tool("acl_users").userSetPassword(userid, password)
    return userid
