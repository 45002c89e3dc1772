"""What concurrent transactions write, and whether the ZODB can merge it.

Two transactions that start from the same state and both write an object
conflict when the second one commits. The storage then asks the object's
class to merge the two writes (``_p_resolveConflict``: BTrees buckets and
BTrees.Length can, most objects cannot); if it cannot, the commit fails with
ConflictError, which Zope retries three times before answering 500.

:func:`capture_concurrently` runs jobs (e.g. the creation of an item) in
threads, each in its own ZODB connection as concurrent requests do, all from
the same committed state, and records what each transaction's commit would
write: the objects the connection registered as changed and the objects its
savepoints stored, serialized as the commit would store them, and the objects
it asked to stay unchanged (``readCurrent``, used by BTrees). It aborts them
all: nothing is written. :func:`conflicts` then asks the storage to merge
each object two captures both write, as it would at the second commit (the
test layers' DemoStorage resolves conflicts as FileStorage does), and names
what it cannot merge.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from Acquisition import aq_base
from BTrees.Interfaces import BTreesConflictError
from plone.browserlayer.utils import registered_layers
from plone.testing.zope import addRequestContainer
from plone.testing.zope import Browser
from types import SimpleNamespace
from ZODB.ConflictResolution import find_global
from ZODB.ConflictResolution import PersistentReferenceFactory
from ZODB.ConflictResolution import state
from ZODB.POSException import ConflictError
from ZODB.serialize import ObjectWriter
from ZODB.utils import get_pickle_metadata
from ZODB.utils import u64
from zope.component.hooks import setSite
from zope.globalrequest import clearRequest
from zope.globalrequest import setRequest
from zope.interface import alsoProvides

import json
import threading
import transaction


# BTreesConflictError reasons of a bucket split (0: a bucket's next bucket
# changed; 11: a BTree node has children): the shape of a BTree changed, not
# the same entries. They happen when a bucket fills up, whatever writes it,
# and a retry succeeds; they are not the shared writes these tests look for.
SPLIT_REASONS = (0, 11)


class Capture:
    """What one transaction's commit would write, by oid.

    ``writes`` maps an oid to ``(class, data)``, ``read_current`` the oids
    BTrees asked to stay unchanged, ``names`` an oid to a readable name.
    """

    def __init__(self):
        self.writes = {}
        self.read_current = set()
        self.names = {}
        self.armed = False

    # transaction synchronizer

    def newTransaction(self, txn):
        pass

    def afterCompletion(self, txn):
        pass

    def beforeCompletion(self, txn):
        # Called at the start of a commit (after the before-commit hooks,
        # e.g. catalog indexing) and of an abort: record the first commit's
        # writes, then stop it.
        if not self.armed:
            return
        self.armed = False
        for connection in txn._resources:
            if hasattr(connection, "_registered_objects"):
                self._record(connection)
        raise _Captured

    def _record(self, connection):
        self.read_current.update(connection._readCurrent)
        saved = connection._savepoint_storage
        if saved is not None:
            for oid in saved.index:
                if oid not in saved.creating:
                    self._add(oid, saved.load(oid)[0], connection._cache.get(oid))
        for obj in connection._registered_objects:
            if obj._p_oid not in connection._creating:
                self._add(obj._p_oid, ObjectWriter(obj).serialize(obj), obj)

    def _add(self, oid, data, obj):
        self.writes[oid] = data
        self.names[oid] = describe(obj, oid)


class _Captured(Exception):
    """Stops a commit once its writes are recorded."""


def describe(obj, oid):
    """``module.Class /physical/path (oid 0x…)`` or without the path."""
    name = f"{type(obj).__module__}.{type(obj).__qualname__}" if obj else "?"
    path = ""
    base = aq_base(obj) if obj is not None else None
    if base is not None and hasattr(base, "getPhysicalPath"):
        try:
            path = " " + "/".join(obj.getPhysicalPath())
        except (AttributeError, TypeError):
            path = ""
    return f"{name}{path} (oid {u64(oid):#x})"


def capture(work):
    """Run ``work()`` in the current transaction; record its writes; abort."""
    recorded = Capture()
    manager = transaction.manager
    manager.registerSynch(recorded)
    try:
        work()
        recorded.armed = True
        try:
            manager.commit()
        except _Captured:
            pass
    finally:
        manager.abort()
        manager.unregisterSynch(recorded)
    return recorded


def capture_concurrently(db, portal_path, user_id, jobs):
    """Run each ``job(portal)`` in a thread of its own; return their Captures.

    Each thread opens its own connection to ``db`` (so volatile counters,
    e.g. the catalog's next document id, are its own, as in concurrent
    requests), marks its request with the site's browser layers, logs in
    ``user_id`` of the Zope root and runs its job; the threads wait for each
    other before they abort, so that every job starts from the same state.
    """
    barrier = threading.Barrier(len(jobs))
    captures = [None] * len(jobs)
    errors = []

    def run(index, job):
        connection = db.open()
        try:
            app = addRequestContainer(connection.root()["Application"])
            portal = app.unrestrictedTraverse(portal_path)
            setSite(portal)
            setRequest(app.REQUEST)
            alsoProvides(app.REQUEST, *registered_layers())
            newSecurityManager(
                None, app.acl_users.getUser(user_id).__of__(app.acl_users)
            )
            captures[index] = capture(lambda: job(portal))
        except Exception as error:  # reported by the calling thread
            errors.append(error)
        finally:
            try:
                barrier.wait(timeout=120)
            finally:
                transaction.abort()
                noSecurityManager()
                clearRequest()
                setSite(None)
                connection.close()

    run_in_threads(run, jobs)
    if errors:
        raise errors[0]
    return captures


def owner_names(portal):
    """``{oid: name}`` of the persistent parts of the catalog, the tools and
    the folders of ``portal``, down a few attributes: e.g. ``portal_catalog
    index Title .index._wordinfo`` or ``/plone/en/publications annotation
    plone.folder.ordered.order``. Names the BTrees and lists of a failure.
    """
    names = {}

    def walk(obj, name, depth):
        obj = aq_base(obj)
        oid = getattr(obj, "_p_oid", None)
        if oid is None or oid in names:
            return
        names[oid] = name
        bucket, number = getattr(obj, "_firstbucket", None), 0
        while bucket is not None and number < 1000:
            names.setdefault(bucket._p_oid, f"{name} bucket {number}")
            bucket, number = bucket._next, number + 1
        if depth and isinstance(getattr(obj, "__dict__", None), dict):
            for key, value in list(obj.__dict__.items()):
                if not key.startswith("_v_"):
                    walk(value, f"{name}.{key}", depth - 1)

    catalog = portal.portal_catalog
    walk(catalog._catalog, "portal_catalog._catalog", 1)
    for index_id, index in catalog._catalog.indexes.items():
        walk(index, f"portal_catalog index {index_id}", 3)
    for tool_id in portal.objectIds():
        if tool_id.startswith("portal_"):
            walk(portal[tool_id], tool_id, 3)
    for folder in [portal, *portal.objectValues()]:
        for child in [folder, *getattr(aq_base(folder), "objectValues", list)()]:
            path = "/".join(child.getPhysicalPath())
            for key, value in getattr(aq_base(child), "__annotations__", {}).items():
                walk(value, f"{path} annotation {key}", 1)
            walk(child, path, 1)
    return names


def shared_writes(first, second):
    """The oids both captures write."""
    return set(first.writes) & set(second.writes)


def without_conflict_resolution(first, second, names=None):
    """``{oid: name}`` of shared writes whose class cannot merge at all.

    ``names`` (see :func:`owner_names`) says where an object is.
    """
    found = {}
    for oid in shared_writes(first, second):
        klass = _class_of(first.writes[oid])
        if not hasattr(klass, "_p_resolveConflict"):
            found[oid] = _name(oid, first, names)
    return found


def conflicts(storage, first, second, names=None):
    """``{oid: name and reason}``: what ``second`` could not commit after ``first``.

    The shared writes the storage cannot merge, and the objects ``second``
    read as current that ``first`` writes, but for bucket splits
    (:data:`SPLIT_REASONS`). ``names`` as for :func:`without_conflict_resolution`.
    """
    found = {}
    for oid in shared_writes(first, second):
        reason = _merge_failure(storage, oid, first.writes[oid], second.writes[oid])
        if reason is not None:
            found[oid] = f"{_name(oid, first, names)}: {reason}"
    for oid in (second.read_current & set(first.writes)) - set(second.writes):
        if not _is_btree_node(first.writes[oid]):
            found[oid] = f"{_name(oid, first, names)}: changed while read as current"
    return found


def _name(oid, recorded, names):
    where = (names or {}).get(oid)
    return f"{recorded.names[oid]} = {where}" if where else recorded.names[oid]


def _merge_failure(storage, oid, committed, new):
    """Why the storage cannot merge ``new`` after ``committed``, or None."""
    serial = storage.load(oid)[1]
    try:
        storage.tryToResolveConflict(oid, serial, serial, new, committedData=committed)
    except ConflictError:
        pass
    else:
        return None
    klass = _class_of(committed)
    if not hasattr(klass, "_p_resolveConflict"):
        return "its class has no conflict resolution"
    factory = PersistentReferenceFactory()
    old = state(storage, oid, serial, factory, storage.loadSerial(oid, serial))
    try:
        klass.__new__(klass)._p_resolveConflict(
            old,
            state(storage, oid, serial, factory, committed),
            state(storage, oid, serial, factory, new),
        )
    except BTreesConflictError as error:
        if error.reason in SPLIT_REASONS:
            return None
        return f"{error}"
    except Exception as error:
        return f"{error!r}"
    return "the storage refused the merge"


def _class_of(data):
    return find_global(*get_pickle_metadata(data))


def _is_btree_node(data):
    # BTrees read their nodes as current while they change a bucket below;
    # a split changes the node (see SPLIT_REASONS).
    return _class_of(data).__module__.startswith("BTrees.")


class _CommitGate:
    """Makes the first commit of a request thread wait for the others.

    The commit waits until every request has done its work (so all started
    from the same state), then for its turn: the requests commit one after
    the other, as concurrent requests that finish together do.
    """

    def __init__(self, barrier, turn):
        self.barrier = barrier
        self.turn = turn
        self.waited = False

    def newTransaction(self, txn):
        txn.addBeforeCommitHook(self._wait)

    def beforeCompletion(self, txn):
        pass

    def afterCompletion(self, txn):
        pass

    def _wait(self):
        if not self.waited:
            self.waited = True
            self.barrier.wait(timeout=120)
            self.turn.wait(timeout=120)


def post_concurrently(url, auth, payloads):
    """POST each JSON payload to ``url`` in a thread of its own, through the
    Zope publisher of the current functional layer; commit them in order.

    Returns ``[(status, body)]`` in the order of ``payloads``. The tests run
    without Zope's conflict retries: a ConflictError answers 500.
    """
    barrier = threading.Barrier(len(payloads))
    turns = [threading.Event() for _ in payloads]
    turns[0].set()
    results = [None] * len(payloads)

    def run(index, payload):
        gate = _CommitGate(barrier, turns[index])
        transaction.manager.registerSynch(gate)
        try:
            # The publisher opens a connection of its own for the request:
            # Browser's sync of the app's connection has nothing to do.
            browser = Browser(SimpleNamespace(_p_jar=SimpleNamespace(sync=_nothing)))
            browser.handleErrors = True
            browser.raiseHttpErrors = False
            browser.addHeader("Authorization", "Basic {}:{}".format(*auth))
            browser.addHeader("Accept", "application/json")
            browser.post(url, json.dumps(payload), "application/json")
            status = int(browser.headers["status"].split()[0])
            results[index] = (status, browser.contents)
        except Exception as error:
            results[index] = (None, repr(error))
        finally:
            transaction.manager.unregisterSynch(gate)
            if not gate.waited:  # never reached its commit: release the others
                barrier.abort()
            if index + 1 < len(turns):
                turns[index + 1].set()

    run_in_threads(run, payloads)
    return results


def _nothing():
    pass


def run_in_threads(run, items):
    """Call ``run(index, item)`` for every item, each in a thread; wait for all."""
    threads = [
        threading.Thread(target=run, args=(index, item))
        for index, item in enumerate(items)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
