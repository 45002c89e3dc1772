"""Interfaces of SocialHub's view pages."""

from plone.app.layout.globals.interfaces import IViewView


class IRecordView(IViewView):
    """A SocialHub record's view page.

    It shows the item's related items as cards itself, so Plone's related
    items viewlet is left out below it (``configure.zcml``).
    """
