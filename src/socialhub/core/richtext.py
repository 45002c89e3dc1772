"""Rich text in linear time: its plain text, and HTML filtered on input.

Both parse the HTML once with lxml (libxml2's HTML parser), whose work grows
with the length of the text, whatever the text is; what they then do with
the tree does too. Plone's own tools do not all: portal_transforms'
``html_to_text`` (a regular expression, ``<[^>]*>``, that scans to the end
of the text from every ``<`` it cannot close) took 2.4 s for 40,000 ``<``
and four times as long for twice as many; lxml_html_clean's ``Cleaner``,
which Plone's ``safe_html`` filter runs, removes a disallowed tag by looking
the element up among its siblings (6.8 s for 40,000 unknown tags side by
side); Plone's output filter scans an attribute value to the end of the line
from every ``/*`` (``safe_html.hasScript``) and a ``style`` attribute to its
end from every ``url(`` (lxml's ``iterlinks``), so ``title="/* /* ..."`` or
``style="url(url(..."`` of a few dozen kilobytes holds a request for seconds
every time the text is shown.

:func:`html_to_text` gives the words Plone's ``html_to_text`` gives for the
HTML editors write. :class:`HTMLFilter` keeps what Plone's filter settings
allow (``plone.valid_tags``, ``plone.nasty_tags``,
``plone.custom_attributes``) minus everything active, so that what is
stored is safe and Plone's output filter has nothing slow left to do.
"""

from lxml import etree
from lxml import html as lxml_html
from lxml.html import defs
from plone.base.interfaces import IFilterSchema
from plone.registry.interfaces import IRegistry
from Products.PortalTransforms.transforms.safe_html import decode_htmlentities
from socialhub.core.limits import text_setting
from urllib.parse import unquote
from urllib.parse import urlsplit
from zope.component import getUtility

import html
import re


# Plone's html_to_text joins the text of these tags to their neighbours
# ("<b>Hel</b>lo" is "Hello"); every other tag separates words.
INLINE_TAGS = frozenset({"b", "em", "font", "i", "strong"})
# Elements whose content is no text a reader sees.
NO_TEXT_TAGS = ("script", "style", "template")

# Never kept, whatever plone.valid_tags says: active content, and what
# changes how the rest of the page loads. An iframe is kept when its
# address is on the embed allow-list.
ACTIVE_TAGS = frozenset(
    {
        "applet",
        "base",
        "embed",
        "frame",
        "frameset",
        "iframe",
        "link",
        "meta",
        "object",
        "param",
        "script",
    }
)
# Elements that have no content. libxml2 does not know all of them (it puts
# what follows an <embed> inside it): removing one keeps what it holds.
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Attributes an allowed iframe may keep besides the safe ones.
IFRAME_ATTRIBUTES = frozenset(
    {"allow", "allowfullscreen", "frameborder", "loading", "referrerpolicy"}
)
# Attributes whose value is an address (lxml's list, and the ones Plone's
# custom attributes add).
URL_ATTRIBUTES = frozenset(defs.link_attrs) | {"poster"}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Inline styles keep colours and layout: nothing that loads or runs.
STYLE_MARKERS = ("url(", "expression", "script:", "@import", "data:", "behavior", "\\")
# Plone's output filter scans a value from every "/*" to the end of its
# line: a value may hold a few.
MAX_COMMENT_OPENINGS = 8

SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What browsers ignore inside a URL's scheme ("java\tscript:").
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
DATA_ATTRIBUTE = re.compile(r"data-[a-z0-9\-]+\Z")

# A name no HTML element has: elements renamed so are removed in one pass
# of lxml's (C) strip functions.
KILL = "socialhub-remove-element"
STRIP = "socialhub-remove-tag"


# libxml2 compares each attribute of a tag with the ones before it: a tag
# of 20,000 attributes takes it 0.9 s, and lxml 2.4 s more to list them.
MAX_ATTRIBUTES = 100
# A start tag as the HTML5 tokenizer reads it, quoted values whole (a quote
# only opens a value after "="). Possessive: linear, whatever the text.
START_TAG = re.compile(
    r"""<[a-zA-Z](?:[^>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|=|["'])*+"""
)
QUOTED_VALUE = re.compile(r"""=\s*+(?:"[^"]*+"|'[^']*+')""")
WORD = re.compile(r"[^\s/]+")
# libxml2 leaves what follows </body> out of the body, and drops what
# follows </html>: a fragment has neither.
END_OF_DOCUMENT = re.compile(r"</(?:body|html)\b[^<>]*+>?", re.IGNORECASE)


class UnreadableHTML(ValueError):
    """HTML that libxml2 would not read whole, or not in linear time."""


