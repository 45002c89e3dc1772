"""The Person view page (Classic UI) in English, French and Spanish."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from tests.test_core_forms import FormTestCase
from zope.globalrequest import setRequest

import transaction
import unittest


ORCID = "0000-0002-1825-0097"


class TestPersonView(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRequest(self.request)
        self.ilo = api.content.create(
            container=self.portal["en"]["actors"], type="Actor", title="ILO"
        )
        self.secret = api.content.create(
            container=self.portal["en"]["actors"], type="Actor", title="Hidden club"
        )
        api.content.transition(self.ilo, transition="verify")
        self.person = api.content.create(
            container=self.portal["en"]["people"],
            type="Person",
            title="Amina Diallo",
            orcid=ORCID,
            languages_spoken=["fr", "wo"],
            available_to_media=True,
            press_contact="mailto:press@example.org",
            affiliations=[
                {"organisation": self.ilo.UID(), "role": "Senior economist"},
                {"organisation": self.secret.UID(), "role": "Chair"},
            ],
            taxonomy_community_roles=["advisory-board"],
            contact_email="amina.private@example.org",
        )
        api.content.transition(self.person, transition="publish")
        self.paper = api.content.create(
            container=self.portal["en"]["publications"],
            type="Publication",
            title="Cash in the Sahel",
            authors=[{"name": "Amina Diallo", "person": self.person.UID()}],
        )
        api.content.transition(self.paper, transition="publish")

    def render(self, item):
        return item.restrictedTraverse("@@" + item.getLayout())()

    def test_page_for_anonymous(self):
        logout()
        html = self.render(self.person)
        for text in (
            "Senior economist",
            "ILO",
            "Available to the media",
            "mailto:press@example.org",
            f"https://orcid.org/{ORCID}",
            "Wolof",
            "Advisory Board",
            "Cash in the Sahel",
        ):
            with self.subTest(text=text):
                self.assertIn(text, html)
        for text in ("Hidden club", "Chair", "amina.private@example.org"):
            with self.subTest(absent=text):
                self.assertNotIn(text, html)

    def test_contact_for_the_manager(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        self.assertIn("amina.private@example.org", self.render(self.person))

    def test_publication_links_its_author_to_the_person_page(self):
        logout()
        html = self.render(self.paper)
        self.assertIn(f'href="{self.person.absolute_url()}"', html)


class TestPersonAddForm(FormTestCase):
    """The Classic UI's add form of a Person, with rows of affiliations."""

    AFFILIATIONS = "form.widgets.affiliations"

    def test_add_with_affiliations(self):
        ilo = self.actors["en"]
        self.browser.open(self.portal["en"]["people"].absolute_url() + "/++add++Person")
        (grid,) = self.page().xpath('//div[contains(@class, "pat-datagridfield")]')
        self.assertEqual(
            [" ".join(th.text_content().split()) for th in grid.xpath(".//thead//th")],
            ["Organisation", "Role or title", ""],
        )
        options = self.page().xpath(
            f'//select[@name="{self.AFFILIATIONS}.AA.widgets.organisation:list"]'
            "/option/@value"
        )
        self.assertIn(ilo.UID(), options)
        fields = [
            (f"{self.AFFILIATIONS}.count", "1"),
            (f"{self.AFFILIATIONS}.0-empty-marker", "1"),
            (f"{self.AFFILIATIONS}.0.widgets.organisation:list", ilo.UID()),
            (f"{self.AFFILIATIONS}.0.widgets.organisation-empty-marker", "1"),
            (f"{self.AFFILIATIONS}.0.widgets.role", "Senior economist"),
        ]
        self.submit(
            {
                "form.widgets.IDublinCore.title": "Amina Diallo",
                "form.widgets.orcid": ORCID,
                **dict(fields),
            },
            people_field=self.AFFILIATIONS,
        )
        transaction.begin()
        person = self.portal["en"]["people"]["amina-diallo"]
        self.assertEqual(
            person.affiliations,
            [{"organisation": ilo.UID(), "role": "Senior economist"}],
        )
        self.assertEqual(person.orcid, ORCID)

    def test_bad_orcid_shows_the_form_again(self):
        self.browser.open(self.portal["en"]["people"].absolute_url() + "/++add++Person")
        self.submit(
            {
                "form.widgets.IDublinCore.title": "Amina Diallo",
                "form.widgets.orcid": "0000-0002-1825-0098",
                f"{self.AFFILIATIONS}.count": "0",
            },
            people_field=self.AFFILIATIONS,
        )
        self.assertIn(
            "the check digit does not match", self.field_error("form.widgets.orcid")
        )
        transaction.begin()
        self.assertNotIn("amina-diallo", self.portal["en"]["people"].objectIds())
