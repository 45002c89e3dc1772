"""Install and uninstall handlers of the taxonomy plugin."""

from collective.taxonomy.interfaces import ITaxonomy
from plone import api
from socialhub.core.uninstall import refuse_while_needed
from socialhub.taxonomy import field_name
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy import utility_name
from zope.i18n.interfaces import ITranslationDomain
from zope.schema.interfaces import IVocabularyFactory


def remove_taxonomy(site, name):
    """Remove one taxonomy as collective.taxonomy's control panel does.

    (A mirror of its delete action, fenced in
    :mod:`socialhub.core.compat.taxonomy`.)

    The behaviour leaves every FTI, its index, indexer and querystring
    records go, then the utility's three registrations; the catalog column
    the behaviour added goes too. Values stored on content are kept.
    Returns False when the taxonomy was not there.
    """
    sm = site.getSiteManager()
    taxonomy = sm.queryUtility(ITaxonomy, name=utility_name(name))
    if taxonomy is None:
        return False
    taxonomy.unregisterBehavior()
    for provided in (ITaxonomy, IVocabularyFactory, ITranslationDomain):
        sm.unregisterUtility(taxonomy, provided, name=utility_name(name))
    catalog = api.portal.get_tool("portal_catalog")
    if field_name(name) in catalog.schema():
        catalog.delColumn(field_name(name))
    return True


def pre_uninstall(setup_tool):
    """Refuse to uninstall while a plugin whose types use taxonomies is installed."""
    refuse_while_needed("socialhub.taxonomy:default")


def uninstall(setup_tool):
    """Remove every SocialHub taxonomy (post handler of the uninstall profile)."""
    site = api.portal.get()
    for name in TAXONOMIES:
        remove_taxonomy(site, name)
