"""Re-verification reminders: ``socialhub verification-reminders`` (safe to run twice).

For every verified organisation whose verification expired, the verifiers
of the partner that verified it (or the reviewers, when the secretariat
verified it) and the organisation's owners get one reminder per expiry: the
record remembers that it was reminded.
"""

from plone import api
from socialhub.core import _
from socialhub.core.notifications import mail
from socialhub.core.notifications import member_language
from socialhub.core.notifications import reviewer_addresses
from socialhub.hub.verification import history


SUBJECT = _(
    "mail_subject_reverification",
    default="Verification expired: ${title}",
)
BODY = _(
    "mail_body_reverification",
    default='The verification of "${title}" expired on ${expires}. Please verify '
    "it again (or revoke it).\n\n${url}\n",
)


def verifier_ids(group_id):
    """The member ids of a partner's group."""
    if not group_id or api.group.get(groupname=group_id) is None:
        return []
    return [user.getId() for user in api.user.get_users(groupname=group_id)]


def send_reminders(portal, when=None):
    """Mail the reminders that are due; returns how many organisations were reminded."""
    when = when or history.now()
    catalog = api.portal.get_tool("portal_catalog")
    reminded = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Actor", review_state="verified"
    ):
        actor = brain._unrestrictedGetObject()
        record = history.current(actor)
        if not record or record["reminded"] or not record["expires"]:
            continue
        if record["expires"] >= when:
            continue
        language = actor.Language() or api.portal.get_default_language()
        mapping = {
            "title": actor.Title(),
            "expires": record["expires"].date().isoformat(),
            "url": actor.absolute_url(),
        }
        recipients = verifier_ids(record["partner"]) or reviewer_addresses()
        owners = [actor.getOwner().getId()]
        for recipient in sorted(set(filter(None, recipients))):
            mail(recipient, SUBJECT, BODY, language, mapping)
        for owner in owners:
            mail(owner, SUBJECT, BODY, member_language(owner, language), mapping)
        record["reminded"] = True
        reminded += 1
    return reminded
