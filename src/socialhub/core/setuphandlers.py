"""Install-time helpers shared by the SocialHub plugins."""

from plone.base.interfaces import INonInstallable
from Products.GenericSetup.registry import _profile_registry
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep every SocialHub ``uninstall`` profile out of the add-on lists.

    Plone shows an add-on's uninstall profile as something to install unless
    it is hidden; one utility covers the whole suite, plugins need none.
    """

    def getNonInstallableProfiles(self):
        return [
            profile["id"]
            for profile in _profile_registry.listProfileInfo()
            if profile["id"].startswith("socialhub.")
            and profile["id"].endswith(":uninstall")
        ]

    def getNonInstallableProducts(self):
        return []
