"""Relations, translations and resource languages: the stock answers, made cheaply.

SocialHub serializes relation targets from their catalog records, the
``translations`` component from the catalog, and resource languages with a
vocabulary built once; these tests hold the answers to what stock
plone.restapi gives, through HTTP, and to the permission checks.
"""

from DateTime import DateTime
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.relationfield import relationvalue_converter
from plone.restapi.services.multilingual.pam import Translations
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from zope.component import getMultiAdapter
from zope.globalrequest import setRequest

import transaction
import unittest


PUBLICATION = "en/publications/cash-transfers-west-africa"


class TestCheapSerialization(unittest.TestCase):
    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.item = self.portal.unrestrictedTraverse(PUBLICATION)
        self.anonymous = api_session(self.layer, self, auth=None)
        self.manager = api_session(self.layer, self)

    def get(self, session):
        response = session.get(PUBLICATION, params={"expand": "translations"})
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def stock_relations(self, name):
        """What stock plone.restapi gives for a relation field."""
        setRequest(self.request)
        return [
            relationvalue_converter(relation)
            for relation in getattr(self.item, name)
            if relation.to_object
        ]

    def revoke_first_publisher(self):
        """Make the publication's first publisher non-public; return it."""
        target = self.item.publishers[0].to_object
        api.content.transition(obj=target, transition="revoke")
        return target

    def test_relations_are_the_stock_summaries(self):
        publishers = self.get(self.anonymous)["publishers"]
        self.assertEqual(len(publishers), 2)
        self.assertEqual(
            set(publishers[0]),
            {
                "@id",
                "@type",
                "title",
                "description",
                "review_state",
                "type_title",
                "UID",
            },
        )
        self.assertEqual(publishers, self.stock_relations("publishers"))
        self.assertEqual(publishers[0]["review_state"], "verified")
        self.assertEqual(publishers[0]["type_title"], "Organisation")

    def test_relations_to_private_items_are_left_out(self):
        self.revoke_first_publisher()
        transaction.commit()
        kept = [entry["UID"] for entry in self.get(self.anonymous)["publishers"]]
        self.assertEqual(kept, [self.item.publishers[1].to_object.UID()])
        self.assertEqual(len(self.get(self.manager)["publishers"]), 2)

    def test_relations_follow_a_renamed_target(self):
        target = self.item.publishers[0].to_object
        uid = target.UID()
        api.content.rename(obj=target, new_id="renamed-publisher")
        transaction.commit()
        shown = {
            entry["UID"]: entry["@id"]
            for entry in self.get(self.anonymous)["publishers"]
        }
        self.assertTrue(shown[uid].endswith("/renamed-publisher"), shown[uid])
        self.assertEqual(
            self.get(self.anonymous)["publishers"], self.stock_relations("publishers")
        )

    def test_relations_to_items_shared_with_a_member_are_shown_to_that_member(self):
        target = self.revoke_first_publisher()
        for name in ("shared-with", "not-shared-with"):
            api.user.create(
                email=f"{name}@example.org", username=name, password="secret-pw"
            )
        api.user.grant_roles(username="shared-with", obj=target, roles=["Editor"])
        transaction.commit()
        shown = [
            len(
                self.get(api_session(self.layer, self, auth=(name, "secret-pw")))[
                    "publishers"
                ]
            )
            for name in ("shared-with", "not-shared-with")
        ]
        self.assertEqual(shown, [2, 1])

    def test_relations_follow_the_user_within_one_request(self):
        self.revoke_first_publisher()
        api.user.create(email="member@example.org", username="member")
        transaction.commit()
        setRequest(self.request)
        serializer = getMultiAdapter((self.item, self.request), ISerializeToJson)
        shown = []
        for username in ("admin", "member", "admin"):
            with api.env.adopt_user(username=username):
                shown.append(len(serializer()["publishers"]))
        self.assertEqual(shown, [2, 1, 2])

    def test_relations_to_expired_items_are_shown_to_those_who_may_view_them(self):
        target = self.item.publishers[0].to_object
        target.setExpirationDate(DateTime() - 1)
        target.reindexObject()
        transaction.commit()
        self.assertEqual(len(self.get(self.anonymous)["publishers"]), 2)

    def test_translations_are_the_stock_component(self):
        component = self.get(self.anonymous)["@components"]["translations"]
        setRequest(self.request)
        stock = Translations(self.item, self.request)(expand=True)["translations"]
        self.assertEqual(component, stock)
        self.assertEqual(
            sorted(entry["language"] for entry in component["items"]), ["es", "fr"]
        )
        self.assertEqual(sorted(component["root"]), ["en", "es", "fr"])

    def test_private_translations_are_left_out(self):
        french = self.portal.unrestrictedTraverse(
            "fr/publications/transferts-monetaires-afrique-ouest"
        )
        api.content.transition(obj=french, transition="retract")
        transaction.commit()
        component = self.get(self.anonymous)["@components"]["translations"]
        self.assertEqual([entry["language"] for entry in component["items"]], ["es"])
        component = self.get(self.manager)["@components"]["translations"]
        self.assertEqual(
            sorted(entry["language"] for entry in component["items"]), ["es", "fr"]
        )

    def test_expired_translations_are_left_out_for_those_without_inactive_access(self):
        spanish = self.portal.unrestrictedTraverse(
            "es/publications/transferencias-africa-occidental"
        )
        spanish.setExpirationDate(DateTime() - 1)
        spanish.reindexObject()
        transaction.commit()
        component = self.get(self.anonymous)["@components"]["translations"]
        self.assertEqual([entry["language"] for entry in component["items"]], ["fr"])
        component = self.get(self.manager)["@components"]["translations"]
        self.assertEqual(
            sorted(entry["language"] for entry in component["items"]), ["es", "fr"]
        )

    def test_resource_languages_offer_every_language(self):
        params = {"b_size": 1000}
        ours = self.manager.get(
            "@vocabularies/socialhub.vocabularies.Languages", params=params
        ).json()
        stock = self.manager.get(
            "@vocabularies/plone.app.vocabularies.AvailableContentLanguages",
            params=params,
        ).json()
        self.assertGreater(ours["items_total"], 100)
        self.assertEqual(ours["items"], stock["items"])
        self.assertEqual(
            self.get(self.anonymous)["resource_languages"],
            [
                {"token": "en", "title": "English"},
                {"token": "fr", "title": "Français"},
            ],
        )


if __name__ == "__main__":
    unittest.main()
