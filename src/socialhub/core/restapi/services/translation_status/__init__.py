"""``@translation-status``: which items lack or have outdated translations."""
