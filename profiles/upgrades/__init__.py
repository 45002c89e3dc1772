"""Upgrade steps of the site-level profiles (``socialhub.profiles``)."""
