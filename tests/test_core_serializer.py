"""SocialHub's item serializer: plone.restapi's JSON with fewer lookups.

socialhub.core.restapi.serializer serializes SocialHub items with the component
lookups of their fields done once per item, relation summaries made from
catalog records with what is computed once per request, and taxonomy terms
looked up once per request. These tests hold its answers to plone.restapi's
own serializer, for every item of the demo site, as a Manager and as
Anonymous, and check that the once-per-request memos follow the request.
"""

from Acquisition import aq_parent
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import applyProfile
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityContainer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from Products.CMFCore.permissions import View
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.restapi.serializer import SocialHubSerializeFolderToJson
from socialhub.core.restapi.serializer import SocialHubSerializeToJson
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from zope.component import getMultiAdapter
from zope.globalrequest import setRequest
from zope.interface import alsoProvides

import json
import transaction
import unittest


PUBLICATION = "en/publications/cash-transfers-west-africa"


class TestSerializerAnswersAsStock(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        alsoProvides(self.request, *registered_layers())
        setRequest(self.request)
        self.items = [
            brain.getObject()
            for brain in api.content.find(
                context=self.portal, object_provides=ISocialHubContent
            )
        ]

    def assert_stock_answers(self, items):
        for item in items:
            with self.subTest(item="/".join(item.getPhysicalPath())):
                serializer = getMultiAdapter((item, self.request), ISerializeToJson)
                stock = SerializeToJson
                if IDexterityContainer.providedBy(item):
                    self.assertIsInstance(serializer, SocialHubSerializeFolderToJson)
                    stock = SerializeFolderToJson
                else:
                    self.assertIsInstance(serializer, SocialHubSerializeToJson)
                ours = json.dumps(serializer(), sort_keys=True)
                theirs = json.dumps(stock(item, self.request)(), sort_keys=True)
                self.assertEqual(ours, theirs)

    def test_every_type_is_served(self):
        types = {item.portal_type for item in self.items}
        self.assertTrue(
            {"Publication", "Actor", "Initiative", "Course", "Event"} <= types, types
        )

    def test_as_a_manager(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        self.assert_stock_answers(self.items)

    def test_as_anonymous(self):
        logout()
        viewable = [
            item
            for item in self.items
            if api.user.has_permission(View, obj=item) or not api.user.is_anonymous()
        ]
        self.assertTrue(viewable)
        self.assert_stock_answers(viewable)
        # Fields behind a read permission stay hidden.
        actors = [item for item in viewable if item.portal_type == "Actor"]
        self.assertTrue(actors)
        answer = getMultiAdapter((actors[0], self.request), ISerializeToJson)()
        self.assertNotIn("contact_email", answer)

    def test_with_a_working_copy(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        applyProfile(self.portal, "plone.app.iterate:default")
        item = self.portal.unrestrictedTraverse(PUBLICATION)
        copy = ICheckinCheckoutPolicy(item).checkout(aq_parent(item))
        self.assert_stock_answers([item, copy])
        answer = getMultiAdapter((item, self.request), ISerializeToJson)()
        self.assertEqual(answer["working_copy"]["@id"], copy.absolute_url())
        answer = getMultiAdapter((copy, self.request), ISerializeToJson)()
        self.assertEqual(answer["working_copy_of"]["@id"], item.absolute_url())

    def test_with_extra_summary_fields(self):
        self.request.form["metadata_fields"] = ["effective", "Subject"]
        login(self.layer["app"], SITE_OWNER_NAME)
        self.assert_stock_answers(self.items)
        item = self.portal.unrestrictedTraverse(PUBLICATION)
        answer = getMultiAdapter((item, self.request), ISerializeToJson)()
        self.assertIn("effective", answer["publishers"][0])


class TestSerializerFollowsChanges(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.api = api_session(self.layer, self)

    def test_a_field_added_to_the_type_is_served(self):
        self.assertNotIn("table_of_contents", self.api.get(PUBLICATION).json())
        fti = self.portal.portal_types.Publication
        fti.manage_changeProperties(
            behaviors=tuple(fti.behaviors) + ("plone.tableofcontents",)
        )
        transaction.commit()
        self.assertIn("table_of_contents", self.api.get(PUBLICATION).json())
        fti.manage_changeProperties(
            behaviors=tuple(
                name for name in fti.behaviors if name != "plone.tableofcontents"
            )
        )
        transaction.commit()
        self.assertNotIn("table_of_contents", self.api.get(PUBLICATION).json())

    def test_taxonomy_titles_follow_each_request_language(self):
        titles = {}
        for language in ("fr", "en", "es", "fr"):
            response = self.api.get(PUBLICATION, headers={"Accept-Language": language})
            self.assertEqual(response.status_code, 200, response.text)
            terms = response.json()["taxonomy_themes"]
            self.assertTrue(terms)
            titles.setdefault(language, set()).add(
                tuple(term["title"] for term in terms)
            )
        self.assertEqual(len(titles["fr"]), 1)
        self.assertEqual(len({next(iter(found)) for found in titles.values()}), 3)

    def test_taxonomy_titles_follow_each_item_language(self):
        english = self.portal.unrestrictedTraverse(PUBLICATION)
        french = self.portal.unrestrictedTraverse(
            "fr/publications/transferts-monetaires-afrique-ouest"
        )
        english.taxonomy_themes = french.taxonomy_themes = ["social-pensions"]
        english.reindexObject()
        french.reindexObject()
        transaction.commit()
        response = self.api.get(
            "@search",
            params={
                "fullobjects": 1,
                "UID": [english.UID(), french.UID()],
                "Language": ["en", "fr"],
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        titles = {
            item["language"]["token"]: item["taxonomy_themes"][0]["title"]
            for item in response.json()["items"]
        }
        self.assertEqual(titles, {"en": "Social pensions", "fr": "Pensions sociales"})


if __name__ == "__main__":
    unittest.main()
