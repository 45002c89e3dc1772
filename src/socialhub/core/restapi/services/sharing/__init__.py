"""``@sharing`` POST that refuses, instead of ignoring, roles one may not grant."""
