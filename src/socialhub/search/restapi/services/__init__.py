"""REST services of the search plugin, one folder per endpoint."""
