"""The Classic UI of the publications plugin: the Publication view page."""
