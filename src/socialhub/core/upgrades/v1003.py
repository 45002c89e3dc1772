"""Upgrade to 1003: client errors are not recorded as server errors."""

from plone import api
from socialhub.core import errors


def ignore_client_errors(context):
    """The site's error log ignores 4xx errors (logged at INFO instead)."""
    errors.ignore_client_errors(api.portal.get().error_log)
