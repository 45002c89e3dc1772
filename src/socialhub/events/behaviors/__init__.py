"""Behaviours of the events plugin."""
