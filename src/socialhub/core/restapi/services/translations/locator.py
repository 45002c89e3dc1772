"""GET ``@translation-locator``: where a translation goes, and whether it exists.

Stock plone.restapi answers 503 without ``target_language`` and answers the
same folder whether or not the translation exists; creating it then failed.
Here the target language must be another language of the site (400
otherwise), and the answer names the existing translation as
``translation`` (null when there is none, or when the user may not view it).
The site root, which is not translated, answers 400 (stock: 500).
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.restapi.bbb import ILanguage
from plone.restapi.services import Service
from plone.restapi.services.multilingual.locator import (
    TranslationLocator as BaseTranslationLocator,
)
from socialhub.core import _
from zExceptions import BadRequest
from zope.i18n import translate


class TranslationLocator(BaseTranslationLocator):
    """plone.restapi's locator, with the target checked and the translation named."""

    def reply(self):
        target = self.request.form.get("target_language")
        own = ILanguage(self.context).get_language()
        languages = [
            language
            for language in api.portal.get_registry_record(
                "plone.available_languages", default=[]
            )
            if language != own
        ]
        if target not in languages:
            message = _(
                "error_target_language_required",
                default="Give target_language, one of ${languages}.",
                mapping={"languages": ", ".join(languages)},
            )
            raise BadRequest(translate(message, context=self.request))
        result = super().reply()
        existing = ITranslationManager(self.context).get_translation(target)
        result["translation"] = (
            existing.absolute_url()
            if existing is not None and api.user.has_permission("View", obj=existing)
            else None
        )
        return result


class SiteRootTranslationLocator(Service):
    """The site root has no translations: 400 saying where to ask instead."""

    def reply(self):
        message = _(
            "error_locator_site_root",
            default="The site root is not translated: ask @translation-locator "
            "of a language root or of an item.",
        )
        raise BadRequest(translate(message, context=self.request))
