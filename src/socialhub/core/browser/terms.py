"""Taxonomy terms as links to their section's filtered listing; country names.

A term links to the item's section with the term as filter, in the query
parameter ``@facets`` takes and the Section view reads:
``/fr/publications?taxonomy_themes=cash-transfers``. Titles are the
taxonomy's captions in the page's language.
"""

from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.utils import iterSchemata
from socialhub.core import _
from socialhub.core.sections import Section
from socialhub.taxonomy import field_name
from socialhub.taxonomy import TAXONOMIES
from socialhub.taxonomy.terms import terms
from urllib.parse import urlencode
from zope.schema import getFieldsInOrder

import pycountry


#: The label of each taxonomy on a view page (collective.taxonomy's field
#: titles are the English vocabulary names).
TAXONOMY_LABELS = {
    "themes": _("label_taxonomy_themes", default="Themes"),
    "geography": _("label_taxonomy_geography", default="Geography"),
    "audiences": _("label_taxonomy_audiences", default="Audiences"),
    "formats": _("label_taxonomy_formats", default="Formats"),
    "actor_types": _("label_taxonomy_actor_types", default="Kinds of organisation"),
    "population_groups": _(
        "label_taxonomy_population_groups", default="Population groups"
    ),
    "community_roles": _("label_taxonomy_community_roles", default="Community roles"),
}

GEOGRAPHY = "geography"


def section_of(context):
    """The Section an item lives in (a module's: its course's), or None."""
    for item in aq_chain(aq_inner(context)):
        if isinstance(item, Section):
            return item
        if IPloneSiteRoot.providedBy(item):
            break
    return None


def term_url(section_url, taxonomy, token):
    """The section's listing filtered by one term of ``taxonomy``."""
    return f"{section_url}?{urlencode({field_name(taxonomy): token})}"


def item_taxonomies(context):
    """The short names of the taxonomies ``context``'s fields use, in order."""
    names = set()
    for schema in iterSchemata(context):
        for name, _field in getFieldsInOrder(schema):
            if name.startswith("taxonomy_") and name[len("taxonomy_") :] in TAXONOMIES:
                names.add(name[len("taxonomy_") :])
    return [name for name in TAXONOMIES if name in names]


def term_groups(context, language, taxonomies=None):
    """The taxonomy terms of ``context``, one group per taxonomy that has some.

    Each group is ``{"taxonomy", "label", "terms": [{"token", "title",
    "url"}]}``; ``url`` is None when the item is in no section. Tokens the
    taxonomy no longer has are left out. ``taxonomies`` limits and orders
    the groups (default: every taxonomy of the item).
    """
    section = section_of(context)
    section_url = section.absolute_url() if section is not None else None
    groups = []
    for taxonomy in item_taxonomies(context) if taxonomies is None else taxonomies:
        tokens = getattr(aq_inner(context), field_name(taxonomy), None) or ()
        captions = terms(taxonomy, language)
        if captions is None:
            continue
        found = [
            {
                "token": token,
                "title": captions.title(token),
                "url": section_url and term_url(section_url, taxonomy, token),
            }
            for token in tokens
            if token in captions
        ]
        if found:
            groups.append(
                {
                    "taxonomy": taxonomy,
                    "label": TAXONOMY_LABELS[taxonomy],
                    "terms": found,
                }
            )
    return groups


def country_name(code, language):
    """The name of an ISO 3166-1 alpha-2 country in ``language``: "Kenia".

    The geography taxonomy names every country in the site's languages;
    pycountry's English name stands in where it has none. None for an
    unknown code.
    """
    if not code:
        return None
    captions = terms(GEOGRAPHY, language)
    if captions is not None and code in captions:
        return captions.title(code)
    country = pycountry.countries.get(alpha_2=code)
    return None if country is None else country.name
