"""Behaviours of the people plugin."""
