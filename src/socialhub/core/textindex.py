"""Full-text indexing of SocialHub content (``plone.textindexer``).

plone.app.dexterity's text indexer turns every ``searchable`` field into
text by rendering the field's display widget (a page template) and
converting that HTML back to plain text with portal_transforms: about a
millisecond per field, most of the cost of indexing a SocialHub record.
The fields whose value already is plain text (text lines, texts, lists of
text lines) index their value here; person lists their names and
affiliations. The words are the same; other fields keep the widget.
"""

from plone.app.dexterity.textindexer.converters import (
    DefaultDexterityTextIndexFieldConverter,
)
from plone.dexterity.interfaces import IDexterityContent
from socialhub.core.fields import IPersonList
from socialhub.core.fields import persons_text
from socialhub.core.interfaces import ISocialHubContent
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.schema.interfaces import ISequence
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


class FieldValueConverter(DefaultDexterityTextIndexFieldConverter):
    """A converter that reads the field's value the way its widget would."""

    def value(self):
        """The field's value on the item (through the field's schema)."""
        return self.field.get(self.field.interface(self.context))


@adapter(IDexterityContent, IPersonList, IWidget)
class PersonListConverter(FieldValueConverter):
    """A person list marked ``searchable`` indexes names and affiliations."""

    def convert(self):
        return persons_text(self.value())


@adapter(ISocialHubContent, IText, IWidget)
class TextConverter(FieldValueConverter):
    """A text or text line field indexes its text."""

    def convert(self):
        return (self.value() or "").strip()


@adapter(ISocialHubContent, ISequence, IWidget)
class TextLinesConverter(FieldValueConverter):
    """A list of text lines (keywords, say) indexes its lines.

    A list of anything else, terms of a vocabulary among them (whose
    widget shows their titles), is left to the widget.
    """

    def convert(self):
        if not ITextLine.providedBy(self.field.value_type):
            return super().convert()
        return " ".join(line.strip() for line in self.value() or () if line).strip()
