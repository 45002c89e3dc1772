"""History ids that concurrent writers draw without writing a shared object.

CMFEditions gives every versioned item a history id when it saves the item's
first version, which Plone does as the item is created. The id comes from
CMFUid's ``portal_uidgenerator``, a counter on the tool: every creation of a
versioned item, anywhere in the site, writes that one object, and the ZODB
cannot merge two concurrent writes of it (the tool has no conflict
resolution). Under concurrent creations the requests fail with ConflictError,
and after Zope's three retries with HTTP 500.

``RandomUniqueIdGenerator`` replaces the tool in a SocialHub site (the core
profile's ``toolset.xml`` and ``componentregistry.xml``; a stock Plone site in
the same process keeps its counter): it draws ids at random and writes
nothing. History ids are keys of the OOBTree of CMFEditions' histories
storage (``portal_historiesstorage``) and values of the catalog's ``cmf_uid``
FieldIndex (an OOBTree too): no 32-bit IOBTree limits their range. A drawn id
is checked against the histories storage, which keeps every id ever saved,
so it is new; two concurrent transactions that draw the same id both insert
that key into the same bucket of the storage's BTree, which the ZODB refuses
to merge: one of them is retried and draws again. Random keys also land in
different buckets of those BTrees, where a counter appends every new key to
the same last bucket.

Existing history ids stay as they are: the counter's ids are small integers,
and random ids start above 2**31, so the two never meet.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from Acquisition import aq_base
from OFS.SimpleItem import SimpleItem
from Products.CMFCore.utils import getToolByName
from Products.CMFCore.utils import UniqueObject
from Products.CMFUid.interfaces import IUniqueIdGenerator
from Products.CMFUid.UniqueIdGeneratorTool import UniqueIdGeneratorTool
from socialhub.core.compat.cmfeditions import highest_history_id
from socialhub.core.compat.cmfeditions import set_uid_counter
from socialhub.core.compat.cmfeditions import uid_counter
from zope.interface import implementer

import random


# Above any id CMFUid's counter has given (and above 32-bit integer keys).
LOWEST_ID = 2**31
# Catalog metadata (``cmf_uid``) reaches JavaScript clients as JSON numbers:
# stay within the integers a double represents exactly.
HIGHEST_ID = 2**53 - 1

_random = random.SystemRandom()


@implementer(IUniqueIdGenerator)
class RandomUniqueIdGenerator(UniqueObject, SimpleItem):
    """A generator of unique ids that writes nothing: ids are drawn at random.

    See the module's docstring for why and how uniqueness is kept.
    """

    id = "portal_uidgenerator"
    meta_type = "SocialHub Random Unique Id Generator"

    security = ClassSecurityInfo()

    security.declarePrivate("__call__")

    def __call__(self):
        """A new id: an integer no history in the histories storage has."""
        storage = getToolByName(self, "portal_historiesstorage", None)
        while True:
            uid = _random.randint(LOWEST_ID, HIGHEST_ID)
            if storage is None or not storage.isRegistered(uid):
                return uid

    security.declarePrivate("convert")

    def convert(self, uid):
        """``uid`` (e.g. a string from a request) as the integer it stands for."""
        return int(uid)


InitializeClass(RandomUniqueIdGenerator)


def highest_counter_id(portal):
    """The highest history id CMFUid's counter gave in ``portal``, or 0.

    Read from the histories storage, whose keys are every history id saved.
    """
    storage = getToolByName(portal, "portal_historiesstorage", None)
    return highest_history_id(storage, LOWEST_ID) if storage else 0


def restore_counter_generator(portal):
    """Give back CMFUid's counter, counting on from the ids it gave before.

    The core uninstall profile's ``toolset.xml`` puts a new counter tool in
    place, which starts at 0: without this, it would give again the history
    ids of existing items.
    """
    tool = getattr(aq_base(portal), "portal_uidgenerator", None)
    if not isinstance(tool, UniqueIdGeneratorTool):
        return
    set_uid_counter(tool, max(uid_counter(tool), highest_counter_id(portal)))
