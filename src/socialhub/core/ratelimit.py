"""How often one client may do a thing: registrations, reports, invitations.

:func:`check_rate` counts what a key (a client's address, an e-mail
address, a member) did in a *bucket* (``register-organisation``, say) in the
last ``period`` seconds, refuses with 429 Too Many Requests once it reached
``limit``, and otherwise records this time. The counts live in the ZODB (a
BTree on the site), so that every Zope process of a site shares them (a
count in memory would give each process, and each restart, its own limit).

What is recorded is written by the request's own transaction: an attempt
that is refused for any reason (bad input, say, answered with a 4xx whose
transaction SocialHub drops) is not counted; a limit bounds what a client
can *make*, while a bad request makes nothing. Keys are stored as keyed
hashes (HMAC with the site's secret), never as the addresses themselves.
"""

from BTrees.OOBTree import OOBTree
from plone import api
from socialhub.core import _
from socialhub.core.tokens import signing_keys
from zExceptions import HTTPTooManyRequests
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate

import hashlib
import hmac
import math
import time


ATTEMPTS_KEY = "socialhub.core.ratelimit.attempts"


class RateLimited(HTTPTooManyRequests):
    """429: ``key`` did this too often; retry after :attr:`retry_after` s."""

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


def client_address(request=None):
    """The address of the client of ``request`` (Zope's, which honours
    ``X-Forwarded-For`` only from the proxies ``trusted-proxy`` names)."""
    request = request if request is not None else getRequest()
    return (request.getClientAddr() if request is not None else "") or "unknown"


def _hashed(bucket, key):
    # Rotating SocialHub's ring (only ever done on purpose) resets the counts.
    secret = signing_keys()[0]
    digest = hmac.new(secret.encode(), f"{bucket}\0{key}".encode(), hashlib.sha256)
    return f"{bucket}:{digest.hexdigest()[:32]}"


def _attempts(create):
    annotations = IAnnotations(api.portal.get())
    attempts = annotations.get(ATTEMPTS_KEY)
    if attempts is None and create:
        attempts = annotations[ATTEMPTS_KEY] = OOBTree()
    return attempts


def recent_attempts(bucket, key, period, now=None):
    """The times ``key`` did ``bucket``'s thing in the last ``period`` seconds."""
    now = time.time() if now is None else now
    attempts = _attempts(create=False)
    if attempts is None:
        return ()
    return tuple(t for t in attempts.get(_hashed(bucket, key), ()) if t > now - period)


def check_rate(bucket, key, limit, period, now=None):
    """Refuse (:class:`RateLimited`) or record one attempt of ``key``.

    At most ``limit`` attempts in any ``period`` seconds. The error's message
    is translated for the current request and says when to try again; the
    answer carries a ``Retry-After`` header.
    """
    now = time.time() if now is None else now
    recent = recent_attempts(bucket, key, period, now)
    if len(recent) >= limit:
        retry_after = max(1, math.ceil(min(recent) + period - now))
        request = getRequest()
        message = _(
            "error_rate_limited",
            default="Too many attempts from you: try again in ${minutes} minutes.",
            mapping={"minutes": max(1, math.ceil(retry_after / 60))},
        )
        if request is not None:
            request.response.setHeader("Retry-After", str(retry_after))
        raise RateLimited(translate(message, context=request), retry_after)
    _attempts(create=True)[_hashed(bucket, key)] = (*recent, now)


def forget_old_attempts(period, now=None):
    """Drop the attempts older than ``period`` seconds; returns how many keys went.

    Safe to run at any time, and twice.
    """
    now = time.time() if now is None else now
    attempts = _attempts(create=False)
    if attempts is None:
        return 0
    stale = [key for key, times in attempts.items() if max(times) <= now - period]
    for key in stale:
        del attempts[key]
    return len(stale)
