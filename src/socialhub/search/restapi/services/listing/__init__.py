"""``@listing``: the cards of a listing page, from the catalog alone."""
