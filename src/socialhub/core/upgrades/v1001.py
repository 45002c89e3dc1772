"""Upgrade to 1001: a site that concurrent writers do not conflict on."""

from socialhub.core.sections import upgrade_sections
from socialhub.core.textpostings import use_mergeable_postings


def prepare_for_concurrent_writers(context):
    """Existing sections become unordered ``Section``\\s; text postings merge."""
    upgrade_sections()
    use_mergeable_postings()
