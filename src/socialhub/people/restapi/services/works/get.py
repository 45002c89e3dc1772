"""GET ``@works`` of a Person: the publications, initiatives, courses and
events whose people rows point to the person, as summaries, only those the
requester may View (also ``?expand=works`` on the person)."""

from plone.restapi.interfaces import IExpandableElement
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.people.content.person import IPerson
from socialhub.people.interfaces import IPeopleLayer
from socialhub.people.works import works
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer


@implementer(IExpandableElement)
@adapter(IPerson, IPeopleLayer)
class Works:
    """The ``works`` component of a Person."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        url = f"{self.context.absolute_url()}/@works"
        result = {"works": {"@id": url}}
        if not expand:
            return result
        for kind, brains in works(self.context).items():
            result["works"][kind] = [
                getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
                for brain in brains
            ]
        return result


class WorksGet(Service):
    """The works of the person."""

    def reply(self):
        return Works(self.context, self.request)(expand=True)["works"]
