"""Upgrade steps of the socialhub.core profile.

Every change to ``profiles/default`` raises the version in ``metadata.xml``
and registers a step here that brings existing sites to that version;
``tests/test_core_setup.py`` fails when an installed profile lags behind.
"""
