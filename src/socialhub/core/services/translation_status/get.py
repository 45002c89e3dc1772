"""GET ``@translation-status``: the translation gaps of a section or the site.

For every item of the context in the source language (by default the
language of the language root the request is made in), the target languages
it has no translation in (``missing``) and the translations older than the
original (``outdated``: the version created first was modified after them).

Parameters (repeat for several values): ``target_language`` (default: every
other language of the site), ``portal_type``, ``review_state``, ``status``
(``gaps``, the default: items missing or outdated in a target language;
``missing``; ``outdated``; ``all``), ``b_start``, ``b_size`` (at most 100).
Only items and translations the requester may View are considered.
"""

from plone import api
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from socialhub.core import _
from socialhub.core.languages import search_language
from zExceptions import BadRequest
from zope.i18n import translate


STATUSES = ("gaps", "missing", "outdated", "all")
MAX_BATCH_SIZE = 100
PARAMETERS = frozenset(
    {"target_language", "portal_type", "review_state", "status", "b_start", "b_size"}
)


class TranslationStatusGet(Service):
    """The translation gaps under the context."""

    def reply(self):
        form = self.request.form
        self.check_parameters(form)
        source = search_language(self.context, self.request)
        targets = self.target_languages(form, source)
        status = form.get("status", "gaps")
        if status not in STATUSES:
            self.fail(
                _(
                    "error_translation_status",
                    default="status must be one of gaps, missing, outdated, all.",
                )
            )
        catalog = api.portal.get_tool("portal_catalog")
        query = {
            "path": "/".join(self.context.getPhysicalPath()),
            "Language": source,
            "portal_type": _values(form.get("portal_type"))
            or api.portal.get_tool("plone_utils").getUserFriendlyTypes(),
            "sort_on": "sortable_title",
        }
        if form.get("review_state"):
            query["review_state"] = _values(form["review_state"])
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
        batch = HypermediaBatch(self.request, items)
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

    def check_parameters(self, form):
        unknown = sorted(set(form) - PARAMETERS)
        if unknown:
            self.fail(
                _(
                    "error_translation_status_parameter",
                    default="Unknown parameter ${name}: use target_language, "
                    "portal_type, review_state, status, b_start or b_size.",
                    mapping={"name": unknown[0]},
                )
            )
        size = form.get("b_size", "25")
        if not (
            isinstance(size, str)
            and size.isdigit()
            and 1 <= int(size) <= MAX_BATCH_SIZE
        ):
            self.fail(
                _(
                    "error_search_integer",
                    default="${name} must be a whole number from ${minimum} to "
                    "${maximum}.",
                    mapping={"name": "b_size", "minimum": 1, "maximum": MAX_BATCH_SIZE},
                )
            )

    def target_languages(self, form, source):
        available = api.portal.get_registry_record("plone.available_languages")
        targets = _values(form.get("target_language")) or [
            language for language in available if language != source
        ]
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


def _values(value):
    if value is None:
        return []
    return [item for item in (value if isinstance(value, list) else [value]) if item]


def _wanted(entry, status):
    if status == "all":
        return True
    if status == "missing":
        return bool(entry["missing"])
    if status == "outdated":
        return bool(entry["outdated"])
    return bool(entry["missing"] or entry["outdated"])
