"""Invitations as the secretariat reads them (REST and the backend page)."""

from plone import api
from plone.base.interfaces import IPloneSiteRoot
from socialhub.hub.invitations import storage
from socialhub.hub.invitations.invite import entry_of
from socialhub.hub.invitations.invite import FIELDS
from socialhub.hub.invitations.invite import iso


def root_language(context):
    """The language of a language root; "" for the site root (every language)."""
    if IPloneSiteRoot.providedBy(context):
        return ""
    return context.Language()


def listed_invitations(context, statuses=()):
    """The invitations of ``context`` (a language root: its language; the
    site: all), newest first, of any of ``statuses`` (default: all)."""
    language = root_language(context)
    return [
        record
        for record in storage.records()
        if (not language or record["language"] == language)
        and (not statuses or storage.status(record) in statuses)
    ]


def serialize(record):
    """Everything the secretariat knows of an invitation (never a token)."""
    entry = entry_of(record) if record["status"] != storage.DECLINED else None
    return {
        "id": record["id"],
        **{name: record[name] for name in FIELDS},
        "status": storage.status(record),
        "inviter": record["inviter"],
        "created": iso(record["created"]),
        "expires": iso(record["expires"]),
        "reminded": iso(record["reminded"]),
        "answered": iso(record["answered"]),
        "claimed_by": record["claimed_by"],
        "entry": {
            "@id": entry.absolute_url(),
            "title": entry.Title(),
            "review_state": api.content.get_state(entry),
        }
        if entry is not None
        else None,
    }
