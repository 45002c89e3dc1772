"""Browsable sections and language-root landing pages in the Classic UI."""

from lxml import html
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobImage
from plone.restapi.testing import RelativeSession
from socialhub.search.browser import section
from socialhub.search.browser.section import content_cache_key
from socialhub.search.facets import FacetedSearch
from socialhub.search.interfaces import ISearchLayer
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_DEMO_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from unittest import mock
from urllib.parse import parse_qsl
from urllib.parse import urlsplit
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import base64
import datetime
import transaction
import unittest


#: A 1x1 PNG image.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def page_session(layer, test, auth=None):
    """A session asking for HTML pages, as a browser does."""
    session = RelativeSession(layer["portal"].absolute_url(), test=test)
    session.headers["Accept"] = "text/html"
    session.auth = auth
    return session


def flat_counts(terms):
    """``{token: count}`` of an ``@facets`` term tree."""
    found = {}
    for term in terms:
        found[term["token"]] = term["count"]
        found.update(flat_counts(term["children"]))
    return found


class BrowseTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        library = self.portal["en"]["publications"]
        add = self.add
        add(library, "ccts", "Cash in hand", ["conditional-cash-transfers"], 2021)
        add(library, "pensions", "Pensions", ["social-pensions"], 2023)
        health = add(library, "health", "Health cover", ["health-insurance"], 2024)
        health.image = NamedBlobImage(data=PIXEL, filename="cover.png")
        health.reindexObject()
        add(library, "draft", "Secret draft", ["unemployment-insurance"], 2024, False)
        pensions = ["social-pensions"]
        french = add(
            self.portal["fr"]["publications"], "retraites", "Retraites", pensions
        )
        ITranslationManager(library["pensions"]).register_translation("fr", french)
        add(self.portal["es"]["publications"], "pensiones", "Pensiones", pensions)
        transaction.commit()
        self.anonymous = page_session(self.layer, self)
        self.editor = page_session(
            self.layer, self, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        )
        self.api = api_session(self.layer, self, auth=None)

    def add(self, container, id_, title, themes, year=2020, publish=True):
        item = api.content.create(
            container=container,
            type="Publication",
            id=id_,
            title=title,
            description=f"About {title.lower()}.",
            taxonomy_themes=themes,
            taxonomy_geography=["KE"],
            publication_date=datetime.date(year, 6, 1),
        )
        if publish:
            api.content.transition(obj=item, transition="publish")
        item.reindexObject()
        return item

    def page(self, session, path, status=200, **params):
        response = session.get(path, params=params, allow_redirects=False)
        self.assertEqual(response.status_code, status, response.text[:2000])
        self.assertIn("text/html", response.headers["Content-Type"])
        return html.fromstring(response.text)

    @staticmethod
    def card_titles(page):
        return [
            " ".join(link.text_content().split())
            for link in page.cssselect(".socialhub-card .card-title a")
        ]

    @staticmethod
    def facet_counts(page, facet):
        return {
            item.get("data-token"): int(
                item.cssselect(".socialhub-term-count")[0].text_content()
            )
            for item in page.cssselect(f'.socialhub-facet[data-facet="{facet}"] li')
        }

    @staticmethod
    def text(page, selector):
        return " ".join(
            " ".join(element.text_content().split())
            for element in page.cssselect(selector)
        )