class NestedTooDeeply(UnreadableHTML):
    """The HTML nests its elements deeper than libxml2 reads (256 levels)."""


class TooManyAttributes(UnreadableHTML):
    """A tag of the HTML has more than :data:`MAX_ATTRIBUTES` attributes."""


class TooManyElements(ValueError):
    """The HTML has more elements than allowed."""


def most_attributes(text):
    """At least as many as the attributes of the tag of ``text`` that has most.

    Counts the words of every start tag long enough to hold more than
    :data:`MAX_ATTRIBUTES` attributes, quoted values left out.
    """
    most = 0
    for match in START_TAG.finditer(text):
        if match.end() - match.start() > 2 * MAX_ATTRIBUTES:
            tag = QUOTED_VALUE.sub("=", match.group())
            most = max(most, len(WORD.findall(tag)) - 1)
    return most


def parse_fragment(text):
    """The HTML ``text``, as the children of a ``div``.

    Comments and processing instructions are left out. Raises
    :class:`TooManyAttributes` before parsing HTML that would take libxml2
    quadratic time, and :class:`NestedTooDeeply` for HTML that libxml2 does
    not read whole (it stops at 256 nested elements, or a text node of
    10 MB, and drops the rest).
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if most_attributes(text) > MAX_ATTRIBUTES:
        raise TooManyAttributes(MAX_ATTRIBUTES)
    text = END_OF_DOCUMENT.sub("", text)
    # A lone surrogate (JSON's "\ud800") cannot be encoded: replace it.
    data = text.encode("utf-8", "replace")
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True
    )
    root = lxml_html.fragment_fromstring(data, create_parent="div", parser=parser)
    if any(
        error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log
    ):
        raise NestedTooDeeply(text[:100])
    return root


def html_to_text(text):
    """The words of an HTML text, separated by single spaces.

    The same words as Plone's ``html_to_text`` transform for the HTML editors
    write (tags separate words, but ``b``, ``em``, ``font``, ``i`` and
    ``strong``; entities are decoded), except that the content of
    ``script`` and ``style`` elements is left out, as that transform means to
    but rarely does. Linear in the length of the text: HTML that libxml2
    would not read whole or in linear time (:class:`UnreadableHTML`) loses
    its tags with a regular expression that cannot backtrack past the next
    ``<``.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not text:
        return ""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    try:
        root = parse_fragment(text)
    except UnreadableHTML:
        text = re.sub(r"<[^<>]*>", " ", text)
        try:
            text = html.unescape(text)
        except ValueError:  # a character reference of more than 4,300 digits
            pass
        return " ".join(text.split())
    etree.strip_elements(root, *NO_TEXT_TAGS, with_tail=False)
    pieces = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        separator = "" if element.tag in INLINE_TAGS else " "
        if event == "start":
            pieces.append(separator)
            pieces.append(element.text or "")
        else:
            pieces.append(separator)
            pieces.append(element.tail or "")
    return " ".join("".join(pieces).split())


def is_safe_url(url):
    """Whether ``url`` is relative or uses http, https, mailto or tel."""
    match = SCHEME.match(URL_IGNORED.sub("", url))
    return match is None or match.group(1).lower() in URL_SCHEMES


def is_safe_srcset(srcset):
    """Whether every address of a ``srcset`` attribute is safe."""
    return all(
        is_safe_url(candidate.split()[0])
        for candidate in srcset.split(",")
        if candidate.strip()
    )


def is_safe_style(style):
    """Whether an inline style neither loads nor runs anything."""
    compact = "".join(style.split()).lower()
    return "/*" not in compact and not any(
        marker in compact for marker in STYLE_MARKERS
    )


def is_allowed_embed(src, embed_urls):
    """Whether an iframe's ``src`` starts with an address of ``embed_urls``.

    Scheme, host and port must be the allowed address's and the path must
    start with its path, without going up (``..``, even encoded):
    ``https://www.youtube.com/embed/`` allows ``https://www.youtube.com/embed/abc``,
    not ``https://www.youtube.com.evil.example/embed/`` nor
    ``//www.youtube.com/embed/``.
    """
    if not src or "\\" in src or URL_IGNORED.search(src.strip()):
        return False
    try:
        parts = urlsplit(src.strip())
        allowed = [urlsplit(url.strip()) for url in embed_urls]
    except ValueError:  # an invalid IPv6 host
        return False
    path = unquote(parts.path)
    if ".." in path or "%" in path:
        return False
    return any(
        parts.scheme.lower() == base.scheme.lower()
        and base.scheme.lower() in ("http", "https")
        and parts.netloc.lower() == base.netloc.lower()
        and path.startswith(base.path)
        for base in allowed
    )


