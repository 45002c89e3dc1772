"""Install-time helpers shared by the SocialHub plugins."""

from plone import api
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


TRANSLATORS_GROUP = "translators"


def post_install(setup_tool):
    """Create the "translators" group, whose members have the Translator role."""
    if api.group.get(groupname=TRANSLATORS_GROUP) is None:
        api.group.create(
            groupname=TRANSLATORS_GROUP,
            title="Translators",
            description="Create and edit translations; reviewers publish them.",
            roles=["Translator"],
        )
