"""The taxonomy data files are complete, trilingual and, for geography,
what the generator produces from its sources now."""

from socialhub.taxonomy import data_file
from socialhub.taxonomy import LANGUAGES
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy import vdex
from socialhub.taxonomy.generate import geography_xml

import configparser
import pycountry
import re
import unittest


def terms_of(name):
    return vdex.read(data_file(name).read_bytes())


class TestTaxonomyData(unittest.TestCase):
    def test_geography_is_generated(self):
        self.assertEqual(
            data_file("geography").read_text(encoding="utf-8"),
            geography_xml(),
            "geography.xml is out of date: python -m socialhub.taxonomy.generate",
        )

    def test_every_term_has_every_caption(self):
        for name in TAXONOMIES:
            for term, _ancestors in vdex.walk(terms_of(name)):
                with self.subTest(taxonomy=name, token=term.token):
                    self.assertEqual(sorted(term.captions), sorted(LANGUAGES))
                    for language in LANGUAGES:
                        self.assertTrue(term.captions[language].strip())

    def test_tokens_unique_and_readable(self):
        for name in TAXONOMIES:
            tokens = [term.token for term, ancestors in vdex.walk(terms_of(name))]
            with self.subTest(taxonomy=name):
                self.assertEqual(len(tokens), len(set(tokens)))
                if name != "geography":
                    for token in tokens:
                        self.assertRegex(token, r"^[a-z0-9]+(-[a-z0-9]+)*$")

    def test_sibling_captions_unique(self):
        # collective.taxonomy keys terms by their caption path: two siblings
        # with the same caption in one language would become one.
        for name in TAXONOMIES:
            siblings = [terms_of(name)]
            siblings += [term.children for term, a in vdex.walk(terms_of(name))]
            for group in siblings:
                for language in LANGUAGES:
                    captions = [term.captions[language] for term in group]
                    with self.subTest(taxonomy=name, language=language):
                        self.assertEqual(len(captions), len(set(captions)))

    def test_themes_deep_and_rich(self):
        ancestry = vdex.ancestry(terms_of("themes"))
        self.assertGreaterEqual(len(ancestry), 40)
        self.assertGreaterEqual(max(len(a) for a in ancestry.values()) + 1, 3)
        self.assertEqual(
            ancestry["conditional-cash-transfers"],
            ("social-protection", "social-assistance", "cash-transfers"),
        )

    def test_every_country_in_geography(self):
        ancestry = vdex.ancestry(terms_of("geography"))
        for country in pycountry.countries:
            with self.subTest(country=country.alpha_2):
                self.assertIn(country.alpha_2, ancestry)
                self.assertEqual(ancestry[country.alpha_2][0], "001")
        self.assertEqual(ancestry["SN"], ("001", "002"))
        self.assertEqual(ancestry["AQ"], ("001",))

    def test_flat_taxonomies(self):
        sizes = {
            "audiences": 8,
            "formats": 19,
            "actor_types": 12,
            "population_groups": 12,
        }
        for name, size in sizes.items():
            with self.subTest(taxonomy=name):
                terms = terms_of(name)
                self.assertEqual(len(terms), size)
                self.assertFalse(any(term.children for term in terms))

    def test_settings(self):
        for name in TAXONOMIES:
            config = configparser.RawConfigParser()
            config.read(data_file(name, "cfg"), encoding="utf-8")
            with self.subTest(taxonomy=name):
                self.assertEqual(config.get("taxonomy", "name"), name)
                self.assertEqual(config.get("taxonomy", "default_language"), "en")
                self.assertEqual(
                    config.get("taxonomy", "taxonomy_fieldset"), "categorization"
                )
                self.assertEqual(config.get("taxonomy", "is_single_select"), "false")
                self.assertTrue(config.get("taxonomy", "field_title"))
                self.assertTrue(config.get("taxonomy", "field_description"))
                self.assertTrue(data_file(name).exists())
                self.assertTrue(re.match(r"^[a-z_]+$", name))
