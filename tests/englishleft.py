"""Finding English left on a French or Spanish page.

The English texts are the messages of every translation domain the site
registers that have no French or Spanish translation, or one that differs
from the English: the msgid, or its default where a ``.pot`` file of the
domain records one. A page
keeps English when one of its texts (a text node, or a title, alt,
placeholder, aria-label or button value), taken whole, is one of them.
"""

from i18ndude.catalog import MessageCatalog
from lxml import html
from pathlib import Path
from zope.component import getUtilitiesFor
from zope.i18n import translate
from zope.i18n.interfaces import ITranslationDomain

import re


#: Attributes whose value is read or heard as text.
TEXT_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
#: What a text may hold around a message: "Title:", "Themes *", "(Draft)".
AROUND = " \t\n:*()[]…."
#: What translate() gives for a message with no translation in a language.
MISSING = "\x00no translation"
#: Messages that are too short or not words: they match data, not labels.
MINIMUM_LENGTH = 3


def catalog_directories(domain):
    """The locales directories of a registered translation domain."""
    directories = set()
    for names in getattr(domain, "_catalogs", {}).values():
        for name in names:
            catalog = domain._data[name]
            filename = getattr(catalog, "_path_to_file", None)
            if filename:
                # <locales>/<language>/LC_MESSAGES/<domain>.mo
                directories.add(Path(filename).parent.parent.parent)
    return directories


def english_texts(domain):
    """msgid -> English text of a domain: the .pot default, or the msgid."""
    texts = {}
    for directory in catalog_directories(domain):
        for pot in directory.glob(f"{domain.domain}*.pot"):
            catalog = MessageCatalog(filename=str(pot))
            for msgid, entry in catalog.items():
                if msgid:
                    texts[msgid] = entry.getDefault() or msgid
        for po in directory.glob(f"*/LC_MESSAGES/{domain.domain}.po"):
            for msgid in MessageCatalog(filename=str(po)):
                if msgid:
                    texts.setdefault(msgid, msgid)
    return texts


def normalize(text):
    return " ".join((text or "").split()).strip(AROUND)


def untranslated_english(languages=("fr", "es")):
    """language -> {English text: (domain, msgid)} of texts that a page in
    that language must not show."""
    found = {language: {} for language in languages}
    for name, domain in getUtilitiesFor(ITranslationDomain):
        for msgid, english in english_texts(domain).items():
            english = normalize(english)
            if len(english) < MINIMUM_LENGTH or "${" in english:
                continue
            if not re.search(r"[A-Za-z]{3}", english):
                continue
            for language in languages:
                translated = translate(
                    msgid, domain=name, target_language=language, default=MISSING
                )
                if translated == MISSING or normalize(translated) != english:
                    found[language].setdefault(english, (name, msgid))
    return found


def page_texts(page_html):
    """Every text of a page a reader sees or hears, normalized, as
    ``(where, text)``: ``where`` is "text" or the attribute holding it."""
    page = html.fromstring(page_html)
    for element in page.xpath("//script|//style|//template|//noscript"):
        element.drop_tree()
    body = page.find("body") if page.find("body") is not None else page
    texts = {("text", normalize(node)) for node in body.xpath(".//text()")}
    for attribute in TEXT_ATTRIBUTES:
        texts.update(
            (attribute, normalize(value)) for value in body.xpath(f".//@{attribute}")
        )
    texts.update(
        ("value", normalize(value))
        for value in body.xpath('.//input[@type="submit" or @type="button"]/@value')
    )
    return {(where, text) for where, text in texts if text}
