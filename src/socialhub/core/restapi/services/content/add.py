"""POST to a folder: plone.restapi's creation, its input checked first.

Stock plone.restapi fails on a body whose ``@type`` is not text (500),
creates an item under any id it is given (see :mod:`socialhub.core.ids`),
silently leaves an item unlinked when ``translation_of`` names nothing, and
answers 503 (``KeyError: 'Translation already exists'``) after creating a
translation that already exists. Here each is refused first: 400 naming the
property, 409 naming the existing translation.
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.restapi.deserializer import json_body
from plone.restapi.services.content.add import FolderPost as BaseFolderPost
from socialhub.core import _
from socialhub.core.ids import id_problem
from zExceptions import BadRequest
from zExceptions import HTTPConflict
from zope.i18n import translate


#: Properties plone.restapi reads as text before the deserializer runs.
TEXT_PROPERTIES = ("@type", "id", "translation_of", "language", "UID")


class FolderPost(BaseFolderPost):
    """plone.restapi's creation, refusing bad ids and duplicate translations."""

    def reply(self):
        data = json_body(self.request)
        for name in TEXT_PROPERTIES:
            if data.get(name) is not None and not isinstance(data[name], str):
                self.refuse(name, _("error_property_text", default="Give a text."))
        if data.get("id"):
            problem = id_problem(self.context, data["id"], self.request)
            if problem:
                raise BadRequest([{"field": "id", "message": problem}])
        if data.get("translation_of"):
            self.check_translation(data["translation_of"], data.get("language"))
        return super().reply()

    def check_translation(self, translation_of, language):
        """Refuse a translation of nothing, or one that already exists."""
        source = self.get_object(translation_of)
        if source is None:
            self.refuse(
                "translation_of",
                _(
                    "error_translation_source",
                    default="No item ${source} to translate was found.",
                    mapping={"source": translation_of},
                ),
            )
        available = api.portal.get_registry_record(
            "plone.available_languages", default=[]
        )
        if language not in available:
            self.refuse(
                "language",
                _(
                    "error_translation_language",
                    default="Give the translation's language, one of ${languages}.",
                    mapping={"languages": ", ".join(available)},
                ),
            )
        manager = ITranslationManager(source, None)
        existing = manager.get_translation(language) if manager else None
        if existing is None:
            return
        if api.user.has_permission("View", obj=existing):
            message = _(
                "error_translation_exists",
                default="This item already has a translation in ${language}: ${url}.",
                mapping={"language": language, "url": existing.absolute_url()},
            )
        else:
            message = _(
                "error_translation_exists_hidden",
                default="This item already has a translation in ${language}.",
                mapping={"language": language},
            )
        raise HTTPConflict(translate(message, context=self.request))

    def refuse(self, name, message):
        """A 400 naming the property ``name``."""
        raise BadRequest(
            [{"field": name, "message": translate(message, context=self.request)}]
        )
