"""Read and write the VDEX files of the SocialHub taxonomies.

collective.taxonomy imports IMS VDEX (``hierarchicalTokenTerms``): nested
``term`` elements, each with a ``termIdentifier`` (the token stored on
content) and a ``caption`` with one ``langstring`` per language. This module
is the suite's own small model of those files, used by the geography
generator, the upgrade helper and the tests; importing into a site stays
collective.taxonomy's job.
"""

from dataclasses import dataclass
from dataclasses import field
from lxml import etree
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr


NAMESPACE = "http://www.imsglobal.org/xsd/imsvdex_v1p0"
NS = {"v": NAMESPACE}


@dataclass
class Term:
    """One term: its token, its caption per language and its narrower terms."""

    token: str
    captions: dict
    children: list = field(default_factory=list)


def read(document):
    """The terms of a VDEX document (bytes or str), as a list of root Terms."""
    if isinstance(document, str):
        document = document.encode("utf-8")
    root = etree.fromstring(document)
    return _read_terms(root)


def _read_terms(node):
    terms = []
    for element in node.findall("v:term", NS):
        captions = {
            langstring.get("language"): (langstring.text or "").strip()
            for langstring in element.findall("v:caption/v:langstring", NS)
        }
        token = element.findtext("v:termIdentifier", namespaces=NS).strip()
        terms.append(Term(token, captions, _read_terms(element)))
    return terms


def walk(terms, ancestors=()):
    """Yield (term, ancestor tokens from the root down) for every term."""
    for term in terms:
        yield term, ancestors
        yield from walk(term.children, ancestors + (term.token,))


def ancestry(terms):
    """A mapping of every token to the tuple of its ancestors' tokens."""
    return {term.token: ancestors for term, ancestors in walk(terms)}


def write(identifier, names, terms, language="en"):
    """A VDEX document (str) for ``terms``.

    ``identifier`` is the vocabulary identifier (the taxonomy's short name),
    ``names`` the vocabulary's name per language. Output is stable: the same
    terms always give the same text, so generated files diff cleanly.
    """
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<vdex xmlns="{NAMESPACE}" language={quoteattr(language)}'
        ' orderSignificant="false" profileType="hierarchicalTokenTerms">',
        "  <vocabName>",
    ]
    lines.extend(_langstrings(names, "    "))
    lines.append("  </vocabName>")
    lines.append(f"  <vocabIdentifier>{escape(identifier)}</vocabIdentifier>")
    _write_terms(terms, lines, "  ")
    lines.append("</vdex>")
    return "\n".join(lines) + "\n"


def _langstrings(captions, indent):
    return [
        f"{indent}<langstring language={quoteattr(language)}>"
        f"{escape(text)}</langstring>"
        for language, text in captions.items()
    ]


def _write_terms(terms, lines, indent):
    for term in terms:
        lines.append(f"{indent}<term>")
        lines.append(f"{indent}  <termIdentifier>{escape(term.token)}</termIdentifier>")
        lines.append(f"{indent}  <caption>")
        lines.extend(_langstrings(term.captions, indent + "    "))
        lines.append(f"{indent}  </caption>")
        _write_terms(term.children, lines, indent + "  ")
        lines.append(f"{indent}</term>")
