"""The Classic UI's add and edit forms: people as rows of inputs, taxonomy
terms in a searchable select, relation pickers started in the targets'
section, invalid input shown next to its field."""

from lxml import html
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.browserlayer.utils import registered_layers
from plone.browserlayer.utils import unregister_layer
from plone.testing.zope import Browser
from socialhub.core.forms.interfaces import ISocialHubFormsLayer
from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING
from socialhub.testing import SOCIALHUB_INTEGRATION_TESTING
from urllib.parse import urlencode

import json
import transaction
import unittest
import webtest.forms


AUTHORS = "form.widgets.authors"
THEMES = "form.widgets.themes.taxonomy_themes"
GEOGRAPHY = "form.widgets.geography.taxonomy_geography"
PUBLISHERS = "form.widgets.publishers"
RELATED_ITEMS = "form.widgets.IRelatedItems.relatedItems"
ANA = {
    "name": "Ana Pérez",
    "affiliation": "Université Cheikh Anta Diop",
    "orcid": "0000-0002-1825-0097",
}
MOUSSA = {"name": "Moussa Kaboré", "url": "https://bücher.example.org/kabore"}


def person_row_fields(widget_name, people):
    """The request fields of ``people`` as the grid's rows send them.

    What the datagrid's script submits once the editor has filled rows: each
    row numbered, with its marker, and the count of rows.
    """
    fields = [(f"{widget_name}.count", str(len(people)))]
    for index, person in enumerate(people):
        prefix = f"{widget_name}.{index}"
        fields.append((f"{prefix}-empty-marker", "1"))
        for key in ("name", "affiliation", "orcid", "url"):
            fields.append((f"{prefix}.widgets.{key}", person.get(key, "")))
    return fields


