"""The Classic UI of the people plugin: the Person view page."""
