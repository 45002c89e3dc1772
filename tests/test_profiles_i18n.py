"""Every message of the socialhub domain is extracted and translated to fr and es."""

from i18ndude.catalog import MessageCatalog
from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import run

import sys
import tempfile
import unittest


LOCALES = CHECKOUT / "src" / "socialhub" / "locales"
I18NDUDE = Path(sys.executable).parent / "i18ndude"


def msgids(catalog):
    return {msgid for msgid in catalog if msgid}


class TestCatalogs(unittest.TestCase):
    def test_pot_has_every_message_of_the_code(self):
        """socialhub.pot is what `make i18n` extracts now: run it after a change."""
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "socialhub.pot"
            result = run(
                [
                    str(I18NDUDE),
                    "rebuild-pot",
                    "--pot",
                    str(fresh),
                    "--create",
                    "socialhub",
                    "src/socialhub",
                    "profiles",
                    "policies",
                ]
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            extracted = msgids(MessageCatalog(filename=str(fresh)))
        committed = msgids(MessageCatalog(filename=str(LOCALES / "socialhub.pot")))
        self.assertEqual(sorted(extracted - committed), [], "missing: run make i18n")

    def test_every_message_translated_to_french_and_spanish(self):
        expected = msgids(MessageCatalog(filename=str(LOCALES / "socialhub.pot")))
        for language in ("fr", "es"):
            with self.subTest(language=language):
                catalog = MessageCatalog(
                    filename=str(LOCALES / language / "LC_MESSAGES" / "socialhub.po")
                )
                untranslated = sorted(
                    msgid
                    for msgid in expected
                    if msgid not in catalog or not catalog[msgid].msgstr
                )
                self.assertEqual(untranslated, [])
