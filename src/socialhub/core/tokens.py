"""Signed, expiring, single-use tokens for the links SocialHub mails.

A confirmation, invitation or claim link carries a token made by
:func:`make_token`: what it is for (its *purpose*), a small JSON-able
*subject* (a user id, an invitation id), when it expires and a random nonce,
signed with HMAC-SHA256 by a secret of the site: the keys of plone.keyring's
``socialhub`` ring, made on first use. plone.protect rotates its own rings
(``_system`` weekly), which would void a month's invitation; ours is rotated
only on purpose (``rotate`` on the key manager), and a token signed with any
of its five keys is good. A token made for one purpose is refused for any
other.

Links are redeemed by a POST (a mail scanner that opens a link must not use
it up): the page a link opens calls :func:`read_token`, which checks the
token without using it; the form it shows posts to code that calls
:func:`redeem_token`, which checks it and records its nonce, so that it works
once. Used nonces are kept in a BTree on the site until their token would have
expired anyway (:func:`forget_expired_tokens`, run by the ``socialhub``
command's scheduled work).
"""

from BTrees.OOBTree import OOBTree
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
from socialhub.core import _
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time


RING = "socialhub"
USED_KEY = "socialhub.core.tokens.used"
#: A token longer than this is refused before it is decoded.
MAX_TOKEN_LENGTH = 2048


class TokenError(ValueError):
    """A token that cannot be used: :attr:`message` says why, for the user."""

    message = None
    #: The HTTP status a REST service answers with.
    status = 400


class InvalidToken(TokenError):
    message = _(
        "token_invalid",
        default="This link is not valid. Check that you copied it whole.",
    )


class ExpiredToken(TokenError):
    message = _("token_expired", default="This link has expired.")
    status = 410


class UsedToken(TokenError):
    message = _("token_used", default="This link has already been used.")
    status = 410


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_keys(create=True):
    """The keys of SocialHub's ring, the current one first.

    Without ``create``, a site that has no ring yet gives no keys and is not
    written to.
    """
    manager = getUtility(IKeyManager)
    if RING not in manager:
        if not create:
            return []
        manager[RING] = Keyring()
        manager[RING].fill()
    return [key for key in manager[RING].data if key]


def _signature(key, purpose, body):
    message = f"{purpose}.{body}".encode()
    return _b64encode(hmac.new(key.encode(), message, hashlib.sha256).digest())


def make_token(purpose, subject, max_age):
    """A token for ``purpose`` carrying ``subject``, valid ``max_age`` seconds.

    ``subject`` is anything JSON can carry (keep it small: it is in a URL).
    """
    payload = {
        "s": subject,
        "e": int(time.time() + max_age),
        "n": secrets.token_urlsafe(12),
    }
    body = _b64encode(json.dumps(payload, separators=(",", ":")).encode())
    return f"{body}.{_signature(signing_keys()[0], purpose, body)}"


def _payload(purpose, token):
    """The checked payload of ``token``; raises a :class:`TokenError`."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken()
    body, _dot, signature = token.partition(".")
    if not body or not signature:
        raise InvalidToken()
    if not any(
        hmac.compare_digest(signature, _signature(key, purpose, body))
        for key in signing_keys(create=False)
    ):
        raise InvalidToken()
    try:
        payload = json.loads(_b64decode(body))
    except (binascii.Error, ValueError):
        raise InvalidToken() from None
    if not isinstance(payload, dict) or not {"s", "e", "n"} <= payload.keys():
        raise InvalidToken()
    if payload["e"] < time.time():
        raise ExpiredToken()
    if payload["n"] in _used(create=False):
        raise UsedToken()
    return payload


def read_token(purpose, token):
    """The subject of a valid, unused ``token`` made for ``purpose``.

    Does not use the token up. Raises :class:`InvalidToken`,
    :class:`ExpiredToken` or :class:`UsedToken`.
    """
    return _payload(purpose, token)["s"]


def redeem_token(purpose, token):
    """The subject of ``token``, which is used up: it works once.

    Raises as :func:`read_token` does. Call it in the transaction that does
    what the token allows: if that transaction aborts, the token stays
    usable.
    """
    payload = _payload(purpose, token)
    _used()[payload["n"]] = payload["e"]
    return payload["s"]


def _used(portal=None, create=True):
    """The used nonces of the site, mapped to the time their token expires.

    Without ``create``, a site that has none yet gives an empty mapping and
    is not written to (reading a token must not write).
    """
    annotations = IAnnotations(portal or api.portal.get())
    used = annotations.get(USED_KEY)
    if used is None:
        if not create:
            return {}
        used = annotations[USED_KEY] = OOBTree()
    return used


def forget_expired_tokens(portal=None, now=None):
    """Drop the used nonces of expired tokens; returns how many went.

    An expired token is refused for its date, so its nonce need not be kept.
    Safe to run at any time, and twice.
    """
    now = time.time() if now is None else now
    used = _used(portal, create=False)
    expired = [nonce for nonce, expiry in used.items() if expiry < now]
    for nonce in expired:
        del used[nonce]
    return len(expired)
