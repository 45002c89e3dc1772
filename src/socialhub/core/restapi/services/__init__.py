"""REST services shared by the whole suite, one folder per endpoint."""
