"""Text a REST client or an editor sends to a SocialHub site: limited, and
rich text filtered before it is stored.

Every text, text-line and rich-text field of every type on the site (Plone's
own types too) is bounded by :mod:`socialhub.core.limits`, and rich text is
HTML filtered by :mod:`socialhub.core.richtext` or plain text. Two ways in:

* REST: plone.restapi's field deserializers, subclassed and registered for
  :class:`~socialhub.core.interfaces.ISocialHubCoreLayer`, so that they
  replace the stock ones on SocialHub sites only. An error is a field error
  of the 400 answer (``{"field": ..., "message": ...}``).
* Classic UI forms: a z3c.form validator for text fields and a data
  converter for plone.app.z3cform's rich-text widget. z3c.form finds a
  validator by context, request, form, field and widget, the request
  before the field: one registered for SocialHub's layer would win over the
  validators Plone registers for single fields (the type id of the
  Dexterity control panel, say); a converter is found by field and widget
  only. So both are registered for every site, in place of z3c.form's
  defaults, and act only when the request has SocialHub's layer. An error
  shows next to the field.
"""

from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import IRichTextValue
from plone.app.textfield.value import RichTextValue
from plone.app.textfield.widget import RichTextConverter
from plone.app.z3cform.interfaces import IRichTextWidget
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.deserializer.dxfields import RichTextFieldDeserializer
from plone.restapi.deserializer.dxfields import TextLineFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.content.tus import TUSUpload
from socialhub.core import _
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.limits import check_length
from socialhub.core.limits import text_setting
from socialhub.core.richtext import NestedTooDeeply
from socialhub.core.richtext import site_html_filter
from socialhub.core.richtext import TooManyAttributes
from socialhub.core.richtext import TooManyElements
from z3c.form.interfaces import IValidator
from z3c.form.interfaces import IWidget
from z3c.form.validator import SimpleFieldValidator
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import ValidationError


# Rich text is HTML, filtered, or plain text, which Plone escapes. Other
# formats (Markdown, reStructuredText, Textile) may carry HTML that only
# Plone's output filter would see, and it keeps every iframe.
RICHTEXT_FORMATS = ("text/html", "text/plain")
# The keys of plone.restapi's rich-text object.
RICHTEXT_KEYS = ("data", "content-type", "encoding")


class UnsupportedRichTextFormat(ValidationError):
    """Rich text in a format other than HTML or plain text."""

    def __init__(self, mimetype):
        super().__init__(mimetype)
        self.mimetype = mimetype

    def doc(self):
        return _(
            "error_richtext_format",
            default="Rich text must be HTML (text/html) or plain text "
            "(text/plain), not ${format}.",
            mapping={"format": self.mimetype},
        )


class RichTextTooDeep(ValidationError):
    __doc__ = _(
        "error_richtext_too_deep",
        default="This HTML nests elements more than 255 levels deep: it "
        "cannot be read whole.",
    )


class RichTextTooManyAttributes(ValidationError):
    __doc__ = _(
        "error_richtext_too_many_attributes",
        default="This HTML has a tag with more than 100 attributes.",
    )


class RichTextTooManyElements(ValidationError):
    """Rich text with more HTML elements than the site allows."""

    def __init__(self, limit):
        super().__init__(limit)
        self.limit = limit

    def doc(self):
        return _(
            "error_richtext_too_many_elements",
            default="This HTML has more than ${limit} elements (paragraphs, "
            "links, cells...): split it in several pages.",
            mapping={"limit": self.limit},
        )


class InvalidRichText(ValidationError):
    __doc__ = _(
        "error_richtext_value",
        default="Send rich text as a string of HTML, or as an object whose "
        "data, content-type and encoding are strings.",
    )


def clean_richtext(field, value):
    """``value`` (a RichTextValue) within the limits, its HTML filtered.

    Raises :class:`~socialhub.core.limits.TextTooLong`,
    :class:`UnsupportedRichTextFormat`, :class:`RichTextTooDeep`,
    :class:`RichTextTooManyAttributes` or :class:`RichTextTooManyElements`.
    The length is checked first: a value too long is not parsed.
    """
    check_length(field, value)
    if not isinstance(value.raw, str):
        raise InvalidRichText(value.raw).with_field_and_value(field, None)
    if value.mimeType not in RICHTEXT_FORMATS:
        raise UnsupportedRichTextFormat(value.mimeType).with_field_and_value(
            field, None
        )
    if value.mimeType != "text/html":
        return value
    max_elements = text_setting("richtext_max_elements")
    try:
        raw = site_html_filter()(value.raw, max_elements=max_elements)
    except NestedTooDeeply:
        raise RichTextTooDeep().with_field_and_value(field, None) from None
    except TooManyAttributes:
        error = RichTextTooManyAttributes()
        raise error.with_field_and_value(field, None) from None
    except TooManyElements:
        error = RichTextTooManyElements(max_elements)
        raise error.with_field_and_value(field, None) from None
    if raw == value.raw:
        return value
    return RichTextValue(
        raw=raw,
        mimeType=value.mimeType,
        outputMimeType=value.outputMimeType,
        encoding=value.encoding,
    )


# REST


@implementer(IFieldDeserializer)
@adapter(ITextLine, IDexterityContent, ISocialHubCoreLayer)
class TextLineDeserializer(TextLineFieldDeserializer):
    """A text line within the site's limit."""

    def __call__(self, value):
        check_length(self.field, value)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IText, IDexterityContent, ISocialHubCoreLayer)
class TextDeserializer(DefaultFieldDeserializer):
    """A text within the site's limit."""

    def __call__(self, value):
        check_length(self.field, value)
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IRichText, IDexterityContent, ISocialHubCoreLayer)
class RichTextDeserializer(RichTextFieldDeserializer):
    """Rich text within the site's limit, HTML filtered.

    plone.restapi's deserializer, which reads ``{"data", "content-type",
    "encoding"}`` or a string, and then :func:`clean_richtext`. A value of
    another JSON type is a field error (plone.restapi answers 500).
    """

    def __call__(self, value):
        if not isinstance(value, TUSUpload):
            if isinstance(value, dict):
                parts = [value.get(key, "") for key in RICHTEXT_KEYS]
            else:
                parts = [value]
            if not all(isinstance(part, str) for part in parts):
                raise InvalidRichText(value).with_field_and_value(self.field, None)
            check_length(self.field, parts[0])  # before plone.restapi reads it
        return clean_richtext(self.field, super().__call__(value))


# Classic UI forms


@implementer(IValidator)
@adapter(Interface, Interface, Interface, IText, IWidget)
class TextLengthValidator(SimpleFieldValidator):
    """z3c.form's validator, which also checks the site's length limits.

    Registered for text fields, rich-text fields and collections (of text
    lines, say) in place of z3c.form's default validator.
    """

    def validate(self, value, force=False):
        if ISocialHubCoreLayer.providedBy(self.request):
            check_length(self.field, value)
        return super().validate(value, force)


@adapter(IRichText, IRichTextWidget)
class FilteringRichTextConverter(RichTextConverter):
    """plone.app.textfield's converter of the rich-text widget, which then
    limits and filters the value on a SocialHub site (:func:`clean_richtext`)."""

    def toFieldValue(self, value):
        value = super().toFieldValue(value)
        if ISocialHubCoreLayer.providedBy(self.widget.request) and (
            IRichTextValue.providedBy(value)
        ):
            value = clean_richtext(self.field, value)
        return value
