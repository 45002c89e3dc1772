"""Listing cards as the Classic UI pages show them.

:class:`~socialhub.search.listing.ListingCards` gives a frontend the card of
a catalog brain as JSON; a page needs the same card ready to show: term
titles linked to the section's filtered listing, the type's own columns
(``ICardFields``) written out in the page's language as one line, and the
image's thumbnail. Like ``@listing``, it reads the catalog brain only.
"""

from DateTime import DateTime
from datetime import date
from html import escape
from plone import api
from plone.dexterity.utils import iterSchemataForType
from socialhub.core.browser.formatting import format_date
from socialhub.core.browser.formatting import page_locale
from socialhub.core.browser.terms import country_name
from socialhub.search.listing import ListingCards
from urllib.parse import urlencode
from zope.component import queryUtility
from zope.i18n import translate
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IVocabularyFactory

import Missing


#: The image fields a card shows the thumbnail of, in order of preference.
IMAGE_FIELDS = ("image", "logo")
THUMBNAIL_SCALE = "thumb"
SEPARATOR = " · "
#: Card columns holding an ISO 3166-1 country code: shown by the country's
#: name (:func:`socialhub.core.browser.terms.country_name`).
COUNTRY_COLUMNS = ("headquarters_country",)


class PageCards:
    """The cards of the results of a query, for a page in ``request``'s language."""

    def __init__(self, query, context, request):
        self.query = query
        self.context = context
        self.request = request
        self.cards = ListingCards(query)
        self._fields = {}  # schema fields by (portal_type, name)
        self._type_titles = {}
        # A page shows the same terms, flags and dates on many cards: each
        # is looked up and translated once (a vocabulary is made, and the
        # request's language negotiated, at every lookup otherwise).
        self._vocabularies = {}
        self._texts = {}
        self.locale = page_locale(context, request)

    def __call__(self, brains, section_url):
        """The cards of ``brains``; their terms link to ``section_url``'s listing."""
        return [self.card(brain, section_url) for brain in brains]

    def card(self, brain, section_url):
        """The card of a catalog brain, as the cards template shows it.

        ``{"url", "title", "description", "type_title", "review_state",
        "line", "image", "terms"}``
        """
        url = brain.getURL()
        return {
            "url": url,
            "title": brain.Title,
            "description": brain.Description,
            "type_title": self.type_title(brain.portal_type),
            "review_state": brain.review_state,
            "line": SEPARATOR.join(self.line(brain)),
            "image": thumbnail(url, getattr(brain, "image_scales", None)),
            "terms": [
                {
                    "title": term["title"],
                    "url": f"{section_url}?{urlencode({name: term['token']})}",
                }
                for name, terms in self.cards.taxonomies_of(brain).items()
                for term in terms
            ],
        }

    def type_title(self, portal_type):
        """The translated title of a content type."""
        if portal_type not in self._type_titles:
            fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
            self._type_titles[portal_type] = (
                translate(fti.Title(), domain=fti.i18n_domain, context=self.request)
                if fti is not None
                else portal_type
            )
        return self._type_titles[portal_type]

    def line(self, brain):
        """The texts of the type's own card columns that have a value."""
        for name in self.cards.card_fields(brain.portal_type):
            text = self.text(brain.portal_type, name, getattr(brain, name, None))
            if text:
                yield text

    def text(self, portal_type, name, value):
        """A card column's value as the page shows it, or "" for none."""
        if value is None or value is Missing.Value or value == "":
            return ""
        try:
            key = (portal_type, name, value)
            hash(key)
        except TypeError:  # a list: its items are cached as terms
            return self._text(portal_type, name, value)
        if key not in self._texts:
            self._texts[key] = self._text(portal_type, name, value)
        return self._texts[key]

    def _text(self, portal_type, name, value):
        field = self.field(portal_type, name)
        if name in COUNTRY_COLUMNS:
            return self.country(value)
        if isinstance(value, bool):
            # A flag shows its label when it is set ("Funder", "Certificate").
            if value and field is not None and IBool.providedBy(field):
                return translate(field.title, context=self.request)
            return ""
        if isinstance(value, DateTime):
            value = value.asdatetime()
        if isinstance(value, date):
            return format_date(value, self.locale)
        if isinstance(value, (list, tuple)):
            value_type = getattr(field, "value_type", None)
            return ", ".join(
                filter(None, (self.term_title(value_type, item) for item in value))
            )
        return self.term_title(field, value)

    def term_title(self, field, value):
        """The title of ``value`` in the vocabulary of ``field``, else the value."""
        try:
            key = (id(field), value)
            hash(key)
        except TypeError:
            return str(value)
        if key not in self._texts:
            self._texts[key] = self._term_title(field, value)
        return self._texts[key]

    def _term_title(self, field, value):
        vocabulary = self.vocabulary(field)
        if vocabulary is not None:
            try:
                term = vocabulary.getTerm(value)
            except (LookupError, TypeError):
                term = None
            if term is not None and term.title:
                return translate(term.title, context=self.request)
        return str(value)

    def vocabulary(self, field):
        """The vocabulary of ``field`` (a named one made once per page), or None."""
        name = getattr(field, "vocabularyName", None)
        if not name:
            return getattr(field, "vocabulary", None)
        if name not in self._vocabularies:
            factory = queryUtility(IVocabularyFactory, name=name)
            self._vocabularies[name] = (
                factory(self.context) if factory is not None else None
            )
        return self._vocabularies[name]

    def country(self, code):
        """The name of a country in the page's language, else its code."""
        return country_name(code, self.query.title_language) or code

    def field(self, portal_type, column):
        """The schema field of ``portal_type`` behind a card column, or None.

        A column is named after its field (``acronym``), or after the field
        prefixed with the type's name (``course_level`` for Course's
        ``level``), as the plugins name their catalog columns.
        """
        key = (portal_type, column)
        if key not in self._fields:
            prefix = f"{portal_type.lower()}_"
            names = [column]
            if column.startswith(prefix):
                names.append(column[len(prefix) :])
            self._fields[key] = None
            for schema in iterSchemataForType(portal_type):
                found = [name for name in names if name in schema]
                if found:
                    self._fields[key] = schema[found[0]]
                    break
        return self._fields[key]


