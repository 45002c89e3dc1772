"""Review in the Classic UI: "Send back" asks for its comment in a form, and
reviewers reach a review queue from the toolbar, with actions per item."""

from lxml import html
from plone import api
from plone.behavior.interfaces import IBehavior
from plone.testing.zope import Browser
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from zope.component import getUtilitiesFor
from zope.i18n import translate

import requests
import transaction
import unittest


COMMENT = "form.widgets.comment"
WORKFLOWS = (
    "socialhub_review_workflow",
    "socialhub_verification_workflow",
    "socialhub_self_publication_workflow",
)
COMMENT_REQUIRED = "A comment is required to reject: tell the author why."


def text(element):
    return " ".join(element.text_content().split())


class ReviewUITestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        api.user.create(
            email="ana@example.org",
            username="ana",
            password="ana-password",
            properties={"fullname": "Ana Author"},
        )
        api.user.create(
            email="rita@example.org",
            username="rita",
            password="rita-password",
            roles=["Reviewer"],
        )
        api.user.grant_roles(
            username="ana", obj=self.portal["en"], roles=["Contributor"]
        )
        with api.env.adopt_user(username="ana"):
            self.pending = api.content.create(
                container=self.portal["en"]["publications"],
                type="Publication",
                id="waiting",
                title="Waiting report",
            )
            api.content.transition(
                obj=self.pending, transition="submit", comment="Ready for you"
            )
            self.draft = api.content.create(
                container=self.portal["en"]["publications"],
                type="Publication",
                id="draft",
                title="Unfinished draft",
            )
        transaction.commit()

    def browser(self, user, password, language="en"):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic {user}:{password}")
        browser.addHeader("Accept-Language", language)
        return browser

    def page(self, browser):
        return html.fromstring(browser.contents)

    def status_messages(self, browser):
        return [
            " ".join("".join(message.xpath("text()")).split())
            for message in self.page(browser).xpath(
                '//*[contains(@class, "portalMessage")]'
            )
        ]

    def state(self, item):
        transaction.begin()
        return api.content.get_state(item)

    def http(self, path, auth):
        """A plain HTTP GET of the functional server, redirects not followed."""
        return requests.get(
            f"{self.portal.absolute_url()}/{path}",
            auth=auth,
            allow_redirects=False,
            timeout=60,
        )


class TestSendBack(ReviewUITestCase):
    def open_send_back(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.pending.absolute_url())
        (link,) = self.page(browser).xpath('//a[@id="workflow-transition-reject"]')
        self.assertIn(
            "/en/publications/waiting/@@transition-with-comment?workflow_action=reject",
            link.get("href"),
        )
        browser.open(link.get("href"))
        return browser

    def field_error(self, browser):
        (field,) = self.page(browser).xpath('//*[@id="formfield-form-widgets-comment"]')
        return " ".join(
            text(error)
            for error in field.xpath('.//*[contains(@class, "invalid-feedback")]')
        )

    def test_the_state_menu_opens_the_comment_form(self):
        browser = self.open_send_back()
        page = self.page(browser)
        self.assertEqual(text(page.xpath("//h1")[0]), "Send back")
        self.assertEqual(
            page.xpath('//textarea[@name="form.widgets.comment"]/@id'),
            ["form-widgets-comment"],
        )

    def test_without_comment_the_message_shows_next_to_the_field(self):
        for comment in ("", "   "):
            with self.subTest(comment=comment):
                browser = self.open_send_back()
                browser.getControl(name=COMMENT).value = comment
                browser.getControl(name="form.buttons.confirm").click()
                self.assertEqual(self.field_error(browser), COMMENT_REQUIRED)
                self.assertEqual(self.state(self.pending), "pending")

    def test_with_comment_the_item_goes_back_with_the_comment(self):
        browser = self.open_send_back()
        browser.getControl(name=COMMENT).value = "Add the ISBN, please."
        browser.getControl(name="form.buttons.confirm").click()
        self.assertEqual(browser.url, self.pending.absolute_url())
        self.assertIn("Item state changed.", self.status_messages(browser))
        self.assertEqual(self.state(self.pending), "private")
        entry = self.pending.workflow_history["socialhub_review_workflow"][-1]
        self.assertEqual(
            (entry["action"], entry["actor"], entry["comments"]),
            ("reject", "rita", "Add the ISBN, please."),
        )

    def test_cancel_changes_nothing(self):
        browser = self.open_send_back()
        browser.getControl(name="form.buttons.cancel").click()
        self.assertEqual(browser.url, self.pending.absolute_url())
        self.assertEqual(self.state(self.pending), "pending")

    def test_a_transition_not_available_is_refused(self):
        browser = self.browser("rita", "rita-password")
        for item, action in (
            (self.draft, "reject"),
            (self.pending, "nonsense"),
            (self.pending, ""),
        ):
            with self.subTest(item=item.getId(), action=action):
                browser.open(
                    f"{item.absolute_url()}/@@transition-with-comment"
                    f"?workflow_action={action}"
                )
                self.assertEqual(browser.url, item.absolute_url())
                self.assertIn(
                    "This change of state is not available here.",
                    self.status_messages(browser),
                )
        self.assertEqual(self.state(self.draft), "private")
        self.assertEqual(self.state(self.pending), "pending")

    def test_only_reviewers_reach_the_form(self):
        path = (
            "en/publications/waiting/@@transition-with-comment?workflow_action=reject"
        )
        for auth in (None, ("ana", "ana-password")):
            with self.subTest(auth=auth):
                response = self.http(path, auth)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/require_login", response.headers["Location"])
        self.assertEqual(self.state(self.pending), "pending")

    def test_rest_workflow_is_unchanged(self):
        response = requests.post(
            f"{self.pending.absolute_url()}/@workflow/reject",
            auth=("rita", "rita-password"),
            headers={"Accept": "application/json"},
            json={},
            timeout=60,
        )
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(response.json()["message"], COMMENT_REQUIRED)
        self.assertEqual(self.state(self.pending), "pending")


