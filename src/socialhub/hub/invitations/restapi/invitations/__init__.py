"""``@invitations``: the secretariat's list of invitations, and new ones."""
