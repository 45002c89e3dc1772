"""The REST API of the search plugin: its services."""
