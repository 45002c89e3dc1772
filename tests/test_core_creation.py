"""Creating SocialHub content over REST: it has its folder's language from the start."""

from plone.app.multilingual.interfaces import ITG
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.ZCatalog.Catalog import Catalog
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from unittest import mock

import transaction
import unittest


class TestCreationLanguage(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        transaction.commit()
        self.api = api_session(self.layer, self)

    def create(self, folder, **fields):
        body = {"@type": "Publication", "title": "Cash transfers", **fields}
        response = self.api.post(folder, json=body)
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()  # see what the server's transaction committed
        return self.portal.unrestrictedTraverse(
            response.json()["@id"].replace(self.portal.absolute_url() + "/", "")
        )

    def test_item_takes_its_folders_language(self):
        item = self.create("fr/publications", id="transferts")
        self.assertEqual(item.Language(), "fr")
        catalog = self.portal.portal_catalog
        (brain,) = catalog.unrestrictedSearchResults(UID=item.UID())
        self.assertEqual(brain.Language, "fr")
        self.assertEqual(brain.TranslationGroup, ITG(item))
        (member,) = catalog.unrestrictedSearchResults(TranslationGroup=ITG(item))
        self.assertEqual(member.UID, item.UID())

    def test_new_item_can_be_translated(self):
        item = self.create("en/publications", id="cash")
        self.assertEqual(item.Language(), "en")
        translation = self.create(
            "fr/publications",
            id="transferts",
            translation_of=item.UID(),
            language="fr",
        )
        response = self.api.get("en/publications/cash/@translations")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            [entry["@id"] for entry in response.json()["items"]],
            [translation.absolute_url()],
        )


class TestCreationIsIndexedOnce(unittest.TestCase):
    """plone.app.multilingual no longer makes a creation index the item twice."""

    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def test_post_catalogs_the_item_once(self):
        api = api_session(self.layer, self)
        body = {"@type": "Publication", "id": "once", "title": "Once"}
        with mock.patch.object(
            Catalog, "catalogObject", autospec=True, side_effect=Catalog.catalogObject
        ) as catalog_object:
            response = api.post("en/publications", json=body)
        self.assertEqual(response.status_code, 201, response.text)
        paths = [call.args[2] for call in catalog_object.call_args_list]
        self.assertEqual(paths.count("/plone/en/publications/once"), 1, paths)
