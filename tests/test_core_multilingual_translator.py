"""The Translator role through the REST API: translate and edit, never publish."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import transaction
import unittest


class TestTranslator(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        for username in ("translator", "member"):
            api.user.create(
                email=f"{username}@example.org",
                username=username,
                password=f"{username}-pw",
            )
        api.group.add_user(groupname="translators", username="translator")
        self.source = api.content.create(
            container=portal["en"]["publications"],
            type="Publication",
            id="report",
            title="Report",
            pages=40,
        )
        api.content.transition(obj=self.source, transition="publish")
        transaction.commit()
        self.translator = api_session(self.layer, self, ("translator", "translator-pw"))
        self.member = api_session(self.layer, self, ("member", "member-pw"))

    def translate(self, session):
        return session.post(
            "fr/publications",
            json={
                "@type": "Publication",
                "title": "Rapport",
                "language": "fr",
                "translation_of": self.source.UID(),
            },
        )

    def test_translator_translates_and_edits_but_does_not_publish(self):
        locator = self.translator.get(
            "en/publications/report/@translation-locator",
            params={"target_language": "fr"},
        )
        self.assertEqual(locator.status_code, 200, locator.text)
        created = self.translate(self.translator)
        self.assertEqual(created.status_code, 201, created.text)
        french = created.json()
        self.assertEqual((french["language"]["token"], french["pages"]), ("fr", 40))

        edited = self.translator.patch(french["@id"], json={"description": "Résumé"})
        self.assertEqual(edited.status_code, 204, edited.text)

        published = self.translator.post(f"{french['@id']}/@workflow/publish")
        self.assertEqual(published.status_code, 400, published.text)
        self.assertEqual(
            published.json()["message"],
            "La transition publish n'est pas disponible ici ; disponibles : submit.",
        )
        state = self.translator.get(french["@id"]).json()["review_state"]
        self.assertEqual(state, "private")

        status = self.translator.get("en/publications/@translation-status")
        self.assertEqual(status.status_code, 200, status.text)

    def test_translator_cannot_edit_the_source(self):
        response = self.translator.patch(
            "en/publications/report", json={"title": "Changed"}
        )
        self.assertEqual(response.status_code, 401, response.text)

    def test_member_cannot_translate(self):
        response = self.translate(self.member)
        self.assertEqual(response.status_code, 401, response.text)
        status = self.member.get("en/publications/@translation-status")
        self.assertEqual(status.status_code, 401, status.text)

    def test_translator_on_the_sharing_page(self):
        manager = api_session(self.layer, self)
        for language, title in (("en", "Can translate"), ("fr", "Peut traduire")):
            sharing = manager.get(f"{language}/@sharing").json()
            roles = {role["id"]: role["title"] for role in sharing["available_roles"]}
            self.assertEqual(roles["Translator"], title)
