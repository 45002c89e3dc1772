"""The shared vocabularies of SocialHub: themes, geography, audiences,
resource formats, actor types, population groups and community roles.

Each is a collective.taxonomy taxonomy imported from this package's profile
(``profiles/default/taxonomies/<name>.cfg`` and ``<name>.xml``, a VDEX file
with English, French and Spanish captions). Tokens are stable: captions may
change, tokens never do. A change to a data file reaches existing sites
through an upgrade step (see ``upgrades/evolve.py``).
"""

from pathlib import Path


PACKAGE_NAME = "socialhub.taxonomy"
PROFILE_ID = "profile-socialhub.taxonomy:default"

#: The short names of the suite's taxonomies, in the order editors meet them.
#: Fields and catalog indexes are ``taxonomy_<name>``, behaviours
#: ``collective.taxonomy.generated.<name>``.
TAXONOMIES = (
    "themes",
    "geography",
    "audiences",
    "formats",
    "actor_types",
    "population_groups",
    "community_roles",
)

#: The caption languages every term carries.
LANGUAGES = ("en", "fr", "es")

DATA_DIRECTORY = Path(__file__).parent / "profiles" / "default" / "taxonomies"


def data_file(name, extension="xml"):
    """The path of a taxonomy's VDEX (``xml``) or settings (``cfg``) file."""
    return DATA_DIRECTORY / f"{name}.{extension}"


def utility_name(name):
    """The name of a taxonomy's ITaxonomy utility."""
    return f"collective.taxonomy.{name}"


def field_name(name):
    """The name of a taxonomy's field and catalog index."""
    return f"taxonomy_{name}"


def behavior_name(name):
    """The name of a taxonomy's generated behaviour."""
    return f"collective.taxonomy.generated.{name}"
