"""Workflow transitions over REST: the transition is checked before anything changes."""
