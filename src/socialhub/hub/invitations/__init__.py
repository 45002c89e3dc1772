"""Invitations: the secretariat invites organisations to claim a draft entry.

An invitation creates a private, pre-filled organisation entry (an Actor in
the "registered" state) and mails its contact a signed, expiring link
(:mod:`socialhub.core.tokens`). The link's page, or ``@invitation`` over REST,
lets the invitee claim the entry (becoming its Owner) or decline it.
"""
