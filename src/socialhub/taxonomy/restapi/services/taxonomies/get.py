"""GET ``@taxonomies`` and ``@taxonomies/<name>``.

``@taxonomies`` lists the suite's taxonomies; ``@taxonomies/themes`` gives
one as a tree (stock ``@vocabularies`` flattens hierarchies), with titles in
the request's language (Accept-Language, else the site's default).
"""

from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.languages import display_language
from socialhub.taxonomy.terms import installed_taxonomies
from socialhub.taxonomy.terms import terms
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class TaxonomiesGet(Service):
    """The list of taxonomies, or one taxonomy's tree of terms."""

    name = None

    def publishTraverse(self, request, name):
        if self.name is not None:
            raise NotFound(self, name, request)
        self.name = name
        return self

    def reply(self):
        base = f"{self.context.absolute_url()}/@taxonomies"
        language = display_language(self.context, self.request)
        if self.name is None:
            return {
                "@id": base,
                "items": [
                    {
                        "@id": f"{base}/{name}",
                        "name": name,
                        "title": terms(name, language).taxonomy.title,
                    }
                    for name in installed_taxonomies()
                ],
            }
        if self.name not in installed_taxonomies():
            self.request.response.setStatus(404)
            message = _(
                "error_unknown_taxonomy",
                default="No taxonomy ${name}: see @taxonomies for the list.",
                mapping={"name": self.name},
            )
            return {
                "error": {
                    "type": "NotFound",
                    "message": translate(message, context=self.request),
                }
            }
        vocabulary = terms(self.name, language)
        return {
            "@id": f"{base}/{self.name}",
            "name": self.name,
            "title": vocabulary.taxonomy.title,
            "language": vocabulary.language,
            "terms": vocabulary.tree(),
        }
