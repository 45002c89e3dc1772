"""Upgrade steps of the socialhub.initiatives profile."""
