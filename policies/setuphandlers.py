"""Install and uninstall handlers of the ``socialhub.policies`` profiles.

Both map the existing content to the states of the workflows now bound to
its type, so installing on a site with content keeps what was published
published (and what was private private) instead of resetting everything to
the initial state.
"""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from socialhub.policies.upgrades.remap import remap_content
from zope.component import queryUtility


# The pages of the suite, on socialhub_review_workflow.
REVIEWED_TYPES = (
    "Publication",
    "Initiative",
    "Course",
    "CourseModule",
    "Event",
    "Document",
    "News Item",
)
# Organisations, on socialhub_verification_workflow.
VERIFIED_TYPES = ("Actor",)
VERIFICATION_BEHAVIOR = "socialhub.verification"

# Former states (simple_publication_workflow, intranet_workflow...) to ours;
# a state with the same id (private, pending, published) is kept as is.
REVIEW_STATE_MAP = {
    "visible": "published",
    "internal": "private",
    "internally_published": "published",
    "external": "published",
}
VERIFICATION_STATE_MAP = {
    "private": "registered",
    "pending": "pending_verification",
    "published": "verified",
    "visible": "verified",
}
# Ours back to Plone's simple_publication_workflow, on uninstall.
UNINSTALL_STATE_MAP = {
    "archived": "private",
    "registered": "private",
    "pending_verification": "pending",
    "verified": "published",
    "rejected": "private",
}


def remap_all(context=None):
    """Map the content of the suite's types to their workflows' states."""
    portal = api.portal.get()
    remap_content(portal, REVIEWED_TYPES, REVIEW_STATE_MAP)
    remap_content(portal, VERIFIED_TYPES, VERIFICATION_STATE_MAP)


def post_install(context):
    """Post handler of ``socialhub.policies:default``."""
    remap_all()


def uninstall(context):
    """Post handler of ``socialhub.policies:uninstall``.

    Content gets the states of Plone's default workflow; organisations lose
    the verification behaviour, if their type is still there (a profile's
    ``types.xml`` would create an empty Actor type after socialhub.actors
    was uninstalled).
    """
    remap_content(
        api.portal.get(), REVIEWED_TYPES + VERIFIED_TYPES, UNINSTALL_STATE_MAP
    )
    for portal_type in VERIFIED_TYPES:
        fti = queryUtility(IDexterityFTI, name=portal_type)
        if fti is not None and VERIFICATION_BEHAVIOR in fti.behaviors:
            fti.manage_changeProperties(
                behaviors=tuple(
                    name for name in fti.behaviors if name != VERIFICATION_BEHAVIOR
                )
            )
