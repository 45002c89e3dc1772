"""Classic UI pages over HTTP, parsed: what the view-page tests read.

:class:`ViewPageTests` is a mixin for functional TestCases on the demo
layer: sessions for Anonymous and an editor (a Site Administrator), a page
fetched as HTML (``page``), and what a reader sees of an element (``text``).
"""

from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.restapi.testing import RelativeSession
from socialhub.testing import api_session

import re
import transaction


EDITOR = ("view-editor", "view-editor-secret-123")

#: The internal settings no view page shows a reader.
INTERNAL_LABELS = ("Short name", "Versioning", "Flags", "Exclude from navigation")


def text(element):
    """The text of an element as a reader sees it: white space collapsed."""
    return re.sub(r"\s+", " ", element.text_content()).strip()


class ViewPageTests:
    """Mix in before ``unittest.TestCase``; the layer is a functional one."""

    def setUp(self):
        self.portal = self.layer["portal"]
        api.user.create(
            email="view-editor@example.org",
            username=EDITOR[0],
            password=EDITOR[1],
            roles=["Site Administrator"],
        )
        transaction.commit()
        self.anonymous = self.session(None)
        self.editor = self.session(EDITOR)
        self.manager = self.session((SITE_OWNER_NAME, SITE_OWNER_PASSWORD))

    def session(self, auth):
        session = RelativeSession(self.portal.absolute_url(), test=self)
        session.auth = auth
        return session

    def page(self, session, path, status=200):
        """The parsed HTML of ``path`` for ``session``; asserts ``status``."""
        response = session.get(path)
        self.assertEqual(response.status_code, status, response.text[:2000])
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        return html.fromstring(response.text)

    def rest(self):
        """A Manager's JSON session on the REST API, to change the demo items."""
        return api_session(self.layer, self)

    def add_private_actor(self, title="Quillmere council of carers"):
        """A private (registered, not verified) organisation; its JSON."""
        response = self.rest().post(
            "en/actors", json={"@type": "Actor", "title": title}
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()

    def patch(self, path, **fields):
        """Change fields of the item at ``path`` over REST (204)."""
        response = self.rest().patch(path, json=fields)
        self.assertEqual(response.status_code, 204, response.text)

    def one(self, page, css):
        """The only element of ``page`` that ``css`` selects."""
        found = page.cssselect(css)
        self.assertEqual(len(found), 1, f"{css}: {len(found)} found")
        return found[0]

    def texts(self, page, css):
        """The texts of every element ``css`` selects, in order."""
        return [text(element) for element in page.cssselect(css)]

    def content(self, page):
        """The content core of a view page (what the type's view renders)."""
        return self.one(page, "#content-core")

    def assert_no_internals(self, page):
        """The page shows no internal setting of the schema."""
        shown = text(self.one(page, "#content"))
        for label in INTERNAL_LABELS:
            self.assertNotIn(label, shown)


def definitions(page):
    """The facts a view page lists (``.socialhub-facts``): ``{label: text}``."""
    facts = {}
    for term in page.cssselect(".socialhub-facts dt"):
        facts[text(term)] = text(term.getnext())
    return facts


def links(page, css):
    """``[(text, href)]`` of the links ``css`` selects."""
    return [(text(link), link.get("href")) for link in page.cssselect(css)]
