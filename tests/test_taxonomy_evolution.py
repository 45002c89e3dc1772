"""A changed taxonomy data file reaches a site without losing assignments.

The test turns the installed themes file into a "version 2": one new term,
one caption renamed in every language, one term moved, two terms retired
(one with a named successor, one left to fall back on its parent), then runs
the upgrade helper and checks vocabulary, content and catalog.
"""

from copy import deepcopy
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.schema import SCHEMA_CACHE
from plone.dexterity.utils import iterSchemata
from socialhub.taxonomy import data_file
from socialhub.taxonomy import utility_name
from socialhub.taxonomy import vdex
from socialhub.taxonomy.upgrades.evolve import update_taxonomies
from socialhub.taxonomy.upgrades.evolve import update_taxonomy
from socialhub.taxonomy.vdex import Term
from socialhub.testing import SOCIALHUB_TAXONOMY_INTEGRATION_TESTING
from tests.test_taxonomy_setup import forget_generated_schemas
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory

import unittest


BEHAVIOR = "collective.taxonomy.generated.themes"


def themes_v2():
    """The themes file with the changes a maintainer might make."""
    terms = vdex.read(data_file("themes").read_bytes())
    found = {term.token: term for term, ancestors in vdex.walk(terms)}
    parents = {
        child.token: term
        for term, ancestors in vdex.walk(terms)
        for child in term.children
    }
    # New term.
    found["cash-transfers"].children.append(
        Term(
            "cash-plus",
            {"en": "Cash plus", "fr": "Cash plus", "es": "Efectivo plus"},
        )
    )
    # Renamed captions, same token.
    found["school-feeding"].captions = {
        "en": "School meals",
        "fr": "Repas scolaires",
        "es": "Comidas escolares",
    }
    # Moved: the care economy becomes a cross-cutting issue.
    care = found["care-economy"]
    parents["care-economy"].children.remove(care)
    found["cross-cutting-issues"].children.append(care)
    # Retired: fee waivers (successor named), public works (no successor).
    for token in ("fee-waivers", "public-works"):
        parents[token].children.remove(found[token])
    names = {"en": "Themes", "fr": "Thèmes", "es": "Temas"}
    return vdex.write("themes", names, deepcopy(terms)).encode("utf-8")


