"""socialhub.taxonomy installs six trilingual taxonomies, and uninstalls."""

from collective.taxonomy import generated
from collective.taxonomy.interfaces import ITaxonomy
from plone import api
from plone.base.utils import get_installer
from plone.behavior.interfaces import IBehavior
from plone.browserlayer.utils import registered_layers
from plone.registry.interfaces import IRegistry
from socialhub.taxonomy import behavior_name
from socialhub.taxonomy import field_name
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy import utility_name
from socialhub.taxonomy.interfaces import ITaxonomyLayer
from socialhub.taxonomy.upgrades.evolve import invalidate_caches
from socialhub.testing import SOCIALHUB_TAXONOMY_INTEGRATION_TESTING
from zope.component import getUtility
from zope.component import queryUtility
from zope.schema.interfaces import IVocabularyFactory

import unittest


def forget_generated_schemas():
    """collective.taxonomy caches generated schemas at module level, outside
    the transaction: drop them so they are rebuilt from the registered
    behaviours after a test changed (and rolled back) them."""
    for name in TAXONOMIES:
        delattr(generated, name)
    invalidate_caches()


class TestTaxonomyInstall(unittest.TestCase):
    layer = SOCIALHUB_TAXONOMY_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_installed_with_browser_layer(self):
        installer = get_installer(self.portal, self.layer["request"])
        self.assertTrue(installer.is_product_installed("socialhub.taxonomy"))
        self.assertIn(ITaxonomyLayer, registered_layers())

    def test_taxonomies_behaviours_and_indexes(self):
        catalog = api.portal.get_tool("portal_catalog")
        for name in TAXONOMIES:
            with self.subTest(taxonomy=name):
                taxonomy = queryUtility(ITaxonomy, name=utility_name(name))
                self.assertIsNotNone(taxonomy)
                self.assertEqual(taxonomy.default_language, "en")
                self.assertEqual(sorted(taxonomy.getLanguages()), ["en", "es", "fr"])
                behavior = queryUtility(IBehavior, name=behavior_name(name))
                self.assertIsNotNone(behavior)
                self.assertFalse(behavior.is_single_select)
                self.assertEqual(behavior.taxonomy_fieldset, "categorization")
                self.assertIn(field_name(name), behavior.interface)
                index = catalog._catalog.getIndex(field_name(name))
                self.assertEqual(index.meta_type, "KeywordIndex")

    def title(self, name, token, language):
        factory = getUtility(IVocabularyFactory, name=utility_name(name))
        vocabulary = factory.makeVocabulary(language)
        term = vocabulary.getTerm(token)
        return factory.translate(
            term.title, mapping=term.title.mapping, target_language=language
        )

    def test_titles_in_every_language(self):
        self.assertEqual(
            self.title("geography", "SN", "en"), "World » Africa » Senegal"
        )
        self.assertEqual(
            self.title("geography", "SN", "fr"), "Monde » Afrique » Sénégal"
        )
        self.assertEqual(
            self.title("geography", "SN", "es"), "Mundo » África » Senegal"
        )
        self.assertEqual(
            self.title("themes", "cash-transfers", "fr"),
            "Protection sociale » Assistance sociale » Transferts monétaires",
        )
        self.assertEqual(
            self.title("themes", "cash-transfers", "es"),
            "Protección social » Asistencia social » Transferencias monetarias",
        )
        self.assertEqual(
            self.title("population_groups", "older-persons", "es"), "Personas mayores"
        )

    def test_vocabulary_sizes(self):
        factory = getUtility(IVocabularyFactory, name=utility_name("geography"))
        self.assertEqual(len(factory.makeVocabulary("fr")), 256)
        factory = getUtility(IVocabularyFactory, name=utility_name("themes"))
        self.assertGreaterEqual(len(factory.makeVocabulary("es")), 40)


class TestTaxonomyUninstall(unittest.TestCase):
    layer = SOCIALHUB_TAXONOMY_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.installer = get_installer(self.portal, self.layer["request"])
        self.installer.uninstall_product("socialhub.taxonomy")
        self.addCleanup(forget_generated_schemas)

    def test_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("socialhub.taxonomy"))
        self.assertNotIn(ITaxonomyLayer, registered_layers())
        catalog = api.portal.get_tool("portal_catalog")
        registry = getUtility(IRegistry)
        for name in TAXONOMIES:
            with self.subTest(taxonomy=name):
                self.assertIsNone(queryUtility(ITaxonomy, name=utility_name(name)))
                self.assertIsNone(
                    queryUtility(IVocabularyFactory, name=utility_name(name))
                )
                self.assertIsNone(queryUtility(IBehavior, name=behavior_name(name)))
                self.assertNotIn(field_name(name), catalog.indexes())
                self.assertNotIn(field_name(name), catalog.schema())
                self.assertNotIn(
                    f"plone.app.querystring.field.{field_name(name)}.title",
                    registry.records,
                )