class FormTestCase(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.actors = {
            language: api.content.create(
                container=self.portal[language]["actors"],
                type="Actor",
                id="ilo",
                title=title,
            )
            for language, title in (
                ("en", "International Labour Organization"),
                ("fr", "Organisation internationale du Travail"),
            )
        }
        transaction.commit()
        self.browser = Browser(self.layer["app"])
        self.browser.handleErrors = False
        self.browser.addHeader(
            "Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}"
        )

    def page(self):
        return html.fromstring(self.browser.contents)

    def submit(self, values, people=(), people_field=AUTHORS):
        """Submit the open form with ``values`` and ``people`` as the rows of
        ``people_field``.

        ``values`` maps a field name to a value or a list of values; the
        other fields keep what the form shows.
        """
        form = self.browser.getForm(id="form")._form
        # No file is uploaded: a browser sends no file field then.
        files = {
            name
            for name, controls in form.fields.items()
            if any(isinstance(control, webtest.forms.File) for control in controls)
        }
        fields = [
            (name, value)
            for name, value in form.submit_fields()
            if name not in values
            and name not in files
            and not name.startswith(people_field + ".")
        ]
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                fields.append((name, item))
        if f"{people_field}.count" not in values:
            fields += person_row_fields(people_field, people)
        fields.append(("form.buttons.save", "Save"))
        self.browser.post(form.action, urlencode(fields))

    def field_error(self, widget_name):
        """The error shown next to the field of ``widget_name`` (not its
        rows' own errors)."""
        field_id = "formfield-" + widget_name.replace(".", "-")
        (field,) = self.page().xpath(f'//*[@id="{field_id}"]')
        return " ".join(
            " ".join(error.text_content().split())
            for error in field.xpath(
                './*[contains(@class, "invalid-feedback")]'
                ' | ./div/*[contains(@class, "invalid-feedback")]'
            )
        )

    def cell_errors(self, widget_name, index):
        """``{key: error}`` of the inputs of row ``index`` of a people grid."""
        prefix = f"{widget_name}.{index}.widgets."
        errors = {}
        for cell in self.page().xpath(f'//tr[@data-index="{index}"]/td'):
            inputs = cell.xpath(f'.//input[starts-with(@name, "{prefix}")]')
            feedback = cell.xpath('.//*[contains(@class, "invalid-feedback")]')
            if inputs and feedback:
                key = inputs[0].get("name")[len(prefix) :]
                errors[key] = " ".join(feedback[0].text_content().split())
        return errors

    def pattern_options(self, widget_name, pattern):
        (widget,) = self.page().xpath(f'//*[@name="{widget_name}"]')
        return json.loads(widget.get(f"data-pat-{pattern}"))

    def options(self, widget_name):
        """``{token: label}`` of a taxonomy select."""
        (select,) = self.page().xpath(f'//select[@name="{widget_name}:list"]')
        return {
            option.get("value"): option.text_content()
            for option in select.xpath("option")
        }


class TestAddPublicationForm(FormTestCase):
    def test_add_a_publication_with_people_terms_and_a_publisher(self):
        section = self.portal["en"]["publications"]
        self.browser.open(section.absolute_url() + "/++add++Publication")
        themes = sorted(self.options(THEMES))[:2]
        self.submit(
            {
                "form.widgets.IDublinCore.title": "Cash transfers in the Sahel",
                THEMES: themes,
                GEOGRAPHY: ["KE"],
                PUBLISHERS: self.actors["en"].UID(),
            },
            people=[ANA, MOUSSA],
        )
        transaction.begin()
        (publication,) = section.objectValues()
        self.assertEqual(self.browser.url, publication.absolute_url() + "/view")
        self.assertEqual(publication.authors, [ANA, MOUSSA])
        self.assertEqual(sorted(publication.taxonomy_themes), themes)
        self.assertEqual(publication.taxonomy_geography, ["KE"])
        self.assertEqual(
            [relation.to_object for relation in publication.publishers],
            [self.actors["en"]],
        )
        answer = api_session(self.layer, self).get(
            "en/publications/" + publication.getId()
        )
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.json()["authors"], [ANA, MOUSSA])
        self.assertEqual(
            [publisher["@id"] for publisher in answer.json()["publishers"]],
            [self.actors["en"].absolute_url()],
        )

    def test_invalid_rows_show_next_to_the_field(self):
        section = self.portal["en"]["publications"]
        self.browser.open(section.absolute_url() + "/++add++Publication")
        self.submit(
            {"form.widgets.IDublinCore.title": "Refused"},
            # A name typed in the ORCID column; an affiliation with no name.
            people=[
                {"name": "Ana", "orcid": "Ana Pérez"},
                {"affiliation": "ILO"},
            ],
        )
        self.assertEqual(self.browser.headers["status"], "200 OK")
        self.assertIn("++add++Publication", self.browser.url)
        self.assertEqual(self.field_error(AUTHORS), "Correct the people marked below.")
        self.assertEqual(
            self.cell_errors(AUTHORS, 0),
            {
                "orcid": "Enter an ORCID iD such as 0000-0002-1825-0097: the check "
                "digit does not match."
            },
        )
        self.assertEqual(
            self.cell_errors(AUTHORS, 1), {"name": "Required input is missing."}
        )
        # What the editor typed is shown again, as typed.
        self.assertEqual(
            self.browser.getControl(name=f"{AUTHORS}.0.widgets.orcid").value,
            "Ana Pérez",
        )
        transaction.begin()
        self.assertEqual(list(section.objectIds()), [])

    def test_a_bad_web_address_shows_in_its_row(self):
        section = self.portal["en"]["publications"]
        self.browser.open(section.absolute_url() + "/++add++Publication")
        self.submit(
            {"form.widgets.IDublinCore.title": "Refused"},
            people=[{"name": "Ana", "url": "javascript:alert(1)"}],
        )
        self.assertEqual(self.browser.headers["status"], "200 OK")
        self.assertEqual(
            self.cell_errors(AUTHORS, 0),
            {"url": "Enter a web address that starts with http:// or https://."},
        )
        transaction.begin()
        self.assertEqual(list(section.objectIds()), [])

    def test_a_forged_count_of_rows_is_a_field_error(self):
        section = self.portal["en"]["publications"]
        for count in ("x", "-1", "501", "1e9", "²"):
            with self.subTest(count=count):
                self.browser.open(section.absolute_url() + "/++add++Publication")
                self.submit(
                    {
                        "form.widgets.IDublinCore.title": "Refused",
                        f"{AUTHORS}.count": count,
                    }
                )
                self.assertEqual(self.browser.headers["status"], "200 OK")
                self.assertEqual(
                    self.field_error(AUTHORS),
                    "The rows of people could not be read: reload the form.",
                )
                transaction.begin()
                self.assertEqual(list(section.objectIds()), [])


