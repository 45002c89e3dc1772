"""Installing and upgrading self-registration."""

from plone import api
from socialhub.core.tokens import signing_keys
from socialhub.hub.duplicates import DOMAIN_INDEX


def index_website_domains():
    """Index the web site domain of every actor (the index is new)."""
    catalog = api.portal.get_tool("portal_catalog")
    if DOMAIN_INDEX in catalog.indexes():
        catalog.manage_reindexIndex(ids=[DOMAIN_INDEX])


def post_install(setup_tool):
    """Index the actors' domains; make the key ring the mailed links are signed with.

    The ring is made now rather than by the first registration: a refused
    registration's transaction is dropped, and the claim token its answer
    carries must stay valid.
    """
    index_website_domains()
    signing_keys()


def upgrade_to_1001(setup_tool):
    """hub 1000 -> 1001: registration settings, the domain index, the link
    beside "Log in"."""
    setup_tool.runImportStepFromProfile(
        "profile-socialhub.hub:default", "plone.app.registry", run_dependencies=False
    )
    for step in ("catalog", "actions"):
        setup_tool.runImportStepFromProfile(
            "profile-socialhub.hub:default", step, run_dependencies=False
        )
    post_install(setup_tool)
