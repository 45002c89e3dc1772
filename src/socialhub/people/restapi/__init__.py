"""The REST API of the people plugin."""
