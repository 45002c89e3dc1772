"""Upgrade to 1004: no stored URL that URL fields now refuse."""

from socialhub.core import urls


def clear_unsafe_urls(context):
    """List (in the log, at WARNING) and clear every refused stored URL.

    Returns the list of what was cleared (``{"path", "field", "value"}``);
    Plone's upgrade page shows the log. Safe to run again.
    """
    return urls.clear_unsafe_urls()
