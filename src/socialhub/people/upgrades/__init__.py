"""Upgrade steps of the socialhub.people profile."""