class TestReviewQueue(ReviewUITestCase):
    def rows(self, browser):
        return {
            text(row.xpath(".//td[1]/a")[0]): row
            for row in self.page(browser).xpath(
                '//table[contains(@class, "review-queue")]/tbody/tr'
            )
        }

    def test_the_toolbar_links_reviewers_to_the_queue(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url())
        (link,) = self.page(browser).xpath('//a[@id="personaltools-review-queue"]')
        self.assertEqual(
            link.get("href"), self.portal["en"].absolute_url() + "/@@review-queue"
        )
        browser.open(link.get("href"))
        self.assertEqual(text(self.page(browser).xpath("//h1")[0]), "Review queue")

    def test_the_toolbar_has_no_queue_for_others(self):
        browser = self.browser("ana", "ana-password")
        browser.open(self.portal["en"].absolute_url())
        self.assertEqual(
            self.page(browser).xpath('//a[@id="personaltools-review-queue"]'), []
        )

    def test_lists_what_waits_with_submitter_and_comment(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url() + "/@@review-queue")
        rows = self.rows(browser)
        self.assertEqual(list(rows), ["Waiting report"])
        cells = [text(cell) for cell in rows["Waiting report"].xpath("./td")]
        self.assertEqual(cells[0], "Waiting report Publication · en · Pending review")
        self.assertIn("Ana Author", cells[1])
        self.assertEqual(cells[2], "Ready for you")
        self.assertEqual(cells[3], "Publish Send back")

    def test_publish_from_the_queue(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url() + "/@@review-queue")
        browser.getControl(name="workflow_action", index=0)
        button = browser.getControl("Publish")
        button.click()
        self.assertEqual(
            browser.url, self.portal["en"].absolute_url() + "/@@review-queue"
        )
        self.assertIn("Waiting report: Published", self.status_messages(browser))
        self.assertEqual(self.state(self.pending), "published")
        self.assertEqual(self.rows(browser), {})
        self.assertIn("Nothing is waiting for review.", text(self.page(browser)))

    def test_send_back_from_the_queue_opens_the_comment_form(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url() + "/@@review-queue")
        (link,) = self.rows(browser)["Waiting report"].xpath(".//a[text()='Send back']")
        browser.open(link.get("href"))
        self.assertEqual(
            browser.url,
            self.pending.absolute_url()
            + "/@@transition-with-comment?workflow_action=reject",
        )

    def test_a_posted_transition_not_available_changes_nothing(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url() + "/@@review-queue")
        form = browser.getForm(index=1)
        form.getControl(name="workflow_action").value = "reject"
        form.submit()
        self.assertIn(
            "This change of state is not available here.",
            self.status_messages(browser),
        )
        self.assertEqual(self.state(self.pending), "pending")

    def test_an_organisation_waiting_for_verification(self):
        with api.env.adopt_roles(["Manager"]):
            actor = api.content.create(
                container=self.portal["en"]["actors"],
                type="Actor",
                id="newcomer",
                title="Newcomer Network",
            )
            api.content.transition(obj=actor, transition="submit_for_verification")
        transaction.commit()
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal["en"].absolute_url() + "/@@review-queue")
        row = self.rows(browser)["Newcomer Network"]
        self.assertEqual(text(row.xpath("./td")[3]), "Reject Verify")
        (link,) = row.xpath(".//a[text()='Reject']")
        browser.open(link.get("href"))
        browser.getControl(name=COMMENT).value = "No public registration found."
        browser.getControl(name="form.buttons.confirm").click()
        self.assertEqual(self.state(actor), "rejected")

    def test_plone_review_list_is_the_queue(self):
        browser = self.browser("rita", "rita-password")
        browser.open(self.portal.absolute_url() + "/@@full_review_list")
        self.assertEqual(list(self.rows(browser)), ["Waiting report"])

    def test_only_for_reviewers(self):
        for auth in (None, ("ana", "ana-password")):
            with self.subTest(auth=auth):
                response = self.http("en/@@review-queue", auth)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/require_login", response.headers["Location"])
                self.assertNotIn("Waiting report", response.text)