class TestEditPublicationForm(FormTestCase):
    def setUp(self):
        super().setUp()
        self.session = api_session(self.layer, self)
        answer = self.session.post(
            "en/publications",
            json={
                "@type": "Publication",
                "id": "stored-over-rest",
                "title": "Stored over REST",
                "authors": [ANA, MOUSSA, {"name": "Ngozi", "affiliation": ""}],
            },
        )
        self.assertEqual(answer.status_code, 201, answer.text)
        transaction.begin()
        self.publication = self.portal["en"]["publications"]["stored-over-rest"]
        self.stored = self.publication.authors

    def test_people_stored_over_rest_open_as_rows_and_save_unchanged(self):
        self.browser.open(self.publication.absolute_url() + "/edit")
        self.assertEqual(self.browser.getControl(name=f"{AUTHORS}.count").value, "3")
        self.assertEqual(
            self.browser.getControl(name=f"{AUTHORS}.1.widgets.name").value,
            "Moussa Kaboré",
        )
        self.assertEqual(
            self.browser.getControl(name=f"{AUTHORS}.1.widgets.url").value,
            "https://bücher.example.org/kabore",
        )
        self.assertNotIn("\\u00e9", self.browser.contents)
        self.browser.getControl(name="form.buttons.save").click()
        self.assertEqual(self.browser.url, self.publication.absolute_url())
        transaction.begin()
        self.assertEqual(self.publication.authors, self.stored)
        self.assertEqual(
            self.session.get("en/publications/stored-over-rest").json()["authors"],
            [ANA, MOUSSA, {"name": "Ngozi", "affiliation": ""}],
        )

    def test_rows_removed_and_reordered_in_the_page_are_saved(self):
        self.browser.open(self.publication.absolute_url() + "/edit")
        self.submit({}, people=[MOUSSA, ANA])
        transaction.begin()
        self.assertEqual(self.publication.authors, [MOUSSA, ANA])


