"""The Classic UI of invitations: the invitee's page and the secretariat's."""