class HTMLFilter:
    """Filters HTML with Plone's filter settings and an embed allow-list.

    ``valid_tags``, ``nasty_tags`` and ``custom_attributes`` mean what they
    mean for Plone's ``safe_html``: a valid tag is kept, a nasty one is
    removed with its content, any other is removed and its content kept;
    an attribute is kept when it is one of lxml's safe attributes or a custom
    one (or a ``data-`` attribute, which TinyMCE keeps its link details in).
    On top of that, whatever the settings say: :data:`ACTIVE_TAGS` are
    removed with their content, except an iframe whose ``src`` starts with an
    address of ``embed_urls``; no ``on...`` attribute is kept, nor an address
    with another scheme than http, https, mailto or tel, nor an inline style
    that loads or runs something.
    """

    def __init__(self, valid_tags, nasty_tags, custom_attributes, embed_urls):
        self.valid_tags = frozenset(valid_tags) - ACTIVE_TAGS
        self.nasty_tags = (frozenset(nasty_tags) - self.valid_tags) | ACTIVE_TAGS
        self.attributes = frozenset(defs.safe_attrs) | frozenset(custom_attributes)
        self.embed_urls = tuple(embed_urls)

    def __call__(self, text, removed=None, max_elements=None):
        """``text`` filtered.

        Raises :class:`UnreadableHTML` (see :func:`parse_fragment`), and
        :class:`TooManyElements` if it has more than ``max_elements``
        elements. ``removed``, a list, gets a line for each element and
        attribute taken out (``<iframe "//evil.example">``, ``onclick= on <p>``).
        """
        if not text or ("<" not in text and "&" not in text):
            return text
        root = parse_fragment(text)
        for count, element in enumerate(root.iter(etree.Element)):
            if max_elements is not None and count > max_elements:
                raise TooManyElements(max_elements)
            if element is not root:
                self.filter_element(element, removed)
        etree.strip_elements(root, KILL, with_tail=False)
        etree.strip_tags(root, STRIP)
        # The div that parse_fragment put around the text, without attributes.
        return etree.tounicode(root, method="html")[len("<div>") : -len("</div>")]

    def filter_element(self, element, removed):
        tag = element.tag
        if tag == "iframe" and is_allowed_embed(element.get("src"), self.embed_urls):
            allowed = self.attributes | IFRAME_ATTRIBUTES
            element.text = None  # what browsers without frames would show
        elif tag in self.nasty_tags:
            if removed is not None:
                removed.append(describe(element))
            element.tag = STRIP if tag in VOID_TAGS else KILL
            return
        elif tag not in self.valid_tags:
            if removed is not None:
                removed.append(describe(element))
            element.tag = STRIP
            return
        else:
            allowed = self.attributes
        attributes = element.attrib
        for name, value in attributes.items():
            if not self.keeps_attribute(name, value, allowed):
                if removed is not None:
                    removed.append(f"{name}= on <{tag}>")
                del attributes[name]

    def keeps_attribute(self, name, value, allowed):
        name = name.lower()
        if name.startswith("on"):
            return False
        if name not in allowed and not DATA_ATTRIBUTE.match(name):
            return False
        if name in URL_ATTRIBUTES and not is_safe_url(value):
            return False
        if name == "srcset" and not is_safe_srcset(value):
            return False
        if name == "style" and not is_safe_style(value):
            return False
        # What Plone's output filter would scan from every "/*".
        return decode_htmlentities(value).count("/*") <= MAX_COMMENT_OPENINGS


def describe(element):
    """An element's tag, and its address if it has one, shortened."""
    address = element.get("src") or element.get("data") or element.get("href")
    if address is None:
        return f"<{element.tag}>"
    if len(address) > 80:
        address = address[:77] + "..."
    return f'<{element.tag} "{address}">'


def site_html_filter():
    """The :class:`HTMLFilter` of this site's settings.

    Plone's filter settings (``plone.valid_tags``, ``plone.nasty_tags``,
    ``plone.custom_attributes``: the HTML filtering control panel) and the
    embed allow-list (``socialhub.text.richtext_embed_urls``). Plone's
    ``plone.disable_filtering`` does not turn it off.
    """
    registry = getUtility(IRegistry)
    settings = registry.forInterface(IFilterSchema, prefix="plone")
    return HTMLFilter(
        valid_tags=settings.valid_tags or (),
        nasty_tags=settings.nasty_tags or (),
        custom_attributes=settings.custom_attributes or (),
        embed_urls=text_setting("richtext_embed_urls") or (),
    )
