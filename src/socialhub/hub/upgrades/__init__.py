"""Upgrade steps of socialhub.hub."""
