"""Upgrade the site profile to 1002: people (``socialhub.people``) and the
project hub (``socialhub.hub``)."""

from plone.base.utils import get_installer


PEOPLE = "socialhub.people"
HUB = "socialhub.hub"
#: What the Person type needs first: the community roles taxonomy and its
#: workflow binding.
PREREQUISITES = ("socialhub.taxonomy:default", "socialhub.policies:default")


def install_people(setup_tool):
    """Install socialhub.people on a site created before it existed.

    The taxonomy and policies profiles are upgraded first (the community
    roles taxonomy, the Person workflow binding); the people profile then
    creates a people section in each language root.
    """
    for profile in PREREQUISITES:
        setup_tool.upgradeProfile(profile)
    _install(setup_tool, PEOPLE)


def install_hub(setup_tool):
    """Install socialhub.hub on a site created before the site profile had it."""
    _install(setup_tool, HUB)


def _install(setup_tool, product):
    installer = get_installer(setup_tool, setup_tool.REQUEST)
    if not installer.is_product_installed(product):
        installer.install_product(product)
