"""REST services of third-party verification."""
