"""GET ``<record>/@related[?limit=5]``.

Answers ``organisations`` (the Actors the record relates to), and
``initiatives`` and ``resources`` (publications, courses, events) of the
same domain, best first, each with its ``score`` (the summed depth of the
taxonomy terms it shares with the record). ``limit`` (1 to 20, default 5)
caps the two ranked lists.
"""

from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.search import related
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.i18n import translate


DEFAULT_LIMIT = 5
MAX_LIMIT = 20


class RelatedGet(Service):
    """Cross-links of a SocialHub record."""

    def reply(self):
        limit = self.limit()
        return {
            "@id": f"{self.context.absolute_url()}/@related",
            "organisations": [
                self.summary(organisation)
                for organisation in related.organisations(self.context)
            ],
            "initiatives": self.ranked(related.INITIATIVE_TYPES, limit),
            "resources": self.ranked(related.RESOURCE_TYPES, limit),
        }

    def ranked(self, portal_types, limit):
        return [
            {**self.summary(brain), "score": score}
            for brain, score in related.ranked(self.context, portal_types, limit)
        ]

    def summary(self, item):
        return getMultiAdapter((item, self.request), ISerializeToJsonSummary)()

    def limit(self):
        unknown = sorted(set(self.request.form) - {"limit"})
        value = self.request.form.get("limit", str(DEFAULT_LIMIT))
        valid = isinstance(value, str) and value.isdigit()
        if unknown or not valid or not 1 <= int(value) <= MAX_LIMIT:
            message = _(
                "error_related_limit",
                default="@related takes one parameter, limit: a whole number from "
                "1 to ${maximum}.",
                mapping={"maximum": MAX_LIMIT},
            )
            raise BadRequest(translate(message, context=self.request))
        return int(value)
