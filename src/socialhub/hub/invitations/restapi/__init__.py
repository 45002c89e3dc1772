"""The REST API of invitations: ``@invitations`` and ``@invitation``."""
