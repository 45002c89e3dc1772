"""Reminders and expiry of invitations: scheduled work, safe to run twice.

``socialhub send-invitation-reminders`` runs :func:`send_reminders` on the
site: an open invitation older than the reminder delay (registry record
``socialhub.hub.invitation_reminder_days``) that was never reminded gets one
reminder, with a new link; an invitation past its date is marked expired.
Each invitation is reminded once: the record keeps when.
"""

from socialhub.hub.invitations import invite
from socialhub.hub.invitations import storage

import time


def send_reminders(now=None):
    """Remind the open invitations that are due; mark the expired ones.

    Returns ``(reminded, expired)``: how many of each.
    """
    now = time.time() if now is None else now
    delay = invite.days(invite.REMINDER_RECORD, invite.DEFAULT_REMINDER_DAYS)
    reminded = expired = 0
    for record in storage.records():
        if record["status"] != storage.SENT:
            continue
        if storage.status(record, now) == storage.EXPIRED:
            record["status"] = storage.EXPIRED
            expired += 1
        elif (
            record["reminded"] is None and now - record["created"] >= delay * invite.DAY
        ):
            if invite.entry_of(record) is None:
                continue  # the secretariat removed the entry: nothing to claim
            invite.send_link(
                record, invite.REMINDER_SUBJECT, invite.REMINDER_BODY, now=now
            )
            record["reminded"] = now
            reminded += 1
    return reminded, expired
