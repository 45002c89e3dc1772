"""Translations over REST: the site root, and where a translation goes."""