class TestWorkflowTitlesTranslated(unittest.TestCase):
    """Plone's menus and plone.restapi's @workflow translate workflow titles
    in the plone domain: every title of SocialHub's workflows has French and
    Spanish there."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def titles(self):
        workflow_tool = api.portal.get_tool("portal_workflow")
        for workflow_id in WORKFLOWS:
            workflow = workflow_tool[workflow_id]
            yield workflow.title
            for state in workflow.states.objectValues():
                yield state.title
                yield state.description
            for transition in workflow.transitions.objectValues():
                yield transition.title
                yield transition.description
                yield transition.actbox_name

    def test_every_title_in_french_and_spanish(self):
        for language in ("fr", "es"):
            untranslated = sorted(
                title
                for title in set(self.titles())
                if title
                and translate(title, domain="plone", target_language=language) == title
            )
            self.assertEqual(untranslated, [], language)


class TestTaxonomyFieldsTranslated(unittest.TestCase):
    """collective.taxonomy's generated fields take their label and help text
    from the taxonomy settings and translate them in its domain: every
    SocialHub taxonomy field has French and Spanish there."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_every_label_and_help_text(self):
        fields = [
            behavior
            for name, behavior in getUtilitiesFor(IBehavior)
            if name.startswith("collective.taxonomy.generated.")
        ]
        self.assertEqual(len(fields), 7)
        for language in ("fr", "es"):
            untranslated = sorted(
                text
                for behavior in fields
                for text in (behavior.field_title, behavior.field_description)
                if translate(
                    text, domain="collective.taxonomy", target_language=language
                )
                == text
            )
            self.assertEqual(untranslated, [], language)


class TestWorkflowInFrenchAndSpanish(ReviewUITestCase):
    """A reviewer's State menu and @workflow on a French and a Spanish item."""

    EXPECTED = {
        "fr": ("En attente de modération", ["Publier", "Renvoyer"]),
        "es": ("Revisión pendiente", ["Publicar", "Echar atrás"]),
    }

    def setUp(self):
        super().setUp()
        self.items = {}
        with api.env.adopt_roles(["Manager"]):
            for language in self.EXPECTED:
                item = api.content.create(
                    container=self.portal[language]["publications"],
                    type="Publication",
                    id="pending",
                    title=f"Pending {language}",
                )
                api.content.transition(obj=item, transition="submit")
                self.items[language] = item
        transaction.commit()

    def test_rest_workflow(self):
        for language, (state, transitions) in self.EXPECTED.items():
            with self.subTest(language=language):
                response = requests.get(
                    f"{self.items[language].absolute_url()}/@workflow",
                    auth=("rita", "rita-password"),
                    headers={"Accept": "application/json", "Accept-Language": language},
                    timeout=60,
                )
                self.assertEqual(response.status_code, 200, response.text)
                workflow = response.json()
                self.assertEqual(workflow["state"]["title"], state)
                self.assertEqual(
                    [transition["title"] for transition in workflow["transitions"]],
                    transitions,
                )

    def test_state_menu(self):
        for language, (state, transitions) in self.EXPECTED.items():
            with self.subTest(language=language):
                browser = self.browser("rita", "rita-password", language)
                browser.open(self.items[language].absolute_url())
                menu = self.page(browser).xpath(
                    '//*[@id="plone-contentmenu-workflow"]'
                )[0]
                self.assertIn(state, text(menu))
                self.assertEqual(
                    [
                        text(link)
                        for link in menu.xpath(
                            './/a[starts-with(@id, "workflow-transition-")]'
                        )
                        if link.get("id") != "workflow-transition-advanced"
                    ],
                    transitions,
                )
