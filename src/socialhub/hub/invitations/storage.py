"""Where invitations are kept: a BTree in an annotation of the site.

One record per invitation, a mapping of plain values (texts and POSIX
times), so that the list exports as JSON as it is (``GET @invitations``).
No token is stored: a link carries the invitation's id, signed; the record
says whether the invitation is still open. A second BTree maps each
e-mail address to its latest invitation, so that a batch of any size checks
for open invitations without reading them all.
"""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

import secrets
import time


KEY = "socialhub.hub.invitations"
BY_EMAIL_KEY = "socialhub.hub.invitations.by_email"

SENT = "sent"
CLAIMED = "claimed"
DECLINED = "declined"
EXPIRED = "expired"
#: Every status an invitation can have, in the order of its life.
STATUSES = (SENT, CLAIMED, DECLINED, EXPIRED)


def _tree(key, create=True, portal=None):
    annotations = IAnnotations(portal or api.portal.get())
    tree = annotations.get(key)
    if tree is None and create:
        tree = annotations[key] = OOBTree()
    return tree


def add(fields, portal=None):
    """Store a new invitation of ``fields`` (sent now); return its record."""
    record = PersistentMapping(fields)
    record["id"] = secrets.token_hex(8)
    record.setdefault("created", time.time())
    record["status"] = SENT
    record.setdefault("reminded", None)
    record.setdefault("answered", None)
    record.setdefault("claimed_by", None)
    _tree(KEY, portal=portal)[record["id"]] = record
    _tree(BY_EMAIL_KEY, portal=portal)[record["email"].lower()] = record["id"]
    return record


def get(invitation_id, portal=None):
    """The record of ``invitation_id``, or None."""
    tree = _tree(KEY, create=False, portal=portal)
    if tree is None or not isinstance(invitation_id, str):
        return None
    return tree.get(invitation_id)


def records(portal=None):
    """Every invitation, newest first."""
    tree = _tree(KEY, create=False, portal=portal)
    if tree is None:
        return []
    return sorted(tree.values(), key=lambda record: record["created"], reverse=True)


def status(record, now=None):
    """The status of ``record``: a sent invitation past its date is expired,
    even before ``socialhub send-invitation-reminders`` marks it."""
    now = time.time() if now is None else now
    if record["status"] == SENT and record["expires"] < now:
        return EXPIRED
    return record["status"]


def open_invitation(email, portal=None):
    """The open (sent, not expired) invitation to ``email``, or None."""
    tree = _tree(BY_EMAIL_KEY, create=False, portal=portal)
    invitation_id = tree.get(email.lower()) if tree is not None else None
    record = get(invitation_id, portal) if invitation_id else None
    if record is not None and status(record) == SENT:
        return record
    return None
