"""The "Upcoming Events" portlet of a SocialHub site."""

from plone.app.contenttypes.behaviors.collection import ISyndicatableCollection
from plone.app.event.base import get_events
from plone.app.event.base import localized_now
from plone.app.event.base import RET_MODE_ACCESSORS
from plone.app.event.portlets.portlet_events import Renderer
from plone.memoize.view import memoize


class EventsRenderer(Renderer):
    """plone.app.event's "Upcoming Events", its events found for each page.

    Upstream caches the events in RAM across requests, under a key made of
    the upcoming events of the whole site: every language's page shares one
    entry, so the first page's events (English on a French page) were
    served to all, and the cached events, bound to that first request,
    formatted their dates in its language. Here the events are found once
    per page, in the portlet's search base (each language root's portlet
    searches that root): one catalog query of a few events.
    """

    @property
    @memoize
    def events(self):
        if ISyndicatableCollection.providedBy(self.search_base):
            return super().events  # a Collection's query: upstream's way
        # The else branch of Renderer.events, without its RAM cache.
        query = {}
        if self.data.state:
            query["review_state"] = self.data.state
        query.update(self.request.get("contentFilter", {}))
        if self.search_base_path:
            query["path"] = {"query": self.search_base_path}
        return get_events(
            self.context,
            start=localized_now(self.context),
            ret_mode=RET_MODE_ACCESSORS,
            expand=True,
            limit=self.data.count,
            **query,
        )
