"""The demo's open invitation: what the secretariat's page shows first."""

from socialhub.hub.invitations import invite
from socialhub.hub.invitations import storage


DEMO_INVITATION = {
    "organisation": "Kivu Community Health Mutuals",
    "website": "https://kivu-mutuals.example.org",
    "country": "CD",
    "contact_name": "Espérance Mugisha",
    "email": "esperance.mugisha@kivu-mutuals.example.org",
    "language": "en",
    "message": "Your mutuals' work on health coverage would enrich the directory.",
}


def add_demo_invitation():
    """Invite the demo organisation (no mail is sent); once only."""
    if storage.records():
        return None
    return invite.invite(DEMO_INVITATION, inviter="", send=False)
