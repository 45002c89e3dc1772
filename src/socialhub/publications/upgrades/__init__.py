"""Upgrade steps of the socialhub.publications profile."""