class TestWidgetOptions(FormTestCase):
    """What drives the widgets' scripts: the patterns and their options."""

    def test_publisher_picker_starts_in_the_organisations_of_the_language(self):
        for language in ("en", "fr"):
            with self.subTest(language=language):
                section = self.portal[language]["publications"]
                self.browser.open(section.absolute_url() + "/++add++Publication")
                options = self.pattern_options(PUBLISHERS, "contentbrowser")
                root = f"/plone/{language}"
                self.assertEqual(options["basePath"], f"{root}/actors")
                self.assertEqual(options["selectableTypes"], ["Actor"])
                self.assertEqual(
                    [favorite["path"] for favorite in options["favorites"]],
                    [f"{root}/actors", root],
                )
                self.assertEqual(
                    options["vocabularyUrl"],
                    self.portal.absolute_url() + "/@@getVocabulary?name="
                    "plone.app.vocabularies.Catalog&field=publishers",
                )

    def test_related_items_start_in_the_language_root(self):
        publication = api.content.create(
            container=self.portal["fr"]["publications"],
            type="Publication",
            id="rapport",
            title="Rapport",
        )
        transaction.commit()
        self.browser.open(publication.absolute_url() + "/edit")
        options = self.pattern_options(RELATED_ITEMS, "contentbrowser")
        self.assertEqual(options["basePath"], "/plone/fr")
        self.assertEqual(options["favorites"][-1]["path"], "/plone/fr")
        options = self.pattern_options(PUBLISHERS, "contentbrowser")
        self.assertEqual(options["basePath"], "/plone/fr/actors")

    def test_event_materials_start_in_the_language_root(self):
        # Materials are publications, files and pages: in several places.
        self.browser.open(self.portal["en"]["events"].absolute_url() + "/++add++Event")
        options = self.pattern_options(
            "form.widgets.ISocialHubEvent.materials", "contentbrowser"
        )
        self.assertEqual(options["basePath"], "/plone/en")
        self.assertEqual(
            options["selectableTypes"], ["Publication", "File", "Document"]
        )
        self.assertEqual(options["favorites"][0]["path"], "/plone/en/publications")

    def test_the_picker_browses_the_sections_of_the_language_root(self):
        self.browser.open(
            self.portal["fr"]["publications"].absolute_url() + "/++add++Publication"
        )
        options = self.pattern_options(PUBLISHERS, "contentbrowser")
        query = {
            "criteria": [
                {
                    "i": "path",
                    "o": "plone.app.querystring.operation.string.path",
                    "v": "/plone/fr::1",
                }
            ]
        }
        answer = api_session(self.layer, self).get(
            options["vocabularyUrl"],
            params={"query": json.dumps(query), "attributes": '["path"]'},
        )
        paths = [item["path"] for item in answer.json()["results"]]
        # Paths under the site, as the content browser shows them.
        self.assertIn("/fr/actors", paths)
        self.assertIn("/fr/publications", paths)

    def test_taxonomy_fields_are_searchable_selects_in_the_form_language(self):
        for language, kenya in (
            ("en", "World » Africa » Kenya"),
            ("fr", "Monde » Afrique » Kenya"),
        ):
            with self.subTest(language=language):
                section = self.portal[language]["publications"]
                self.browser.open(section.absolute_url() + "/++add++Publication")
                (select,) = self.page().xpath(f'//select[@name="{GEOGRAPHY}:list"]')
                self.assertIn("pat-select2", select.get("class").split())
                self.assertEqual(select.get("multiple"), "multiple")
                self.assertEqual(self.options(GEOGRAPHY)["KE"], kenya)

    def test_people_grid_rows(self):
        self.browser.open(
            self.portal["en"]["publications"].absolute_url() + "/++add++Publication"
        )
        (grid,) = self.page().xpath('//div[contains(@class, "pat-datagridfield")]')
        self.assertEqual(
            [" ".join(th.text_content().split()) for th in grid.xpath(".//thead//th")],
            [
                "Name",
                "Affiliation",
                "ORCID iD",
                "Web address",
                "Person record The person's page on this site, if they have one.",
                "",
            ],
        )
        self.assertEqual(
            grid.xpath('.//tr[contains(@class, "auto-append")]/@data-index'), ["AA"]
        )
        self.assertEqual(self.browser.getControl(name=f"{AUTHORS}.count").value, "0")


