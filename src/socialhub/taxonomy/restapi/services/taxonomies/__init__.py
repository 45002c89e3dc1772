"""``@taxonomies``: the shared vocabularies as trees, in the reader's language."""
