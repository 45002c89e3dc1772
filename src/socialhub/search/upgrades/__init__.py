"""Upgrade steps of the socialhub.search profile."""