class TestEveryForm(FormTestCase):
    """Every SocialHub add and edit form answers bad input with its form."""

    # A value no field takes: not a number, a date, an address nor a term.
    BAD = "Kaboré <b>x</b> ' \" 𝒳 0000-0000"

    PEOPLE = {
        "Publication": "form.widgets.authors",
        "Course": "form.widgets.instructors",
        "Event": "form.widgets.ISocialHubEvent.speakers",
    }

    def add_forms(self):
        en = self.portal["en"]
        course = api.content.create(
            container=en["courses"], type="Course", id="course", title="Course"
        )
        transaction.commit()
        return {
            "Publication": en["publications"],
            "Actor": en["actors"],
            "Initiative": en["initiatives"],
            "Course": en["courses"],
            "CourseModule": course,
            "Event": en["events"],
        }

    def fill_with_bad_input(self):
        """Every text input and text area of the form, with :attr:`BAD`."""
        form = self.browser.getForm(id="form")._form
        values = {}
        for name, controls in form.fields.items():
            if not name or ".TT." in name or ".AA." in name:
                continue
            if any(
                isinstance(control, webtest.forms.Text)
                or getattr(control, "tag", "") == "textarea"
                for control in controls
            ):
                if name.endswith(("_authenticator", "mimeType")):
                    continue
                values[name] = self.BAD
        return values

    def test_bad_input_in_every_field_gives_the_form_with_errors(self):
        for portal_type, container in self.add_forms().items():
            with self.subTest(portal_type=portal_type):
                self.browser.open(f"{container.absolute_url()}/++add++{portal_type}")
                before = list(container.objectIds())
                self.submit(
                    self.fill_with_bad_input(),
                    people=[{"name": self.BAD, "orcid": self.BAD}],
                    people_field=self.PEOPLE.get(portal_type, AUTHORS),
                )
                self.assertEqual(self.browser.headers["status"], "200 OK")
                self.assertIn(f"++add++{portal_type}", self.browser.url)
                self.assertTrue(self.page().xpath('//*[@id="form"]'))
                self.assertTrue(
                    self.page().xpath('//*[contains(@class, "invalid-feedback")]')
                )
                transaction.begin()
                self.assertEqual(list(container.objectIds()), before)

    def test_bad_input_in_every_field_of_an_edit_form_changes_nothing(self):
        for portal_type, container in self.add_forms().items():
            with self.subTest(portal_type=portal_type):
                item = api.content.create(
                    container=container, type=portal_type, title="Kept"
                )
                transaction.commit()
                self.browser.open(item.absolute_url() + "/edit")
                self.submit(
                    self.fill_with_bad_input(),
                    people=[{"name": self.BAD, "orcid": self.BAD}],
                    people_field=self.PEOPLE.get(portal_type, AUTHORS),
                )
                self.assertEqual(self.browser.headers["status"], "200 OK")
                self.assertTrue(
                    self.page().xpath('//*[contains(@class, "invalid-feedback")]')
                )
                transaction.begin()
                self.assertEqual(item.Title(), "Kept")

    def test_people_fields_of_every_type_are_rows(self):
        forms = self.add_forms()
        for portal_type, widget_name in self.PEOPLE.items():
            with self.subTest(portal_type=portal_type):
                self.browser.open(
                    f"{forms[portal_type].absolute_url()}/++add++{portal_type}"
                )
                self.assertEqual(
                    self.browser.getControl(name=f"{widget_name}.count").value, "0"
                )
                self.assertTrue(
                    self.page().xpath(
                        f'//input[@name="{widget_name}.AA.widgets.orcid"]'
                    )
                )


class TestFormsLayer(unittest.TestCase):
    layer = SOCIALHUB_INTEGRATION_TESTING

    def test_core_upgrade_installs_the_form_widgets(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        setup_tool = portal.portal_setup
        setup_tool.setLastVersionForProfile("socialhub.core:default", "1005")
        unregister_layer("socialhub.forms")
        registry = portal.portal_registry
        for name in list(registry.records.keys()):
            if name.startswith("plone.bundles/datagridfield-bundle."):
                del registry.records[name]
        setup_tool.unsetLastVersionForProfile(
            "collective.z3cform.datagridfield:default"
        )
        setup_tool.upgradeProfile("socialhub.core:default", "1006")
        self.assertEqual(
            setup_tool.getLastVersionForProfile("socialhub.core:default"),
            ("1006",),
        )
        self.assertEqual(
            setup_tool.getLastVersionForProfile(
                "collective.z3cform.datagridfield:default"
            ),
            ("6",),
        )
        self.assertIn(ISocialHubFormsLayer, registered_layers())
        # The grid's script, in Plone's resource registry.
        self.assertTrue(
            api.portal.get_registry_record(
                "plone.bundles/datagridfield-bundle.enabled", default=False
            )
        )
