"""``@facets``: a faceted search with counts per taxonomy term."""
