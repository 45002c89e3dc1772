"""Classic UI of third-party verification."""
