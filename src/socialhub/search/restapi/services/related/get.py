"""GET ``<record>/@related[?limit=5]``.

Answers ``organisations`` (the Actors the record relates to), and
``initiatives``, ``resources`` (publications, courses, events) and ``people``
(experts) of the same domain, best first, each with its ``score`` (the summed
depth of the taxonomy terms it shares with the record). ``limit`` (1 to 20, default 5)
caps the ranked lists.
"""

from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.core.params import Integer
from socialhub.core.params import Parameters
from socialhub.search import related
from zope.component import getMultiAdapter


PARAMETERS = Parameters(Integer("limit", default=5, minimum=1, maximum=20))


class RelatedGet(Service):
    """Cross-links of a SocialHub record."""

    def reply(self):
        limit = PARAMETERS.parse(self.request)["limit"]
        return {
            "@id": f"{self.context.absolute_url()}/@related",
            "organisations": [
                self.summary(organisation)
                for organisation in related.organisations(self.context)
            ],
            "initiatives": self.ranked(related.portal_types("initiatives"), limit),
            "resources": self.ranked(related.portal_types("resources"), limit),
            "people": self.ranked(related.portal_types("people"), limit),
        }

    def ranked(self, portal_types, limit):
        return [
            {**self.summary(brain), "score": score}
            for brain, score in related.ranked(self.context, portal_types, limit)
        ]

    def summary(self, item):
        return getMultiAdapter((item, self.request), ISerializeToJsonSummary)()