def thumbnail(url, image_scales):
    """The thumbnail URL of the first image field in catalog ``image_scales``."""
    if not image_scales or image_scales is Missing.Value:
        return None
    for name in IMAGE_FIELDS:
        for image in image_scales.get(name) or ():
            scale = (image.get("scales") or {}).get(THUMBNAIL_SCALE) or image
            download = scale.get("download")
            if download:
                return f"{url}/{download}"
    return None


def cards_html(cards):
    """The HTML of a list of cards (:meth:`PageCards.card`), Bootstrap's cards.

    Written in Python rather than in a template: a page shows some twenty
    cards with their terms, and each TAL expression costs more than the
    whole card here.
    """
    return (
        '<div class="row row-cols-1 row-cols-md-2 g-3 socialhub-cards">'
        + "".join(_card_html(card) for card in cards)
        + "</div>"
    )


def _card_html(card):
    url = escape(card["url"])
    parts = ['<div class="col"><article class="card h-100 socialhub-card">']
    parts.append('<div class="card-body d-flex gap-3">')
    if card["image"]:
        parts.append(
            f'<a href="{url}"><img class="socialhub-card-image" alt="" '
            f'loading="lazy" src="{escape(card["image"])}"/></a>'
        )
    parts.append(
        "<div>"
        '<p class="card-subtitle small text-muted mb-1 socialhub-card-type">'
        f"{_text(card['type_title'])}</p>"
        '<h3 class="card-title h5">'
        f'<a href="{url}" class="state-{escape(str(card["review_state"]))}">'
        f"{_text(card['title'])}</a></h3>"
    )
    if card["line"]:
        parts.append(
            f'<p class="small mb-1 socialhub-card-line">{_text(card["line"])}</p>'
        )
    if _shown(card["description"]):
        parts.append(
            '<p class="card-text socialhub-card-description">'
            f"{_text(card['description'])}</p>"
        )
    if card["terms"]:
        parts.append('<ul class="list-inline mb-0 small socialhub-card-terms">')
        parts.extend(
            f'<li class="list-inline-item"><a class="badge text-bg-light" '
            f'href="{escape(term["url"])}">{_text(term["title"])}</a></li>'
            for term in card["terms"]
        )
        parts.append("</ul>")
    parts.append("</div></div></article></div>")
    return "".join(parts)


def _shown(value):
    return bool(value) and value is not Missing.Value


def _text(value):
    """A catalog value as escaped text: nothing for None or a missing value."""
    return escape(str(value)) if _shown(value) else ""
