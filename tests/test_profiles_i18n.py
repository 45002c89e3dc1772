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
    #: The domains of the catalogs in locales/, and where their messages
    #: are: the workflows' titles are in Plone's domain (its menus and
    #: plone.restapi translate them there).
    DOMAINS = {
        "socialhub": ("src/socialhub", "profiles", "policies"),
        "plone": ("policies",),
    }

    def test_pot_has_every_message_of_the_code(self):
        """The .pot files are what `make i18n` extracts now: run it after a change."""
        for domain, paths in self.DOMAINS.items():
            with self.subTest(domain=domain), tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / f"{domain}.pot"
                result = run(
                    [
                        str(I18NDUDE),
                        "rebuild-pot",
                        "--pot",
                        str(fresh),
                        "--create",
                        domain,
                        *paths,
                    ]
                )
                self.assertEqual(result.returncode, 0, result.stderr)
                extracted = msgids(MessageCatalog(filename=str(fresh)))
                committed = msgids(
                    MessageCatalog(filename=str(LOCALES / f"{domain}.pot"))
                )
                self.assertEqual(
                    sorted(extracted - committed), [], "missing: run make i18n"
                )

    def test_every_message_translated_to_french_and_spanish(self):
        for domain in self.DOMAINS:
            expected = msgids(MessageCatalog(filename=str(LOCALES / f"{domain}.pot")))
            for language in ("fr", "es"):
                with self.subTest(domain=domain, language=language):
                    catalog = MessageCatalog(
                        filename=str(
                            LOCALES / language / "LC_MESSAGES" / f"{domain}.po"
                        )
                    )
                    untranslated = sorted(
                        msgid
                        for msgid in expected
                        if msgid not in catalog or not catalog[msgid].msgstr
                    )
                    self.assertEqual(untranslated, [])
