"""Is an organisation already in the directory? Same web site, or nearly the same name.

An organisation that registers itself, or that an initiative names as its
lead, may already have an entry: typed by an editor, registered by a
colleague, in another language. :func:`find_duplicates` looks among *all*
the actors, private ones included (the caller must not show a private one's
title to whoever asks), for

- the same web site domain: ``https://www.ilo.org/fr`` and ``http://ilo.org``
  are one (:func:`website_domain`: lower case, no ``www.``, no port);
- a near-identical name in any language (every translation is an actor of
  its own): names are compared once normalised (:func:`normalized_name`:
  case, accents, punctuation, legal-form words and articles removed, words
  sorted), and are near-identical when difflib's ratio of the normalised
  forms reaches :data:`NAME_SIMILARITY` (a typo or a missing word in a long
  name), or when they are equal. difflib is the standard library's, and is
  fast enough for the directory's size (a few thousand names, one
  comparison each, only when someone registers).
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from difflib import SequenceMatcher
from plone import api
from plone.indexer import indexer
from socialhub.actors.content.actor import IActor
from urllib.parse import urlsplit

import re
import unicodedata


ACTOR_TYPE = "Actor"
#: The catalog index of actors' web site domains (the hub profile adds it).
DOMAIN_INDEX = "website_domain"
#: The ratio of difflib.SequenceMatcher from which two normalised names are
#: the same organisation.
NAME_SIMILARITY = 0.9
#: Normalised names shorter than this must be equal (no fuzzy match).
SHORT_NAME = 8
#: Words that do not tell organisations apart: legal forms and articles or
#: prepositions of English, French and Spanish.
IGNORED_WORDS = frozenset(
    """
    ltd limited inc incorporated llc llp plc corp corporation co company
    gmbh ag ev sa sas sarl srl spa sl bv nv asbl aisbl ong ngo cic
    the of and for a an
    le la les l de du des d et pour au aux
    el los las del y para al
    """.split()
)
WORDS = re.compile(r"[a-z0-9]+")
NUMBERS = re.compile(r"[0-9]+")


def website_domain(url):
    """The domain of a web address, as duplicates compare it, or ``""``.

    Lower case, without ``www.`` and without port: ``https://WWW.Ilo.org:443/fr``
    gives ``ilo.org``.
    """
    if not isinstance(url, str) or not url.strip():
        return ""
    url = url.strip()
    if "//" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[len("www.") :]
    return host


def normalized_name(name):
    """``name`` as duplicates compare it: ``"L'Organisation, S.A."`` → ``organisation``.

    Accents and case go, punctuation separates words (``S.A.`` is ``s a``, a
    legal form once joined: single letters are joined to the next ones),
    ignored words (:data:`IGNORED_WORDS`) go, and the words are sorted (word
    order changes between languages and habits).
    """
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = WORDS.findall(text.lower())
    joined = []
    for word in words:
        # Initials written with dots (S.A., e.V.) are one word.
        if len(word) == 1 and joined and joined[-1].startswith("\0"):
            joined[-1] += word
        elif len(word) == 1:
            joined.append("\0" + word)
        else:
            joined.append(word)
    words = [word.lstrip("\0") for word in joined]
    return " ".join(sorted(word for word in words if word not in IGNORED_WORDS))


def similar_names(first, second):
    """Whether two normalised names are near-identical."""
    if not first or not second:
        return False
    if first == second:
        return True
    if min(len(first), len(second)) < SHORT_NAME:
        return False
    if NUMBERS.findall(first) != NUMBERS.findall(second):
        # "Region 1 Network" and "Region 2 Network" are two organisations.
        return False
    return SequenceMatcher(None, first, second).ratio() >= NAME_SIMILARITY


def find_duplicates(title=None, website=None, exclude=()):
    """The actors (objects) that may be the organisation named ``title``
    with the site ``website``: same domain, or near-identical name.

    Looks at every actor whatever its state and whoever asks; the caller
    decides what may be shown (:func:`is_public`). ``exclude`` lists UIDs to
    skip. Sorted by path, without repeats.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = []
    domain = website_domain(website)
    if domain and DOMAIN_INDEX in catalog.indexes():
        brains.extend(
            catalog.unrestrictedSearchResults(
                portal_type=ACTOR_TYPE, **{DOMAIN_INDEX: domain}
            )
        )
    name = normalized_name(title)
    if name:
        brains.extend(
            brain
            for brain in catalog.unrestrictedSearchResults(portal_type=ACTOR_TYPE)
            if similar_names(name, normalized_name(brain.Title))
        )
    found = {
        brain.getPath(): brain for brain in brains if brain.UID not in set(exclude)
    }
    return [found[path]._unrestrictedGetObject() for path in sorted(found)]


@indexer(IActor)
def actor_website_domain(item):
    """Indexer of :data:`DOMAIN_INDEX`: the domain of an actor's web site."""
    domain = website_domain(getattr(item, "website", None))
    if not domain:
        raise AttributeError("website_domain")
    return domain


def is_public(item):
    """Whether Anonymous may see ``item`` (a verified actor)."""
    return "Anonymous" in rolesForPermissionOn("View", item)
