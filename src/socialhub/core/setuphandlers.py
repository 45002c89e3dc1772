"""Install-time helpers shared by the SocialHub plugins."""

from plone import api
from plone.base.interfaces import INonInstallable
from Products.GenericSetup.registry import _profile_registry
from socialhub.core.sections import upgrade_sections
from socialhub.core.textpostings import use_mergeable_postings
from socialhub.core.textpostings import use_stock_postings
from socialhub.core.transforms import use_linear_html_to_text
from socialhub.core.transforms import use_stock_html_to_text
from socialhub.core.uidgenerator import restore_counter_generator
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
    """Create the "translators" group; prepare the site for concurrent writers.

    Members of the group have the Translator role. Sections created before
    :class:`socialhub.core.sections.Section` get its class and lose their
    order list; the catalog's text indexes keep postings that concurrent
    writers can both update (:mod:`socialhub.core.textpostings`); HTML is
    turned into text in linear time (:mod:`socialhub.core.transforms`).
    """
    upgrade_sections()
    use_mergeable_postings()
    use_linear_html_to_text()
    if api.group.get(groupname=TRANSLATORS_GROUP) is None:
        api.group.create(
            groupname=TRANSLATORS_GROUP,
            title="Translators",
            description="Create and edit translations; reviewers publish them.",
            roles=["Translator"],
        )


def post_uninstall(setup_tool):
    """Give back what ``post_install`` changed in stock tools.

    CMFUid's restored counter counts on from the ids it gave before; the text
    indexes get ZCTextIndex's own Okapi index back; portal_transforms gets
    Plone's ``html_to_text`` back.
    """
    restore_counter_generator(api.portal.get())
    use_stock_postings()
    use_stock_html_to_text()
