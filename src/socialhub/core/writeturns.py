"""Writing requests of one Zope process take turns; reading requests never wait.

Zope serves requests in several threads, but CPython runs the Python code of
one thread at a time: two writing requests in one process take as long
together as one after the other. Run at the same time, they only collide. A
creation inserts into the same BTrees as every other creation (the catalog's
indexes and records, the intids, the section), and when a bucket of one of
them splits, every concurrent transaction that inserted into that BTree
conflicts at its commit. Zope then aborts it and runs the whole request
again, after a random wait that doubles with every retry: CPU spent twice,
and seconds of latency. Each writer also has a ZODB connection of its own,
whose cached objects the others' commits make stale: it loads again the
index buckets the writer before it changed.

:class:`WriteTurns` is a WSGI middleware, placed in front of Zope's
publisher (``instance/etc/zope.ini``). A request that may write (any method
but GET, HEAD, OPTIONS, TRACE and PROPFIND) waits for its turn before Zope
opens a ZODB connection for it, and gives the turn back once Zope has
committed or aborted its transaction and closed the connection. So writers
of one process never conflict with each other, and the next writer gets the
connection the last one used, whose cache is up to date: the ZODB's pool
hands out the connection returned last. Readers never wait for a turn;
like every request they need one of the server's threads, which writers
waiting for their turn occupy as they did while they ran. Processes that
share a database (RelStorage) still write concurrently, and the ZODB's
conflict detection and Zope's retries still apply between them.

When a transaction conflicts with another process's, Zope waits a random
while and runs the request again: the request gives its turn back for that
wait (:class:`TurnTakingRequest`), so that the process's other writers go on.

A writer that waits longer than :data:`WAIT_SECONDS` (while a long import
holds the turn, say) goes ahead without a turn, as in stock Zope, and a
warning is logged. The middleware must come right before Zope in the
pipeline: it hands Zope's publisher its own request class.
"""

from socialhub.core.compat.zope import publish_with_request_class
from ZPublisher.HTTPRequest import WSGIRequest
from ZPublisher.WSGIPublisher import publish_module

import logging
import threading


logger = logging.getLogger(__name__)

#: Methods that do not change anything (RFC 9110 "safe" methods, and
#: WebDAV's PROPFIND): their requests never wait.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND"})
#: How many writing requests run at once when nothing else is configured.
DEFAULT_WRITERS = 1
#: How long a writer waits for its turn before it goes ahead anyway.
WAIT_SECONDS = 10
#: The WSGI environment key of a writing request's :class:`Turn`.
TURN = "socialhub.writeturn"


class Turn:
    """A writing request's turn among the ``semaphore``'s."""

    def __init__(self, semaphore, method, path):
        self.semaphore = semaphore
        self.request = f"{method} {path}"
        self.held = False

    def take(self):
        """Wait for the turn, or go ahead after :data:`WAIT_SECONDS`."""
        self.held = self.semaphore.acquire(timeout=WAIT_SECONDS)
        if not self.held:
            logger.warning(
                "%s waited %s s for its turn to write and goes ahead concurrently.",
                self.request,
                WAIT_SECONDS,
            )

    def give_back(self):
        """Give the turn back, if it was taken."""
        if self.held:
            self.held = False
            self.semaphore.release()


class TurnTakingRequest(WSGIRequest):
    """Zope's request, which gives its turn back while Zope waits to retry it."""

    def delay_retry(self):
        turn = self.environ.get(TURN)
        if turn is None:
            super().delay_retry()
            return
        turn.give_back()
        try:
            super().delay_retry()
        finally:
            turn.take()


class WriteTurns:
    """WSGI middleware: at most ``writers`` writing requests in ``application``
    at a time (0: no limit).

    ``semaphore`` holds the turns (None when there is no limit).
    """

    def __init__(self, application, writers=DEFAULT_WRITERS):
        self.application = application
        self.writers = writers
        self.semaphore = threading.BoundedSemaphore(writers) if writers else None

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if self.semaphore is None or method in SAFE_METHODS:
            return self.application(environ, start_response)
        turn = environ[TURN] = Turn(self.semaphore, method, environ.get("PATH_INFO"))
        turn.take()
        try:
            # Zope's publisher commits or aborts, and closes the request's
            # ZODB connection, before it returns the body.
            return publish_with_request_class(
                self.application, environ, start_response, TurnTakingRequest
            )
        finally:
            turn.give_back()


def make_filter(application, global_conf, writers=None):
    """PasteDeploy filter factory (``egg:socialhub#writeturns``).

    ``writers`` comes from the filter's section or else from the global
    configuration ``socialhub serve`` passes (``SOCIALHUB_WRITERS``).
    """
    if application is not publish_module:
        raise ValueError(
            "socialhub's writeturns filter must come right before Zope "
            "(egg:Zope#main) in the WSGI pipeline."
        )
    if writers is None:
        writers = global_conf.get("writers", DEFAULT_WRITERS)
    return WriteTurns(application, int(writers))
