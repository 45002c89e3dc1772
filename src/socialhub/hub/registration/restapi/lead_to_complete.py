"""The ``lead_to_complete`` component of an initiative, for its lead's owner."""

from plone.restapi.interfaces import IExpandableElement
from socialhub.hub.interfaces import IHubLayer
from socialhub.hub.registration.initiatives import lead_to_complete_for_user
from socialhub.initiatives.content.initiative import IInitiative
from zope.component import adapter
from zope.interface import implementer


@implementer(IExpandableElement)
@adapter(IInitiative, IHubLayer)
class LeadToComplete:
    """Tells who may edit it that the lead entry made for the initiative
    still needs completing (the REST twin of the page's notice)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        actor = lead_to_complete_for_user(self.context)
        if actor is None:
            return {}
        return {
            "lead_to_complete": {
                "@id": actor.absolute_url(),
                "UID": actor.UID(),
                "title": actor.Title(),
                "review_state": "registered",
            }
        }
