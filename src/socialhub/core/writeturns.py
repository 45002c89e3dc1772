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
hands out the connection returned last. Readers never wait. Processes that
share a database (RelStorage) still write concurrently, and the ZODB's
conflict detection and Zope's retries still apply between them.

A writer that waits longer than :data:`WAIT_SECONDS` (while a long import
holds the turn, say) goes ahead without a turn, as in stock Zope, and a
warning is logged.
"""

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
        if not self.semaphore.acquire(timeout=WAIT_SECONDS):
            logger.warning(
                "%s %s waited %s s for its turn to write and goes ahead concurrently.",
                method,
                environ.get("PATH_INFO", ""),
                WAIT_SECONDS,
            )
            return self.application(environ, start_response)
        try:
            # Zope's publisher commits or aborts, and closes the request's
            # ZODB connection, before it returns the body.
            return self.application(environ, start_response)
        finally:
            self.semaphore.release()


def make_filter(application, global_conf, writers=None):
    """PasteDeploy filter factory (``egg:socialhub#writeturns``).

    ``writers`` comes from the filter's section or else from the global
    configuration ``socialhub serve`` passes (``SOCIALHUB_WRITERS``).
    """
    if writers is None:
        writers = global_conf.get("writers", DEFAULT_WRITERS)
    return WriteTurns(application, int(writers))
