"""The Classic UI of the initiatives plugin: the Initiative view page."""
