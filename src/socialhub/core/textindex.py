"""Full-text indexing of SocialHub content (``plone.textindexer``).

plone.app.dexterity's text indexer turns every ``searchable`` field into
text by rendering the field's display widget (a page template) and
converting that HTML back to plain text with portal_transforms: about a
millisecond per field, most of the cost of indexing a SocialHub record.
The fields whose value already is plain text (text lines, texts, lists of
text lines) index their value here; person lists their names and
affiliations; rich text is read by lxml (:class:`RichTextConverter`). The
words are the same; other fields keep the widget.

Even so, plone.app.dexterity's indexer builds and updates every field's
display widget before it looks up the converter, whether the converter
reads it or not (2.4 ms of the 35 ms a publication's creation takes over
HTTP). SocialHub's ``SearchableText`` indexer (:class:`SearchableText`,
registered for the site by the core profile's ``componentregistry.xml``)
is plone.app.dexterity's, with a widget built when a converter first reads
it: none, for SocialHub's fields and rich text.
"""

from plone.app.dexterity.textindexer.converters import (
    DefaultDexterityTextIndexFieldConverter,
)
from plone.app.dexterity.textindexer.converters import (
    DexterityRichTextIndexFieldConverter,
)
from plone.app.dexterity.textindexer.indexer import FakeView
from plone.app.dexterity.textindexer.indexer import get_field_widget
from plone.app.dexterity.textindexer.indexer import get_searchable_contexts_and_fields
from plone.app.dexterity.textindexer.interfaces import IDexterityTextIndexFieldConverter
from plone.app.dexterity.textindexer.interfaces import IDynamicTextIndexExtender
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import IRichTextValue
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer.interfaces import IIndexer
from plone.z3cform import z2
from Products.ZCatalog.interfaces import IZCatalog
from socialhub.core.fields import IPersonList
from socialhub.core.fields import persons_text
from socialhub.core.interfaces import ISocialHubContent
from socialhub.core.richtext import html_to_text
from z3c.form.field import Field
from z3c.form.interfaces import IFormLayer
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.component import getAdapters
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.interface import implementer
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


@adapter(ISocialHubContent, IRichText, IWidget)
class RichTextConverter(DexterityRichTextIndexFieldConverter):
    """Rich text in HTML indexes its words, read by lxml in linear time.

    plone.app.dexterity's converter asks portal_transforms, whose
    ``html_to_text`` is quadratic on a stock site; the words are the same
    (:func:`socialhub.core.richtext.html_to_text`). Other formats go
    through portal_transforms as before.
    """

    def convert(self):
        value = self.field.get(self.context)
        if IRichTextValue.providedBy(value) and value.mimeType == "text/html":
            return html_to_text(value.raw)
        return super().convert()


class NoWidget(Exception):
    """A field's display widget cannot be built from its value."""


@implementer(IWidget)
class DisplayWidget:
    """A field's display widget, built when a converter first reads it.

    Converters are looked up for ``IWidget``, as plone.app.dexterity
    registers all of its own, so the lookup finds the converter the built
    widget would find.
    """

    def __init__(self, context, field, request):
        self._context = context
        self._field = field
        self._request = request
        self._widget = None

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._widget is None:
            # z3c.form's widgets need its layer on the request.
            z2.switch_on(FakeView(self._context, self._request), IFormLayer)
            form_field = Field(self._field, interface=self._field.interface, prefix="")
            try:
                self._widget = get_field_widget(
                    self._context, form_field, self._request
                )
            except TypeError as error:
                # plone.app.dexterity leaves such a field out of the text.
                raise NoWidget(self._field.__name__) from error
        return getattr(self._widget, name)


@implementer(IIndexer)
@adapter(ISocialHubContent, IZCatalog)
class SearchableText:
    """plone.textindexer's ``SearchableText``, whose widgets are built when read.

    The text of every ``searchable`` field (its converter's), then the
    ``IDynamicTextIndexExtender`` adapters', as plone.app.dexterity's
    ``dynamic_searchable_text_indexer`` gives it.
    """

    def __init__(self, context, catalog):
        self.context = context
        self.catalog = catalog

    def __call__(self):
        context = self.context
        request = getattr(context, "REQUEST", None)
        if request is None:  # a script's item, say
            request = getRequest()
        texts = []
        for _storage, fields in get_searchable_contexts_and_fields(context):
            for field in fields:
                widget = DisplayWidget(context, field, request)
                converter = getMultiAdapter(
                    (context, field, widget), IDexterityTextIndexFieldConverter
                )
                try:
                    texts.append(converter.convert())
                except NoWidget:
                    continue
        for _name, extender in getAdapters((context,), IDynamicTextIndexExtender):
            texts.append(extender())
        return " ".join(text for text in texts if text)
