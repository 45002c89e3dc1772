"""@related: the organisations behind a record and records of its domain."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from socialhub.search import related
from socialhub.testing import api_session
from socialhub.testing import public_transition
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import transaction
import unittest


class TestRelated(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        en = portal["en"]
        ilo = self.add(en["actors"], "Actor", "ilo")
        secret = self.add(en["actors"], "Actor", "secret-funder", publish=False)
        self.add(
            en["publications"],
            "Publication",
            "report",
            themes=["conditional-cash-transfers"],
            geography=["SN"],
            publishers=[ilo, secret],
        )
        self.add(
            en["publications"],
            "Publication",
            "brief",
            themes=["unconditional-cash-transfers"],
            geography=["SN"],
        )
        self.add(
            en["initiatives"],
            "Initiative",
            "close",
            themes=["conditional-cash-transfers"],
            geography=["SN"],
        )
        self.add(
            en["initiatives"],
            "Initiative",
            "same-country",
            themes=["health-insurance"],
            geography=["SN"],
        )
        self.add(
            en["initiatives"],
            "Initiative",
            "far",
            themes=["childcare"],
            geography=["FR"],
        )
        self.add(
            en["initiatives"],
            "Initiative",
            "hidden",
            themes=["conditional-cash-transfers"],
            geography=["SN"],
            publish=False,
        )
        self.add(en["courses"], "Course", "course", themes=["cash-transfers"])
        transaction.commit()
        self.anonymous = api_session(self.layer, self, auth=None)

    def add(
        self,
        container,
        portal_type,
        id_,
        themes=(),
        geography=(),
        publish=True,
        **fields,
    ):
        taxonomies = {"taxonomy_themes": list(themes)}
        if portal_type != "Course":
            taxonomies["taxonomy_geography"] = list(geography)
        item = api.content.create(
            container=container,
            type=portal_type,
            id=id_,
            title=id_.title(),
            **taxonomies,
        )
        if fields:
            intids = getUtility(IIntIds)
            for name, targets in fields.items():
                setattr(item, name, [RelationValue(intids.getId(t)) for t in targets])
        if publish:
            api.content.transition(obj=item, transition=public_transition(portal_type))
        item.reindexObject()
        return item

    def related(self, path="en/publications/report", **params):
        response = self.anonymous.get(f"{path}/@related", params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def test_organisations_behind_it_that_anonymous_may_see(self):
        result = self.related()
        self.assertEqual([item["title"] for item in result["organisations"]], ["Ilo"])
        self.assertNotIn("Secret", str(result))

    def test_initiatives_ranked_by_shared_terms(self):
        result = self.related()
        ranked = [(item["title"], item["score"]) for item in result["initiatives"]]
        # Shared: social-protection 1, social-assistance 2, cash-transfers 3,
        # conditional-cash-transfers 4; World 1, Africa 2, Senegal 3.
        self.assertEqual(ranked, [("Close", 16), ("Same-Country", 7), ("Far", 2)])

    def test_resources_leave_out_the_record_itself(self):
        result = self.related()
        ranked = [(item["title"], item["score"]) for item in result["resources"]]
        self.assertEqual(ranked, [("Brief", 12), ("Course", 6)])

    def test_limit(self):
        result = self.related(limit="1")
        self.assertEqual([item["title"] for item in result["initiatives"]], ["Close"])
        for params, message in (
            ({"limit": "0"}, "limit must be a whole number from 1 to 20, not 0."),
            ({"limit": "21"}, "limit must be a whole number from 1 to 20, not 21."),
            ({"limit": "x"}, "limit must be a whole number from 1 to 20, not x."),
            ({"limit": "²"}, "limit must be a whole number from 1 to 20, not ²."),
            ({"limit": ["1", "2"]}, "Give limit once."),
            ({"top": "3"}, "Unknown parameter top: use limit."),
        ):
            with self.subTest(params=params):
                response = self.anonymous.get(
                    "en/publications/report/@related", params=params
                )
                self.assertEqual(response.status_code, 400, response.text)
                self.assertEqual(response.json()["message"], message)


class TestRelatedKinds(unittest.TestCase):
    """Each plugin registers the @related list its type shows in."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_kinds_come_from_the_plugins_registrations(self):
        self.assertEqual(related.portal_types("organisations"), ("Actor",))
        self.assertEqual(related.portal_types("initiatives"), ("Initiative",))
        self.assertEqual(
            related.portal_types("resources"), ("Course", "Event", "Publication")
        )

    def test_an_unknown_kind_has_no_types(self):
        self.assertEqual(related.portal_types("volunteers"), ())
