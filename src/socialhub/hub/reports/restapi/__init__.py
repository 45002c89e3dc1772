"""REST services of reports."""
