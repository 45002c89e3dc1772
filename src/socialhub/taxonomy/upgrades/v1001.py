"""Upgrade to 1001: the ``taxonomy_terms`` catalog column of listing cards."""

from plone import api

import logging
import transaction


logger = logging.getLogger(__name__)
COMMIT_EVERY = 1000


def fill_taxonomy_terms(context):
    """Give every cataloged item its ``taxonomy_terms`` metadata.

    The column is new (the ``catalog`` step imported it, empty); only the
    records' metadata is rewritten, no index, with a savepoint every
    thousand items.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults()
    for number, brain in enumerate(brains, 1):
        item = brain._unrestrictedGetObject()
        catalog.catalog_object(item, brain.getPath(), idxs=["getId"])
        if number % COMMIT_EVERY == 0:
            transaction.savepoint(optimistic=True)
            logger.info("taxonomy_terms filled for %d of %d items", number, len(brains))
