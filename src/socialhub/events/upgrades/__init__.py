"""Upgrade steps of the socialhub.events profile."""
