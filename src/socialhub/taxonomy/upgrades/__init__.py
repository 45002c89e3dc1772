"""Upgrade steps of the socialhub.taxonomy profile.

Taxonomy data changes reach existing sites through
:func:`socialhub.taxonomy.upgrades.evolve.update_taxonomy`.
"""
