"""Upgrade steps of the socialhub.policies profile."""
