"""Classic UI of reports."""
