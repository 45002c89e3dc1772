"""Upgrade to 1002: the ``community_roles`` taxonomy of Person records."""

from collective.taxonomy.exportimport import importTaxonomy
from collective.taxonomy.interfaces import ITaxonomy
from socialhub.taxonomy import PROFILE_ID
from socialhub.taxonomy import utility_name
from zope.component import queryUtility


NAME = "community_roles"


class OneTaxonomy:
    """The profile's import context, showing only one taxonomy's files.

    collective.taxonomy's import step imports every file of the profile's
    ``taxonomies/`` folder and merges into those that exist; only the new
    one is imported here, the others are left as their own upgrades made
    them.
    """

    def __init__(self, context, name):
        self.context = context
        self.name = name

    def listDirectory(self, path):
        return [f"{self.name}.cfg", f"{self.name}.xml"]

    def __getattr__(self, name):
        return getattr(self.context, name)


def add_community_roles(setup_tool):
    """Import the community roles taxonomy, unless the site has it."""
    if queryUtility(ITaxonomy, name=utility_name(NAME)) is not None:
        return
    context = setup_tool._getImportContext(PROFILE_ID)
    importTaxonomy(OneTaxonomy(context, NAME))