class TestSectionView(BrowseTestCase):
    def test_section_shows_its_published_items_as_cards(self):
        page = self.page(self.anonymous, "en/publications")
        self.assertEqual(
            self.card_titles(page), ["Health cover", "Pensions", "Cash in hand"]
        )
        self.assertEqual(self.text(page, ".socialhub-items-total"), "Results: 3")
        self.assertIn("About pensions.", self.text(page, ".socialhub-card"))
        # The type's own line: its date and the card's taxonomy terms, linked
        # to the section filtered on them.
        self.assertIn("Publication", self.text(page, ".socialhub-card-type"))
        self.assertTrue(page.cssselect(".socialhub-card-line"))
        term = page.cssselect('.socialhub-card-terms a[href$="themes=social-pensions"]')
        self.assertEqual(term[0].text_content(), "Social pensions")
        section_url = self.portal["en"]["publications"].absolute_url()
        self.assertEqual(term[0].get("href"), f"{section_url}?themes=social-pensions")
        self.assertNotIn("Secret draft", page.text_content())
        # The lead image's thumbnail, for the item that has one.
        images = page.cssselect(".socialhub-card-image")
        self.assertEqual(len(images), 1)
        image = self.anonymous.get(images[0].get("src"))
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")

    def test_counts_are_those_of_facets(self):
        for session, auth in ((self.anonymous, None), (self.editor, True)):
            with self.subTest(editor=bool(auth)):
                page = self.page(session, "en/publications")
                api = api_session(
                    self.layer,
                    self,
                    auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if auth else None,
                )
                facets = api.get(
                    "en/publications/@facets", params={"portal_type": "Publication"}
                ).json()["facets"]
                for name in ("themes", "geography"):
                    self.assertEqual(
                        self.facet_counts(page, name),
                        flat_counts(facets[name]["terms"]),
                    )
        # The anonymous visitor neither sees nor counts the draft.
        anonymous = self.facet_counts(
            self.page(self.anonymous, "en/publications"), "themes"
        )
        self.assertNotIn("unemployment-insurance", anonymous)
        self.assertEqual(anonymous["social-protection"], 3)
        editor = self.page(self.editor, "en/publications")
        self.assertEqual(self.facet_counts(editor, "themes")["social-protection"], 4)
        self.assertIn("Secret draft", self.card_titles(editor))

    def test_filter_on_a_term_and_remove_it(self):
        page = self.page(self.anonymous, "en/publications", themes="cash-transfers")
        self.assertEqual(self.card_titles(page), ["Pensions", "Cash in hand"])
        api = self.api.get(
            "en/publications/@facets",
            params={"themes": "cash-transfers", "portal_type": "Publication"},
        ).json()
        self.assertEqual(
            self.facet_counts(page, "geography"),
            flat_counts(api["facets"]["geography"]["terms"]),
        )
        self.assertEqual(self.facet_counts(page, "geography")["KE"], 2)
        # The selected term is marked, and can be taken out.
        selected = page.cssselect(".socialhub-term-selected")
        self.assertEqual(
            " ".join(selected[0].text_content().split()), "Cash transfers 2"
        )
        remove = page.cssselect(".socialhub-selected-terms a")
        self.assertEqual(len(remove), 1)
        self.assertIn("Cash transfers", remove[0].text_content())
        everything = self.anonymous.get(remove[0].get("href"))
        self.assertEqual(
            self.card_titles(html.fromstring(everything.text)),
            ["Health cover", "Pensions", "Cash in hand"],
        )
        # A filter shows even when its taxonomy is not counted.
        french = self.page(
            self.anonymous, "fr/publications", themes="cash-transfers", facets="formats"
        )
        self.assertEqual(
            self.text(french, ".socialhub-selected-terms a"),
            "Transferts monétaires × Retirer ce filtre",
        )
        # A term's link adds it to the filters.
        health = page.cssselect(
            '.socialhub-facet[data-facet="themes"] li[data-token="health-insurance"] a'
        )[0]
        self.assertEqual(
            sorted(parse_qsl(urlsplit(health.get("href")).query)),
            [("themes", "cash-transfers"), ("themes", "health-insurance")],
        )
        both = html.fromstring(self.anonymous.get(health.get("href")).text)
        self.assertEqual(
            self.card_titles(both), ["Health cover", "Pensions", "Cash in hand"]
        )

    def test_pages_keep_the_filters(self):
        page = self.page(
            self.anonymous, "en/publications", themes="social-protection", b_size="2"
        )
        self.assertEqual(self.card_titles(page), ["Health cover", "Pensions"])
        self.assertEqual(self.text(page, ".socialhub-items-total"), "Results: 3")
        links = [
            link.get("href")
            for link in page.cssselect(".pagination a")
            if dict(parse_qsl(urlsplit(link.get("href")).query)).get("b_start") == "2"
        ]
        self.assertTrue(links, html.tostring(page).decode()[-3000:])
        query = dict(parse_qsl(urlsplit(links[0]).query))
        self.assertEqual(query["themes"], "social-protection")
        self.assertEqual(query["b_size"], "2")
        second = html.fromstring(self.anonymous.get(links[0]).text)
        self.assertEqual(self.card_titles(second), ["Cash in hand"])

    def test_full_text_and_language(self):
        page = self.page(self.anonymous, "en/publications", q="health")
        self.assertEqual(self.card_titles(page), ["Health cover"])
        french = self.page(self.anonymous, "fr/publications")
        self.assertEqual(self.card_titles(french), ["Retraites"])
        self.assertEqual(self.text(french, ".socialhub-items-total"), "Résultats : 1")
        self.assertEqual(
            self.text(french, '.socialhub-facet[data-facet="themes"] h3'), "Thèmes"
        )
        titles = self.text(french, '.socialhub-facet[data-facet="themes"] li')
        self.assertIn("Protection sociale", titles)
        spanish = self.page(self.anonymous, "es/publications")
        self.assertEqual(self.card_titles(spanish), ["Pensiones"])
        self.assertIn(
            "Protección social",
            self.text(spanish, '.socialhub-facet[data-facet="themes"] li'),
        )

    def test_bad_parameter_is_a_400_page_with_the_message(self):
        page = self.page(self.anonymous, "en/publications", status=400, colour="red")
        self.assertEqual(
            self.text(page, ".socialhub-search-error p"),
            "Unknown search parameter colour. Use q, portal_type, language, facets, "
            "sort_on, sort_order, b_start, b_size, a taxonomy name (themes, "
            "geography, audiences, formats, actor_types, population_groups, "
            "community_roles) or "
            "<date index>.min / .max.",
        )
        self.assertEqual(self.card_titles(page), [])
        page = self.page(self.anonymous, "en/publications", status=400, themes="nope")
        self.assertEqual(
            self.text(page, ".socialhub-search-error p"),
            "Unknown term nope in the taxonomy themes.",
        )
        # In the page's language, as @facets says it.
        page = self.page(self.editor, "fr/publications", status=400, sort_order="up")
        self.assertEqual(
            self.text(page, ".socialhub-search-error p"),
            "sort_order doit valoir ascending ou descending.",
        )
        self.assertEqual(
            self.api.get("fr/publications/@facets", params={"sort_order": "up"}).json()[
                "message"
            ],
            "sort_order doit valoir ascending ou descending.",
        )

    def test_classic_ui_parameters_are_not_search_parameters(self):
        # Plone's modals load a page with ajax_load (and ajax_include_head).
        page = self.page(
            self.anonymous,
            "en/publications",
            ajax_load="1733580000",
            ajax_include_head="1",
            q="health",
        )
        self.assertEqual(self.card_titles(page), ["Health cover"])

    def test_taxonomy_field_names_redirect_to_the_facets_names(self):
        response = self.anonymous.get(
            "en/publications",
            params={"taxonomy_themes": "social-pensions", "b_size": "5"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 302)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(
            sorted(parse_qsl(location.query)),
            [("b_size", "5"), ("themes", "social-pensions")],
        )
        # Plone's own batch links write b_start:int=20.
        response = self.anonymous.get(
            "en/publications?themes=social-protection&b_start:int=2",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 302)
        location = urlsplit(response.headers["Location"])
        self.assertEqual(
            sorted(parse_qsl(location.query)),
            [("b_start", "2"), ("themes", "social-protection")],
        )
        page = html.fromstring(self.anonymous.get(response.headers["Location"]).text)
        self.assertEqual(self.card_titles(page), ["Cash in hand"])


class TestSectionPageCache(BrowseTestCase):
    """A section page's content is kept in a RAM cache: never another's, never stale."""

    def test_a_page_made_for_a_manager_is_not_shown_to_anonymous(self):
        editor = self.page(self.editor, "en/publications")
        self.assertEqual(self.facet_counts(editor, "themes")["social-protection"], 4)
        self.assertIn("Secret draft", self.card_titles(editor))
        for _visit in range(2):
            anonymous = self.page(self.anonymous, "en/publications")
            counts = self.facet_counts(anonymous, "themes")
            self.assertNotIn("unemployment-insurance", counts)
            self.assertEqual(counts["social-protection"], 3)
            self.assertNotIn("Secret draft", anonymous.text_content())
        # Nor the other way round.
        editor = self.page(self.editor, "en/publications")
        self.assertEqual(self.facet_counts(editor, "themes")["social-protection"], 4)

    def test_a_member_sees_only_what_is_shared_with_them(self):
        for user_id in ("reader", "stranger"):
            api.user.create(
                email=f"{user_id}@example.org", username=user_id, password="secret-42"
            )
        draft = self.portal["en"]["publications"]["draft"]
        # As the Sharing tab does it.
        api.user.grant_roles(username="reader", obj=draft, roles=["Editor"])
        draft.reindexObjectSecurity()
        transaction.commit()
        reader = page_session(self.layer, self, auth=("reader", "secret-42"))
        stranger = page_session(self.layer, self, auth=("stranger", "secret-42"))
        page = self.page(reader, "en/publications")
        self.assertIn("Secret draft", self.card_titles(page))
        self.assertEqual(self.facet_counts(page, "themes")["unemployment-insurance"], 1)
        page = self.page(stranger, "en/publications")
        self.assertNotIn("Secret draft", self.card_titles(page))
        self.assertNotIn("unemployment-insurance", self.facet_counts(page, "themes"))

    def test_adding_publishing_and_retracting_change_the_page(self):
        page = self.page(self.anonymous, "en/publications")
        self.assertEqual(self.facet_counts(page, "themes")["social-protection"], 3)
        library = self.portal["en"]["publications"]
        self.add(library, "newer", "Newer pensions", ["social-pensions"], 2025)
        transaction.commit()
        page = self.page(self.anonymous, "en/publications")
        self.assertEqual(self.facet_counts(page, "themes")["social-protection"], 4)
        self.assertEqual(self.facet_counts(page, "themes")["social-pensions"], 2)
        self.assertEqual(self.card_titles(page)[0], "Newer pensions")
        self.assertEqual(self.text(page, ".socialhub-items-total"), "Results: 4")
        api.content.transition(obj=library["draft"], transition="publish")
        transaction.commit()
        page = self.page(self.anonymous, "en/publications")
        self.assertEqual(self.facet_counts(page, "themes")["unemployment-insurance"], 1)
        self.assertIn("Secret draft", self.card_titles(page))
        api.content.transition(obj=library["draft"], transition="retract")
        transaction.commit()
        page = self.page(self.anonymous, "en/publications")
        self.assertNotIn("unemployment-insurance", self.facet_counts(page, "themes"))
        self.assertNotIn("Secret draft", self.card_titles(page))

    def test_each_language_and_filter_has_its_own_page(self):
        self.page(self.anonymous, "en/publications")
        french = self.page(self.anonymous, "fr/publications")
        self.assertEqual(self.card_titles(french), ["Retraites"])
        self.assertEqual(
            self.text(french, '.socialhub-facet[data-facet="themes"] h3'), "Thèmes"
        )
        filtered = self.page(
            self.anonymous, "en/publications", themes="health-insurance"
        )
        self.assertEqual(self.card_titles(filtered), ["Health cover"])
        self.assertEqual(
            self.card_titles(self.page(self.anonymous, "en/publications")),
            ["Health cover", "Pensions", "Cash in hand"],
        )


class TestSectionContentCacheKey(unittest.TestCase):
    """The key of the section page's RAM cache, and that the cache is used."""

    layer = SOCIALHUB_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.section = self.portal["en"]["publications"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def view(self, **form):
        request = self.layer["request"].clone()
        request.form.update(form)
        alsoProvides(request, ISearchLayer)
        view = getMultiAdapter((self.section, request), name="section_view")
        view()
        return view

    def test_the_key_changes_with_what_the_page_shows(self):
        key = content_cache_key(self.view())
        self.assertEqual(content_cache_key(self.view()), key)
        self.assertNotEqual(
            content_cache_key(self.view(themes="health-insurance")), key
        )
        self.assertNotEqual(content_cache_key(self.view(b_start="20")), key)
        with mock.patch.object(section, "minute", return_value=section.minute() + 1):
            self.assertNotEqual(content_cache_key(self.view()), key)
        api.content.create(container=self.section, type="Publication", id="new")
        changed = content_cache_key(self.view())
        self.assertNotEqual(changed, key)
        logout()
        self.assertNotEqual(content_cache_key(self.view()), changed)

    def test_a_page_is_made_once_until_the_catalog_changes(self):
        with mock.patch.object(
            FacetedSearch,
            "facet_counts",
            autospec=True,
            side_effect=FacetedSearch.facet_counts,
        ) as counted:
            first = self.view().content()
            self.assertEqual(self.view().content(), first)
            self.assertEqual(counted.call_count, 1)
            api.content.create(
                container=self.section, type="Publication", id="new", title="Newest"
            )
            self.assertIn("Newest", self.view().content())
            self.assertEqual(counted.call_count, 2)


class TestLandingPage(BrowseTestCase):
    def test_language_root_lists_its_sections_and_latest_items(self):
        page = self.page(self.anonymous, "en")
        sections = page.cssselect(".socialhub-landing-section")
        titles = [
            " ".join(section.cssselect("h2")[0].text_content().split())
            for section in sections
        ]
        expected = [
            brain.Title
            for brain in api.content.find(
                context=self.portal["en"],
                portal_type="Section",
                depth=1,
                sort_on="getObjPositionInParent",
            )
        ]
        self.assertEqual(titles, expected)
        self.assertIn("Publications", titles)
        library = sections[titles.index("Publications")]
        self.assertEqual(
            self.card_titles(library), ["Health cover", "Pensions", "Cash in hand"]
        )
        count = library.cssselect(".socialhub-section-count")[0].text_content()
        total = self.api.get("en/publications/@facets").json()["items_total"]
        self.assertEqual(int(count), total)
        self.assertEqual(total, 3)  # not the draft
        self.assertNotIn("Secret draft", page.text_content())
        # Not the folder "English" with a listing of its content.
        self.assertNotIn("English", self.text(page, "h1"))

    def test_editor_counts_the_draft(self):
        page = self.page(self.editor, "en")
        library = [
            section
            for section in page.cssselect(".socialhub-landing-section")
            if "Publications" in section.cssselect("h2")[0].text_content()
        ][0]
        self.assertEqual(
            library.cssselect(".socialhub-section-count")[0].text_content(), "4"
        )
        self.assertIn("Secret draft", self.card_titles(library))

    def test_landing_page_in_french_and_spanish(self):
        for language, item in (("fr", "Retraites"), ("es", "Pensiones")):
            with self.subTest(language=language):
                page = self.page(self.anonymous, language)
                root = self.portal[language]
                sections = api.content.find(
                    context=root, portal_type="Section", depth=1
                )
                titles = self.text(page, ".socialhub-landing-section h2")
                for brain in sections:
                    self.assertIn(brain.Title, titles)
                self.assertIn(item, self.card_titles(page))
                self.assertEqual(page.get("lang"), language)
        french = self.page(self.anonymous, "fr")
        self.assertIn("Tout voir (1)", self.text(french, ".socialhub-landing-section"))


class TestDemoPages(BrowseTestCase):
    """The pages of the demo site: every plugin's records, in three languages."""

    layer = SOCIALHUB_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.anonymous = page_session(self.layer, self)
        self.api = api_session(self.layer, self, auth=None)

    def test_a_section_shows_its_records_not_what_they_hold(self):
        page = self.page(self.anonymous, "fr/courses")
        types = self.text(page, ".socialhub-card-type").split()
        self.assertTrue(types)
        self.assertEqual(set(types), {"Cours"})  # no course modules
        facets = self.api.get(
            "fr/courses/@facets", params={"portal_type": "Course"}
        ).json()
        self.assertEqual(
            self.text(page, ".socialhub-items-total"),
            f"Résultats : {facets['items_total']}",
        )
        for name in ("themes", "audiences"):
            expected = flat_counts(facets["facets"][name]["terms"])
            self.assertEqual(self.facet_counts(page, name), expected)
        # A course's own line: format and level in French.
        self.assertIn("Intermédiaire", self.text(page, ".socialhub-card-line"))
        self.assertNotIn("intermediate", self.text(page, ".socialhub-card-line"))

    def test_card_lines_in_the_page_language(self):
        actors = self.page(self.anonymous, "es/actors")
        lines = self.text(actors, ".socialhub-card-line")
        self.assertIn("Kenia", lines)  # the country's name, not KE
        self.assertIn("Financiador", lines)
        self.assertNotIn(" KE", lines)
        events = self.page(self.anonymous, "fr/events")
        self.assertIn("Webinaire", self.text(events, ".socialhub-card-line"))
        self.assertIn("En ligne", self.text(events, ".socialhub-card-line"))

    def test_landing_pages_introduce_the_site_in_each_language(self):
        languages = (("en", "See all"), ("fr", "Tout voir"), ("es", "Ver todo"))
        for language, see_all in languages:
            with self.subTest(language=language):
                page = self.page(self.anonymous, language)
                root = self.portal[language]
                self.assertEqual(
                    self.text(page, ".documentDescription"), root.Description()
                )
                self.assertTrue(root.Description())
                sections = page.cssselect(".socialhub-landing-section")
                self.assertEqual(len(sections), 6)
                for section in sections:
                    self.assertEqual(len(section.cssselect(".socialhub-card")), 3)
                self.assertIn(see_all, self.text(page, ".socialhub-landing-section p"))
                # The welcome page is not what a visitor lands on.
                links = [link.get("href") for link in page.cssselect("#content-core a")]
                self.assertFalse([link for link in links if "/welcome" in link])


class TestBrowseSetup(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_default_views(self):
        types = api.portal.get_tool("portal_types")
        self.assertEqual(types["Section"].default_view, "section_view")
        self.assertIn("section_view", types["Section"].view_methods)
        self.assertEqual(types["LRF"].default_view, "landing_view")
        self.assertEqual(
            self.layer["portal"]["fr"]["publications"].getLayout(), "section_view"
        )
        self.assertEqual(self.layer["portal"]["fr"].getLayout(), "landing_view")

    def test_uninstall_gives_back_the_stock_views(self):
        portal = self.layer["portal"]
        api.portal.get_tool("portal_setup").runAllImportStepsFromProfile(
            "profile-socialhub.search:uninstall"
        )
        types = api.portal.get_tool("portal_types")
        self.assertEqual(types["Section"].default_view, "listing_view")
        self.assertNotIn("section_view", types["Section"].view_methods)
        self.assertEqual(types["LRF"].default_view, "folder_listing")
        self.assertNotIn("landing_view", types["LRF"].view_methods)
        self.assertEqual(portal["en"].getLayout(), "folder_listing")

    def test_upgrade_sets_the_default_views_of_an_older_site(self):
        portal = self.layer["portal"]
        types = api.portal.get_tool("portal_types")
        types["Section"].default_view = "listing_view"
        types["LRF"].default_view = "folder_listing"
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile("socialhub.search:default", "1000")
        setup.upgradeProfile("socialhub.search:default")
        self.assertEqual(types["Section"].default_view, "section_view")
        self.assertEqual(portal["en"].getLayout(), "landing_view")
        self.assertEqual(
            setup.getLastVersionForProfile("socialhub.search:default"), ("1001",)
        )
