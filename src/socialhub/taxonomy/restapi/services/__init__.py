"""REST services of the taxonomy plugin."""
