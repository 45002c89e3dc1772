"""Writing requests of one process take turns; reading requests never wait.

Through real HTTP (the functional layer's WSGI server, four threads, with
zope.ini's ``writeturns`` middleware): a first writer is held inside its
transaction (an event handler of the test waits), a second one is sent
meanwhile, and what each request saw and answered is compared with what
happens without turns (no limit, Zope's own behaviour).
"""

from plone import api
from plone.dexterity.interfaces import IDexterityContent
from socialhub.core import writeturns
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock
from zope.component import getGlobalSiteManager
from zope.component import provideHandler
from zope.lifecycleevent.interfaces import IObjectModifiedEvent
from ZPublisher.httpexceptions import HTTPExceptionHandler
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.interfaces import IPubFailure
from ZPublisher.WSGIPublisher import publish_module

import threading
import transaction
import unittest


HELD_TITLE = "Held by the first writer"
# Long enough for a request that does not wait to be answered.
SETTLE_SECONDS = 3
TIMEOUT = 60


class HeldEdit:
    """Holds the first edit that sets HELD_TITLE until :meth:`release`."""

    def __init__(self):
        self.entered = threading.Event()
        self.released = threading.Event()

    def __call__(self, item, event):
        if item.title == HELD_TITLE and not self.released.is_set():
            self.entered.set()
            self.released.wait(TIMEOUT)

    def release(self):
        self.released.set()


class Request(threading.Thread):
    """One REST request in a thread (and a session) of its own."""

    def __init__(self, layer, method, path, **kwargs):
        super().__init__()
        self.session = api_session(layer)
        self.call = (method, path, kwargs)
        self.response = None

    def run(self):
        method, path, kwargs = self.call
        try:
            self.response = self.session.request(
                method, path, timeout=TIMEOUT, **kwargs
            )
        finally:
            self.session.close()

    def answer(self):
        """Wait for the answer; its status code."""
        self.join(TIMEOUT)
        return self.response.status_code


