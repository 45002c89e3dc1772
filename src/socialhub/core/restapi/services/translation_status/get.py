"""GET ``@translation-status``: the translation gaps of a section or the site.

For every item of the context in the source language (by default the
language of the language root the request is made in), the target languages
it has no translation in (``missing``) and the translations older than the
original (``outdated``: the version created first was modified after them).

Parameters (repeat for several values): ``target_language`` (default: every
other language of the site), ``portal_type``, ``review_state``, ``status``
(``gaps``, the default: items missing or outdated in a target language;
``missing``; ``outdated``; ``all``), ``b_start``, ``b_size`` (default 25, at most 100).
Only items and translations the requester may View are considered.
"""

from plone import api
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.languages import search_language
from socialhub.core.params import batch
from socialhub.core.params import Choice
from socialhub.core.params import Parameter
from socialhub.core.params import Parameters
from socialhub.core.params import ParsedBatch
from zExceptions import BadRequest
from zope.i18n import translate


STATUSES = ("gaps", "missing", "outdated", "all")
PARAMETERS = Parameters(
    Parameter("target_language", multiple=True),
    Parameter("portal_type", multiple=True),
    Parameter("review_state", multiple=True),
    Choice("status", STATUSES, default="gaps"),
    *batch(),
)


class TranslationStatusGet(Service):
    """The translation gaps under the context."""

    def reply(self):
        parameters = PARAMETERS.parse(self.request)
        source = search_language(self.context, self.request)
        targets = self.target_languages(parameters["target_language"], source)
        status = parameters["status"]
        catalog = api.portal.get_tool("portal_catalog")
        query = {
            "path": "/".join(self.context.getPhysicalPath()),
            "Language": source,
            "portal_type": parameters["portal_type"]
            or api.portal.get_tool("plone_utils").getUserFriendlyTypes(),
            "sort_on": "sortable_title",
        }
        if parameters["review_state"]:
            query["review_state"] = parameters["review_state"]
        sources = [brain for brain in catalog(query) if brain.TranslationGroup]
        translations = {
            (brain.TranslationGroup, brain.Language): brain
            for brain in catalog(
                TranslationGroup=[brain.TranslationGroup for brain in sources],
                Language=targets,
            )
        }
        items = [
            entry
            for entry in (self.entry(brain, targets, translations) for brain in sources)
            if _wanted(entry, status)
        ]
        batch = ParsedBatch(
            self.request, items, parameters["b_start"], parameters["b_size"]
        )
        result = {
            "@id": batch.canonical_url,
            "source_language": source,
            "target_languages": targets,
            "items_total": batch.items_total,
            "items": list(batch),
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def entry(self, brain, targets, translations):
        """What an item lacks, and what is outdated, in the target languages.

        The original is the version created first; a translation is outdated
        when the original was modified after it.
        """
        found = {
            language: translations[(brain.TranslationGroup, language)]
            for language in targets
            if (brain.TranslationGroup, language) in translations
        }
        original = min([brain, *found.values()], key=lambda version: version.created)
        outdated = [
            language
            for language, translation in found.items()
            if translation is not original and translation.modified < original.modified
        ]
        return {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "title": brain.Title,
            "review_state": brain.review_state,
            "modified": brain.modified.ISO8601(),
            "original_language": original.Language,
            "missing": [language for language in targets if language not in found],
            "outdated": [_summary(found[language]) for language in outdated],
            "translations": [_summary(translation) for translation in found.values()],
        }

    def target_languages(self, targets, source):
        available = api.portal.get_registry_record("plone.available_languages")
        targets = targets or [language for language in available if language != source]
        for language in targets:
            if language not in available or language == source:
                self.fail(
                    _(
                        "error_target_language",
                        default="Unknown target language ${language}: use one of "
                        "${languages}.",
                        mapping={
                            "language": language,
                            "languages": ", ".join(
                                code for code in available if code != source
                            ),
                        },
                    )
                )
        return targets

    def fail(self, message):
        raise BadRequest(translate(message, context=self.request))


def _summary(brain):
    return {
        "language": brain.Language,
        "@id": brain.getURL(),
        "title": brain.Title,
        "review_state": brain.review_state,
        "modified": brain.modified.ISO8601(),
    }


def _wanted(entry, status):
    if status == "all":
        return True
    if status == "missing":
        return bool(entry["missing"])
    if status == "outdated":
        return bool(entry["outdated"])
    return bool(entry["missing"] or entry["outdated"])
