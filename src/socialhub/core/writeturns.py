"""Writing requests of one Zope process take turns; reading requests never wait.

Zope serves requests in several threads, but CPython runs the Python code of
one thread at a time: two writing requests in one process take as long
together as one after the other. Run at the same time, they only collide. A
creation inserts into the same BTrees as every other creation (the catalog's
indexes and records, the intids, the section), and when a bucket of one of
them splits, every concurrent transaction that inserted into that BTree
conflicts at its commit. Zope then aborts it and runs the whole request
again, after a random wait that doubles with every retry: CPU spent twice,
and seconds of latency. Measured with eight concurrent writers on one
process, about one write in four conflicted (``benchmarks/README.md``).

So a request that may write (any method but GET, HEAD, OPTIONS, TRACE and
PROPFIND) waits for its turn before its transaction begins, and gives the
turn back when its transaction has committed or aborted, before Zope's wait
for a retry. A request that takes its turn starts a new transaction, so it
sees what the previous writer committed: writers of one process no longer
conflict with each other. Processes that share a database (RelStorage) still
write concurrently, and the ZODB's conflict detection and Zope's retries
still apply between them.

A writer that waits longer than :data:`WAIT_SECONDS` (while a long import
holds the turn, say) goes ahead without a turn, as in stock Zope.

How many writing requests run at once is ``writers`` in zope.conf's
``<product-config socialhub>`` (``SOCIALHUB_WRITERS``, default 1); ``0``
turns the turns off.
"""

from App.config import getConfiguration
from socialhub.cli import DEFAULT_WRITERS
from zope.component import adapter
from zope.publisher.interfaces import IEndRequestEvent
from ZPublisher.interfaces import IPubFailure
from ZPublisher.interfaces import IPubStart
from ZPublisher.interfaces import IPubSuccess

import logging
import threading
import transaction


logger = logging.getLogger(__name__)

#: Methods that do not change anything (RFC 9110 "safe" methods, and
#: WebDAV's PROPFIND): their requests never wait.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND"})
#: How long a writer waits for its turn before it goes ahead anyway.
WAIT_SECONDS = 10
#: The request attribute that says the request holds a turn.
HOLDS_TURN = "_socialhub_holds_write_turn"


def configured_writers():
    """How many writing requests may run at once (0: no limit)."""
    config = getattr(getConfiguration(), "product_config", None) or {}
    return int(config.get("socialhub", {}).get("writers", DEFAULT_WRITERS))


class WriteTurns:
    """At most ``writers`` holders of a turn at a time; 0 means no limit."""

    def __init__(self, writers):
        self.writers = writers
        self._turns = threading.BoundedSemaphore(writers) if writers else None

    def take(self, timeout):
        """Wait up to ``timeout`` seconds for a turn; whether one was taken."""
        if self._turns is None:
            return False
        return self._turns.acquire(timeout=timeout)

    def give_back(self):
        """Give back a turn :meth:`take` took."""
        self._turns.release()


_process_turns = None
_creating = threading.Lock()


def process_turns():
    """The turns of this process, made with the configured size at first use."""
    global _process_turns
    with _creating:
        if _process_turns is None:
            _process_turns = WriteTurns(configured_writers())
        return _process_turns


@adapter(IPubStart)
def wait_for_turn(event):
    """Make a request that may write wait for its turn, then start afresh."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() in SAFE_METHODS:
        return
    turns = process_turns()
    if turns.take(WAIT_SECONDS):
        setattr(request, HOLDS_TURN, True)
        # The transaction began before the wait: begin again, so that it
        # starts from what the writers before this one committed.
        transaction.begin()
    elif turns.writers:
        logger.warning(
            "%s %s waited %s s for its turn to write and goes ahead concurrently.",
            request.get("REQUEST_METHOD"),
            request.get("PATH_INFO"),
            WAIT_SECONDS,
        )


@adapter(IPubSuccess)
def give_turn_back_after_commit(event):
    """The transaction committed: the next writer may go."""
    _give_turn_back(event.request)


@adapter(IPubFailure)
def give_turn_back_after_abort(event):
    """The transaction aborted: the next writer may go (before any retry's wait)."""
    _give_turn_back(event.request)


@adapter(IEndRequestEvent)
def give_turn_back_at_end(event):
    """The request ends: give back a turn an unusual exit kept."""
    _give_turn_back(event.request)


def _give_turn_back(request):
    if vars(request).pop(HOLDS_TURN, False):
        process_turns().give_back()