class TestWriteTurns(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        self.item = api.content.create(
            container=portal["en"]["publications"],
            type="Publication",
            id="shared",
            title="Social protection floors",
        )
        transaction.commit()
        self.path = "en/publications/shared"
        self.held = HeldEdit()
        self.retries = []
        self.subscribe(self.held, (IDexterityContent, IObjectModifiedEvent))
        self.subscribe(self.count_retry, (IPubFailure,))
        self.turns = self.layer["write_turns"]
        # Every request ends before the test does (and its database goes).
        self.requests = []
        self.addCleanup(self.finish_requests)

    def finish_requests(self):
        self.held.release()
        for request in self.requests:
            request.join(TIMEOUT)

    def subscribe(self, handler, required):
        provideHandler(handler, required)
        self.addCleanup(getGlobalSiteManager().unregisterHandler, handler, required)

    def count_retry(self, event):
        if event.retry:
            self.retries.append(event.request["PATH_INFO"])

    def start(self, method, **kwargs):
        request = Request(self.layer, method, self.path, **kwargs)
        request.start()
        self.requests.append(request)
        return request

    def hold_first_writer(self):
        first = self.start("PATCH", json={"title": HELD_TITLE})
        self.assertTrue(self.held.entered.wait(TIMEOUT), "the first edit never ran")
        return first

    def title_now(self):
        return api_session(self.layer, self).get(self.path).json()["title"]

    def test_second_writer_waits_then_starts_from_the_first_ones_commit(self):
        first = self.hold_first_writer()
        second = self.start("PATCH", json={"title": "Second writer's title"})
        second.join(SETTLE_SECONDS)
        self.assertTrue(second.is_alive(), "the second writer did not wait")

        self.held.release()
        self.assertEqual(first.answer(), 204)
        self.assertEqual(second.answer(), 204)
        # The second edit began after the first committed: no conflict, no
        # retry, and the last edit sent is the one kept.
        self.assertEqual(self.retries, [])
        self.assertEqual(self.title_now(), "Second writer's title")

    def test_readers_do_not_wait(self):
        first = self.hold_first_writer()
        reader = self.start("GET")
        reader.join(SETTLE_SECONDS)
        self.assertFalse(reader.is_alive(), "the reader waited for the writer")
        self.assertEqual(reader.answer(), 200)
        self.assertEqual(reader.response.json()["title"], "Social protection floors")
        self.assertTrue(first.is_alive())
        self.held.release()
        self.assertEqual(first.answer(), 204)

    def test_without_turns_writers_conflict(self):
        # No limit: Zope's own behaviour, which the turns replace.
        with mock.patch.object(self.turns, "semaphore", None):
            first = self.hold_first_writer()
            second = self.start("PATCH", json={"title": "Second writer's title"})
            second.join(SETTLE_SECONDS)
            self.assertFalse(second.is_alive(), "the second writer waited")
            self.assertEqual(second.answer(), 204, second.response.text)

            self.held.release()
            self.assertEqual(first.answer(), 204)
        # The first writer's transaction conflicted with the second's commit
        # and its request was run again: the first edit, sent first, is kept.
        self.assertEqual(self.retries, [f"/plone/{self.path}"])
        self.assertEqual(self.title_now(), HELD_TITLE)

    def test_turn_given_back_while_waiting_to_retry(self):
        # Zope's random wait before a retry, made to last until the second
        # writer has been answered (or SETTLE_SECONDS).
        answered_meanwhile = []

        def delay_retry(request):
            second.join(SETTLE_SECONDS)
            answered_meanwhile.append(not second.is_alive())

        first = self.hold_first_writer()
        # Another process edits the item: the first writer will conflict.
        self.item.title = "Another process's title"
        transaction.commit()
        second = self.start("PATCH", json={"description": "Second writer's"})
        with mock.patch.object(HTTPRequest, "delay_retry", delay_retry):
            self.held.release()
            self.assertEqual(first.answer(), 204)
        self.assertEqual(second.answer(), 204)
        self.assertEqual(self.retries, [f"/plone/{self.path}"])
        self.assertEqual(answered_meanwhile, [True])
        # The retry began after both commits, and kept them.
        item = api_session(self.layer, self).get(self.path).json()
        self.assertEqual(
            (item["title"], item["description"]), (HELD_TITLE, "Second writer's")
        )

    def test_a_writer_waiting_too_long_goes_ahead(self):
        with mock.patch.object(writeturns, "WAIT_SECONDS", 0.5):
            first = self.hold_first_writer()
            with self.assertLogs(writeturns.logger, "WARNING") as logs:
                second = self.start("PATCH", json={"title": "Second writer's title"})
                second.join(SETTLE_SECONDS)
                self.assertFalse(second.is_alive(), "the second writer still waits")
            self.assertEqual(second.answer(), 204)
            self.held.release()
            self.assertEqual(first.answer(), 204)
        self.assertEqual(
            [record.getMessage() for record in logs.records],
            [
                f"PATCH /plone/{self.path} waited 0.5 s for its turn to write "
                "and goes ahead concurrently."
            ],
        )

    def test_turn_given_back_after_failures(self):
        manager = api_session(self.layer, self)
        anonymous = api_session(self.layer, self, auth=None)
        for session, payload, status in (
            (manager, {"title": "Edited", "no_such_field": 1}, 400),
            (anonymous, {"title": "Edited"}, 401),
            (manager, {"title": "Edited"}, 204),
        ):
            self.assertEqual(session.patch(self.path, json=payload).status_code, status)
            semaphore = self.turns.semaphore
            self.assertTrue(
                semaphore.acquire(timeout=0), f"the turn was kept after a {status}"
            )
            semaphore.release()


class TestMakeFilter(unittest.TestCase):
    """The PasteDeploy factory: where the filter goes, and how many writers."""

    def test_writers_from_the_section_or_the_global_configuration(self):
        for global_conf, local, writers in (
            ({}, {}, 1),
            ({"writers": "0"}, {}, 0),
            ({"writers": "0"}, {"writers": "2"}, 2),
        ):
            with self.subTest(global_conf=global_conf, local=local):
                turns = writeturns.make_filter(publish_module, global_conf, **local)
                self.assertEqual(turns.writers, writers)
                self.assertEqual(turns.semaphore is None, writers == 0)

    def test_must_come_right_before_zope(self):
        with self.assertRaises(ValueError) as raised:
            writeturns.make_filter(HTTPExceptionHandler(publish_module), {})
        self.assertEqual(
            str(raised.exception),
            "socialhub's writeturns filter must come right before Zope "
            "(egg:Zope#main) in the WSGI pipeline.",
        )
