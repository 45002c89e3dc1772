"""Upgrade steps of the socialhub.actors profile."""
