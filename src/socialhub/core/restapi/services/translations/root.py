"""``@translations`` of the site root, which is in no language.

Stock plone.restapi answers 500: the root cannot be adapted to
plone.app.multilingual's translation manager. Here GET answers the
language root folders the user may view, as ``root`` (where a language
switcher sends a visitor), with no translations; POST and DELETE are a 400.
"""

from plone import api
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.restapi.services import Service
from socialhub.core import _
from zExceptions import BadRequest
from zope.i18n import translate


class RootTranslations(Service):
    """GET: no translations, and the language roots."""

    def reply(self):
        roots = {}
        for language in api.portal.get_registry_record(
            "plone.available_languages", default=[]
        ):
            folder = self.context.get(language)
            if ILanguageRootFolder.providedBy(folder) and api.user.has_permission(
                "View", obj=folder
            ):
                roots[language] = folder.absolute_url()
        return {
            "@id": f"{self.context.absolute_url()}/@translations",
            "items": [],
            "root": roots,
        }


class RootNotTranslatable(Service):
    """POST, DELETE: the root cannot be linked to translations."""

    def reply(self):
        message = _(
            "error_root_translations",
            default="The site root has no language and no translations; link the "
            "language root folders or items instead.",
        )
        raise BadRequest(translate(message, context=self.request))
