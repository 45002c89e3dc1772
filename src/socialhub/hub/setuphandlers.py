"""Install and uninstall handlers of the project hub plugin."""

from plone import api
from socialhub.core.uninstall import refuse_while_needed
from zope.annotation.interfaces import IAnnotations


PROFILE_ID = "socialhub.hub:default"


def pre_uninstall(setup_tool):
    """Refuse to uninstall while an add-on that needs this one is installed.

    Otherwise forget what the hub stored: hidden entries are shown again,
    the verification histories, partners' scopes and reports go (the
    partners' groups stay: they are Plone's).
    """
    refuse_while_needed(PROFILE_ID)
    from socialhub.hub.reports import hiding
    from socialhub.hub.reports.storage import REPORTABLE_TYPES
    from socialhub.hub.reports.storage import REPORTS_KEY
    from socialhub.hub.verification.history import HISTORY_KEY
    from socialhub.hub.verification.partners import PARTNERS_KEY

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type=sorted({"Actor", *REPORTABLE_TYPES})
    ):
        obj = brain._unrestrictedGetObject()
        hiding.show(obj)
        annotations = IAnnotations(obj, None)
        if annotations is not None and HISTORY_KEY in annotations:
            del annotations[HISTORY_KEY]
        if "verification_expires" in getattr(obj, "__dict__", {}):
            del obj.verification_expires
    portal_annotations = IAnnotations(api.portal.get())
    for key in (REPORTS_KEY, PARTNERS_KEY):
        if key in portal_annotations:
            del portal_annotations[key]
