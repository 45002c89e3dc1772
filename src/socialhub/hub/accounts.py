"""Member accounts made for people who register themselves or are invited.

:func:`create_member` makes the account of an e-mail address that nobody has
proven yet: it cannot log in until :func:`confirm_member` redeems the token of
:func:`confirmation_token`, mailed to that address, with the password the
person chooses.

- **Who is who.** The user id is opaque (``member-`` and random letters), the
  login name is the e-mail address, in lower case. The user id is what
  Plone shows as the creator of content (``creators`` in every REST answer
  of a published entry): an e-mail or a name there would publish the contact
  details SocialHub keeps private. People log in with the address they
  registered with, which they know.
- **Inactive until confirmed.** The account is made with a long random
  password that is never shown, stored or mailed: nobody can log in with it.
  Confirming sets the password the person chooses, as Plone's own
  "validate e-mail" registration does (no PAS plugin to switch accounts on
  and off, so nothing Plone or an add-on does with accounts has to know
  about a second switch). Until then the account is *pending*
  (:func:`is_pending`), which a registration that names the same address
  again can see. Plone's "forgot password" mail also proves the address; a
  person who takes that way in is as confirmed as by our link.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from socialhub.core import _
from socialhub.core.tokens import make_token
from socialhub.core.tokens import read_token
from socialhub.core.tokens import redeem_token
from zope.annotation.interfaces import IAnnotations

import secrets


PURPOSE = "confirm-registration"
#: How long a confirmation link works (seconds).
CONFIRMATION_MAX_AGE = 7 * 24 * 3600
PENDING_KEY = "socialhub.hub.accounts.pending"
USERID_PREFIX = "member-"


class AccountError(ValueError):
    """An account cannot be confirmed: :attr:`message` says why, for the user."""

    status = 400

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        #: The form field the error is about (``password``), if any.
        self.field = field


def normalized_email(email):
    """``email`` as logins and look-ups compare it: stripped, lower case."""
    return (email or "").strip().lower()


def _pending(create=False):
    annotations = IAnnotations(api.portal.get())
    pending = annotations.get(PENDING_KEY)
    if pending is None and create:
        pending = annotations[PENDING_KEY] = OOBTree()
    return pending if pending is not None else {}


def _new_userid():
    while True:
        userid = USERID_PREFIX + secrets.token_hex(5)
        if api.user.get(userid=userid) is None:
            return userid


def create_member(email, fullname, language, active=False):
    """Make a member account for ``email``; returns its user id.

    The login name is the e-mail address (lower case), the user id opaque.
    Unless ``active``, the account cannot log in until confirmed
    (:func:`confirmation_token`, :func:`confirm_member`). The member is not
    listed in Plone's member search. Raises ``ValueError`` if an account
    already has this address: look it up first (:func:`find_member_by_email`).
    """
    login = normalized_email(email)
    if not login:
        raise ValueError("An e-mail address is needed.")
    if find_member_by_email(login):
        raise ValueError(f"An account already has the address {login!r}.")
    userid = _new_userid()
    api.user.create(
        email=login,
        username=userid,
        password=secrets.token_urlsafe(32),
        properties={
            "fullname": fullname or "",
            "language": language or "",
            "listed": False,
        },
    )
    api.portal.get_tool("acl_users").updateLoginName(userid, login)
    if not active:
        _pending(create=True)[userid] = login
    return userid


def is_pending(userid):
    """Whether ``userid``'s account waits for its e-mail to be confirmed."""
    return userid in _pending()


def confirmation_token(userid, max_age=CONFIRMATION_MAX_AGE):
    """The signed, expiring, single-use token that confirms ``userid``.

    It works ``max_age`` seconds (a week by default).
    """
    return make_token(PURPOSE, userid, max_age)


def pending_member(token):
    """The user id a confirmation ``token`` is for, without using it up.

    For the page a confirmation link opens. Raises
    :class:`socialhub.core.tokens.TokenError` for a bad, expired or used
    token, :class:`AccountError` if the account is gone.
    """
    userid = read_token(PURPOSE, token)
    if not isinstance(userid, str) or api.user.get(userid=userid) is None:
        raise AccountError(_("account_gone", default="This account no longer exists."))
    return userid


def password_problem(password):
    """Why ``password`` may not be chosen (a message), or None."""
    if not isinstance(password, str) or not password:
        return _("error_password_required", default="Choose a password.")
    problem = api.portal.get_tool("portal_registration").testPasswordValidity(password)
    return problem or None


def confirm_member(token, password):
    """Redeem a confirmation ``token``: the account gets ``password``.

    Returns the user id. The token is checked and the password validated
    before the token is used up, so a refused password leaves the link
    usable. Raises :class:`socialhub.core.tokens.TokenError` (bad: 400,
    expired or used: 410) or :class:`AccountError` (a refused password, with
    ``field`` ``password``; a removed account).
    """
    userid = pending_member(token)
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, field="password")
    redeem_token(PURPOSE, token)
    api.portal.get_tool("acl_users").userSetPassword(userid, password)
    pending = _pending()
    if userid in pending:
        del pending[userid]
    return userid


def find_member_by_email(email):
    """The user id of the account of ``email`` (any case), or None.

    Looks at login names first (the accounts this module makes), then at
    the e-mail property of every other account.
    """
    wanted = normalized_email(email)
    if not wanted:
        return None
    acl_users = api.portal.get_tool("acl_users")
    for criteria in ({"login": wanted}, {"email": wanted}):
        for info in acl_users.searchUsers(exact_match=True, **criteria):
            userid = info.get("userid") or info.get("id")
            user = api.user.get(userid=userid)
            if user is None:
                continue
            if normalized_email(user.getProperty("email")) == wanted or (
                normalized_email(info.get("login")) == wanted
            ):
                return userid
    return None
