"""E-mail about the review of content, through Plone's MailHost.

Submitting an item for review (or an actor for verification) tells the
reviewers; publishing, rejecting or verifying it tells its owner, with the
reviewer's comment. Messages are in the item's language. Where mail goes is
the MailHost's business (``make start`` configures it from the environment).
"""

from plone import api
from plone.browserlayer.utils import registered_layers
from socialhub.core import _
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.workflow import last_transition
from zope.i18n import translate
from zope.i18nmessageid import Message

import logging
import smtplib


logger = logging.getLogger("socialhub.core")


REVIEW_REQUESTS = frozenset({"submit", "submit_for_verification"})
AUTHOR_NOTICES = frozenset({"publish", "reject", "verify"})
REVIEWER_ROLE = "Reviewer"

SUBJECTS = {
    "submit": _("mail_subject_submit", default="Review requested: ${title}"),
    "submit_for_verification": _(
        "mail_subject_submit_for_verification",
        default="Verification requested: ${title}",
    ),
    "publish": _("mail_subject_publish", default="Published: ${title}"),
    "reject": _("mail_subject_reject", default="Sent back to you: ${title}"),
    "verify": _("mail_subject_verify", default="Verified: ${title}"),
}
BODY = _(
    "mail_body",
    default='${actor} did "${action}" on "${title}".\n\n${comment}\n\n${url}\n',
)


def notify_review(item, event):
    """Mail the reviewers or the owner after a review transition."""
    if ISocialHubCoreLayer not in registered_layers():
        return  # socialhub.core is not installed on this site
    action = event.action
    if action in REVIEW_REQUESTS:
        recipients = reviewer_addresses()
    elif action in AUTHOR_NOTICES:
        recipients = [member_address(item.getOwner().getId())]
    else:
        return
    entry = last_transition(item)
    language = item.Language() or api.portal.get_default_language()
    mapping = {
        "title": item.Title(),
        "action": action,
        "actor": entry.get("actor", ""),
        "comment": entry.get("comments", ""),
        "url": item.absolute_url(),
    }
    for recipient in sorted(filter(None, set(recipients))):
        mail(recipient, SUBJECTS[action], BODY, language, mapping)


def reviewer_addresses():
    """The e-mail addresses of everyone with the Reviewer role site-wide."""
    role_manager = api.portal.get_tool("acl_users").portal_role_manager
    addresses = []
    for principal_id, _title in role_manager.listAssignedPrincipals(REVIEWER_ROLE):
        group = api.group.get(groupname=principal_id)
        members = api.user.get_users(group=group) if group else [principal_id]
        addresses.extend(
            member_address(member if isinstance(member, str) else member.getId())
            for member in members
        )
    return addresses


def member_address(userid):
    """The e-mail address of the member ``userid``, or None."""
    user = api.user.get(userid=userid)
    return user.getProperty("email") if user is not None else None


def _send(recipient, subject, body):
    """Send one message; a mail problem never breaks the transition.

    A queueing MailHost (as ``socialhub`` configures it) takes the message at
    commit and delivers it later. A direct one would fail the whole request
    at commit when the SMTP server is down: send at once instead, and log.
    """
    queued = getattr(api.portal.get_tool("MailHost"), "smtp_queue", False)
    try:
        api.portal.send_email(
            recipient=recipient, subject=subject, body=body, immediate=not queued
        )
    except (OSError, smtplib.SMTPException):
        logger.warning("Could not mail %r about %r", recipient, subject, exc_info=True)


def mail(recipient, subject, body, language=None, mapping=None):
    """Mail ``recipient`` a message translated into ``language``.

    ``recipient`` is an e-mail address or a user id (mailed at the address
    of the account; nothing is sent to an account without one). ``subject``
    and ``body`` are message ids of the ``socialhub`` domain, filled with
    ``mapping``; ``language`` defaults to the recipient's own (an account's
    ``language`` property), else the site's. A mail problem is logged, never
    raised (:func:`_send`).
    """
    address = recipient
    if recipient and "@" not in recipient:
        user = api.user.get(userid=recipient)
        address = user.getProperty("email") if user is not None else None
        language = language or (user.getProperty("language") if user else None)
    if not address:
        return
    language = language or api.portal.get_default_language()
    _send(
        address,
        translate(Message(subject, mapping=mapping), target_language=language),
        translate(Message(body, mapping=mapping), target_language=language),
    )


def member_language(userid, default=None):
    """The language a member chose (member property ``language``), or ``default``."""
    user = api.user.get(userid=userid) if userid else None
    language = user.getProperty("language", None) if user is not None else None
    return language or default
