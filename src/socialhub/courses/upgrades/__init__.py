"""Upgrade steps of the socialhub.courses profile."""
