"""How long text may be on a SocialHub site.

Three limits, registry records of :class:`socialhub.core.interfaces.ITextSettings`
(``socialhub.text.*``), bound the work one value can make:

* one-line texts (titles, names, keywords, identifiers): 1,000 characters;
  Plone's own limit for titles is 1,024;
* texts of several lines (abstracts, missions, objectives): 100,000
  characters, some 15,000 words, several times the longest abstract;
  Plone limits descriptions to 10,000 itself;
* the HTML of rich text (a page's body): 200,000 characters, some 25,000
  words of prose with its markup, a long report. Not more, because Plone
  renders rich text through its output filters every time it is shown
  (``safe_html`` and plone.outputfilters, which parses it twice with
  BeautifulSoup and Python's html.parser): about 1.1 s for 200,000
  characters of ordinary HTML on our 2-core test machine, 5.5 s for
  1,000,000. Filtering and indexing it take a tenth of that
  (``tests/test_core_text_cost.py``).

A field's own lower ``max_length`` wins, with the same error. A value too
long is refused before it is parsed. :func:`check_length` is what the REST
deserializers and the form validators of :mod:`socialhub.core.textinput`
call, for every field of every type.
"""

from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import IRichTextValue
from plone.registry.interfaces import IRegistry
from socialhub.core import _
from socialhub.core.interfaces import ITextSettings
from zope.component import queryUtility
from zope.schema.interfaces import IASCIILine
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import ValidationError


SETTINGS_PREFIX = "socialhub.text"


def text_setting(name):
    """The value of the ``socialhub.text.<name>`` record, or its default."""
    default = ITextSettings[name].default
    registry = queryUtility(IRegistry)
    if registry is None:
        return default
    value = registry.get(f"{SETTINGS_PREFIX}.{name}")
    return default if value is None else value


def max_length(field):
    """The most characters a value of ``field`` may have here, or None.

    The site's limit for the kind of field, or the field's own
    ``max_length`` if it is lower (Plone limits titles to 1,024 characters
    and descriptions to 10,000): the error is the same.
    """
    if IRichText.providedBy(field):
        limit = text_setting("richtext_max_length")
    elif ITextLine.providedBy(field) or IASCIILine.providedBy(field):
        limit = text_setting("textline_max_length")
    elif IText.providedBy(field):
        limit = text_setting("text_max_length")
    else:
        return None
    own = getattr(field, "max_length", None)
    return limit if own is None else min(own, limit)


class TextTooLong(ValidationError):
    """A text longer than the site allows."""

    def __init__(self, length, limit):
        super().__init__(length, limit)
        self.length = length
        self.limit = limit

    def doc(self):
        return _(
            "error_text_too_long",
            default="This text has ${length} characters: at most ${limit} are allowed.",
            mapping={"length": self.length, "limit": self.limit},
        )


def check_length(field, value):
    """Raise :class:`TextTooLong` if ``value`` is too long for ``field``.

    ``value`` is a string, a rich text value or, for a collection of texts
    (keywords, say), a list of them; anything else is the field's own
    validation's business.
    """
    if ICollection.providedBy(field):
        if isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                check_length(field.value_type, item)
        return
    limit = max_length(field)
    if limit is None:
        return
    if IRichTextValue.providedBy(value):
        value = value.raw
    if isinstance(value, str) and len(value) > limit:
        raise TextTooLong(len(value), limit).with_field_and_value(field, None)
