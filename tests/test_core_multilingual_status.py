"""@translation-status: the gaps a translation team works through."""

from DateTime import DateTime
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


class TestTranslationStatus(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        library = portal["en"]["publications"]
        for id_, languages in (
            ("a-complete", ("fr", "es")),
            ("b-french-only", ("fr",)),
            ("c-untranslated", ()),
            ("d-outdated", ("fr",)),
        ):
            item = api.content.create(
                container=library, type="Publication", id=id_, title=id_
            )
            for language in languages:
                ITranslationManager(item).add_translation(language)
        api.content.create(
            container=portal["en"]["actors"], type="Actor", id="ilo", title="ILO"
        )
        outdated = library["d-outdated"]
        outdated.setModificationDate(DateTime() + 1)
        outdated.reindexObject()
        api.user.create(
            email="m@example.org", username="member", password="secret-member"
        )
        transaction.commit()
        self.manager = api_session(self.layer, self)

    def status(self, path="en/publications", **params):
        response = self.manager.get(f"{path}/@translation-status", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def summary(self, result):
        return {
            item["@id"].rsplit("/", 1)[-1]: (
                item["missing"],
                [translation["language"] for translation in item["outdated"]],
            )
            for item in result["items"]
        }

    def test_gaps(self):
        result = self.status()
        self.assertEqual(
            (result["source_language"], result["target_languages"]),
            ("en", ["fr", "es"]),
        )
        self.assertEqual(
            self.summary(result),
            {
                "b-french-only": (["es"], []),
                "c-untranslated": (["fr", "es"], []),
                "d-outdated": (["es"], ["fr"]),
            },
        )

    def test_filters(self):
        self.assertEqual(
            list(self.summary(self.status(status="outdated"))), ["d-outdated"]
        )
        self.assertEqual(
            list(self.summary(self.status(target_language="fr"))),
            ["c-untranslated", "d-outdated"],
        )
        self.assertEqual(self.status(status="all")["items_total"], 4)
        whole_site = self.status(path="", portal_type="Actor")
        self.assertEqual(self.summary(whole_site), {"ilo": (["fr", "es"], [])})
        batch = self.status(b_size="1")
        self.assertEqual((batch["items_total"], len(batch["items"])), (3, 1))
        self.assertIn("next", batch["batching"])

    def test_from_the_french_side(self):
        result = self.status(path="fr/publications")
        self.assertEqual(result["source_language"], "fr")
        # Translated from English: English is the original, never outdated.
        self.assertEqual(
            self.summary(result),
            {"b-french-only": (["es"], []), "d-outdated": (["es"], [])},
        )
        self.assertEqual(
            [item["original_language"] for item in result["items"]], ["en", "en"]
        )

    def test_bad_input(self):
        for params, message in (
            (
                {"status": "late"},
                "status must be one of gaps, missing, outdated, all, not late.",
            ),
            ({"status": ["gaps", "all"]}, "Give status once."),
            (
                {"target_language": "de"},
                "Unknown target language de: use one of fr, es.",
            ),
            (
                {"target_language": "en"},
                "Unknown target language en: use one of fr, es.",
            ),
            ({"b_size": "0"}, "b_size must be a whole number of at least 1, not 0."),
            (
                {"lang": "fr"},
                "Unknown parameter lang: use target_language, portal_type, "
                "review_state, status, b_start, b_size.",
            ),
        ):
            with self.subTest(params=params):
                response = self.manager.get(
                    "en/publications/@translation-status", params=params
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(response.json()["message"], message)

    def test_not_for_anonymous_or_members(self):
        for auth in (None, ("member", "secret-member")):
            with self.subTest(auth=auth):
                session = api_session(self.layer, self, auth=auth)
                response = session.get("en/publications/@translation-status")
                self.assertEqual(response.status_code, 401, response.text)
                self.assertNotIn("c-untranslated", response.text)
