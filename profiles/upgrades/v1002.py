"""Upgrade the site profile to 1002: the project hub (``socialhub.hub``)."""

from plone.base.utils import get_installer


def install_hub(setup_tool):
    """Install socialhub.hub on a site created before the site profile had it."""
    installer = get_installer(setup_tool, setup_tool.REQUEST)
    if not installer.is_product_installed("socialhub.hub"):
        installer.install_product("socialhub.hub")