class TestTaxonomyEvolution(unittest.TestCase):
    layer = SOCIALHUB_TAXONOMY_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.addCleanup(forget_generated_schemas)
        fti = getUtility(IDexterityFTI, name="Document")
        fti.manage_changeProperties(behaviors=tuple(fti.behaviors) + (BEHAVIOR,))
        self.addCleanup(SCHEMA_CACHE.invalidate, "Document")
        self.docs = {
            "waivers": self.document("en", ["fee-waivers", "health-insurance"]),
            "works": self.document("fr", ["public-works"]),
            "both": self.document("es", ["fee-waivers", "in-kind-transfers"]),
            "care": self.document("en", ["care-economy"]),
            "meals": self.document("en", ["school-feeding"]),
            "untouched": self.document("en", ["conditional-cash-transfers"]),
        }
        self.modified = {key: doc.modified() for key, doc in self.docs.items()}

    def document(self, language, themes):
        doc = api.content.create(
            container=self.portal[language],
            type="Document",
            title=" ".join(themes),
        )
        doc.taxonomy_themes = themes
        doc.reindexObject()
        return doc

    def search(self, token):
        catalog = api.portal.get_tool("portal_catalog")
        return {brain.getObject() for brain in catalog(taxonomy_themes=token)}

    def title(self, token, language):
        factory = getUtility(IVocabularyFactory, name=utility_name("themes"))
        term = factory.makeVocabulary(language).getTerm(token)
        return factory.translate(
            term.title, mapping=term.title.mapping, target_language=language
        )

    def evolve(self):
        return update_taxonomy(
            api.portal.get_tool("portal_setup"),
            "themes",
            retire={"fee-waivers": "in-kind-transfers"},
            document=themes_v2(),
        )

    def test_behaviour_gives_the_field(self):
        doc = self.docs["untouched"]
        fields = [name for schema in iterSchemata(doc) for name in schema]
        self.assertIn("taxonomy_themes", fields)
        self.assertIn(doc, self.search("social-assistance"))
        self.assertIn(doc, self.search("social-protection"))

    def test_vocabulary(self):
        self.evolve()
        vocabulary = getUtility(
            IVocabularyFactory, name=utility_name("themes")
        ).makeVocabulary("en")
        tokens = {term.value for term in vocabulary}
        self.assertIn("cash-plus", tokens)
        self.assertNotIn("fee-waivers", tokens)
        self.assertNotIn("public-works", tokens)
        self.assertEqual(
            self.title("cash-plus", "es"),
            "Protección social » Asistencia social » Transferencias monetarias"
            " » Efectivo plus",
        )
        self.assertEqual(
            self.title("school-feeding", "en"),
            "Social protection » Social assistance » School meals",
        )
        self.assertEqual(
            self.title("school-feeding", "fr"),
            "Protection sociale » Assistance sociale » Repas scolaires",
        )
        self.assertEqual(
            self.title("care-economy", "en"), "Cross-cutting issues » Care economy"
        )
        # No stale caption path survives the import, in any language.
        taxonomy = getUtility(IVocabularyFactory, name=utility_name("themes"))
        for paths in taxonomy.data.values():
            self.assertEqual(len(paths), len(tokens))
            self.assertNotIn("fee-waivers", set(paths.values()))
        self.assertFalse(
            [path for path in taxonomy.data["en"] if "School feeding" in path]
        )

    def test_content_migrated(self):
        report = self.evolve()
        self.assertEqual(
            report["retired"],
            {"fee-waivers": "in-kind-transfers", "public-works": "social-assistance"},
        )
        self.assertEqual(report["moved"], ["care-economy"])
        docs = self.docs
        self.assertEqual(
            docs["waivers"].taxonomy_themes, ["in-kind-transfers", "health-insurance"]
        )
        self.assertEqual(docs["works"].taxonomy_themes, ["social-assistance"])
        self.assertEqual(docs["both"].taxonomy_themes, ["in-kind-transfers"])
        self.assertEqual(docs["care"].taxonomy_themes, ["care-economy"])
        self.assertEqual(docs["meals"].taxonomy_themes, ["school-feeding"])
        self.assertEqual(
            docs["untouched"].taxonomy_themes, ["conditional-cash-transfers"]
        )
        self.assertEqual(
            sorted(report["migrated"]),
            sorted(
                "/".join(docs[key].getPhysicalPath())
                for key in ("waivers", "works", "both")
            ),
        )
        self.assertNotIn("/".join(docs["meals"].getPhysicalPath()), report["reindexed"])
        for key, doc in docs.items():
            self.assertEqual(doc.modified(), self.modified[key])

    def test_catalog(self):
        docs = self.docs
        self.assertEqual(self.search("fee-waivers"), {docs["waivers"], docs["both"]})
        self.assertIn(docs["care"], self.search("social-care"))
        self.evolve()
        self.assertEqual(self.search("fee-waivers"), set())
        self.assertEqual(self.search("public-works"), set())
        self.assertEqual(
            self.search("in-kind-transfers"), {docs["waivers"], docs["both"]}
        )
        self.assertEqual(self.search("health-insurance"), {docs["waivers"]})
        self.assertEqual(self.search("school-feeding"), {docs["meals"]})
        # A broader theme still finds everything below it.
        self.assertEqual(
            self.search("social-assistance"),
            {docs[key] for key in ("waivers", "works", "both", "meals", "untouched")},
        )
        self.assertEqual(self.search("cash-transfers"), {docs["untouched"]})
        # The moved term is found under its new parent only.
        self.assertNotIn(docs["care"], self.search("social-care"))
        self.assertIn(docs["care"], self.search("cross-cutting-issues"))

    def test_rerun_is_harmless(self):
        self.evolve()
        report = self.evolve()
        self.assertEqual(report["migrated"], [])
        self.assertEqual(report["moved"], [])

    def test_bad_retire_mapping(self):
        setup = api.portal.get_tool("portal_setup")
        with self.assertRaises(ValueError):
            update_taxonomy(
                setup,
                "themes",
                retire={"cash-transfers": None},
            )
        with self.assertRaises(ValueError):
            update_taxonomy(
                setup,
                "themes",
                retire={"fee-waivers": "no-such-theme"},
                document=themes_v2(),
            )

    def test_profile_file_reimport_changes_nothing(self):
        report = update_taxonomy(api.portal.get_tool("portal_setup"), "themes")
        self.assertEqual(report["retired"], {})
        self.assertEqual(report["moved"], [])
        self.assertEqual(
            self.search("fee-waivers"), {self.docs["waivers"], self.docs["both"]}
        )

    def test_generic_upgrade_handler(self):
        update_taxonomies(api.portal.get_tool("portal_setup"))
        self.assertEqual(
            self.title("school-feeding", "fr"),
            "Protection sociale » Assistance sociale » Alimentation scolaire",
        )
        self.assertEqual(
            self.docs["waivers"].taxonomy_themes, ["fee-waivers", "health-insurance"]
        )
