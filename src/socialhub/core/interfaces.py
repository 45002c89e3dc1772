"""Interfaces shared by every SocialHub plugin."""

from socialhub.core import _
from zope import schema
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ISocialHubCoreLayer(IDefaultBrowserLayer):
    """Browser layer of socialhub.core, active once its profile is installed.

    Every plugin's own layer extends this one, so a view or service registered
    for the core layer is available wherever any SocialHub plugin is installed.
    """


class ISocialHubContent(Interface):
    """Marker of every SocialHub content type (and of Events with the
    SocialHub event behaviour).

    Its REST deserializer refuses properties that no field of the type knows,
    where stock plone.restapi ignores them silently.
    """


class ICardFields(Interface):
    """What a listing card of one content type shows besides the common fields.

    A plugin registers one (a :class:`CardFields`) as a utility named after
    the portal_type; the
    ``@listing`` endpoint of socialhub.search looks it up by the brain's
    ``portal_type`` and copies these catalog metadata columns into the card,
    so a listing never wakes an object.
    """

    fields = Attribute("The names of the catalog metadata columns, in order.")


@implementer(ICardFields)
class CardFields:
    """The card columns of one content type: ``CardFields("acronym", ...)``."""

    def __init__(self, *fields):
        self.fields = fields


class IRelatedKind(Interface):
    """Which list of ``@related`` one content type shows in.

    A plugin registers one of :data:`RELATED_ORGANISATION`,
    :data:`RELATED_INITIATIVE`, :data:`RELATED_RESOURCE` or
    :data:`RELATED_PERSON` as a utility
    named after the portal_type; socialhub.search's ``@related`` looks them
    up rather than listing types by name.
    """

    kind = Attribute(
        "The list the type shows in: organisations, initiatives, resources or people."
    )


@implementer(IRelatedKind)
class RelatedKind:
    """The ``@related`` list of a content type: ``RelatedKind("resources")``."""

    def __init__(self, kind):
        self.kind = kind


#: The organisations behind a record (their relations from it).
RELATED_ORGANISATION = RelatedKind("organisations")
#: Initiatives of the record's domain, ranked.
RELATED_INITIATIVE = RelatedKind("initiatives")
#: Resources of the record's domain (publications, courses, ...), ranked.
RELATED_RESOURCE = RelatedKind("resources")
#: People (experts) of the record's domain, ranked.
RELATED_PERSON = RelatedKind("people")


class ITextSettings(Interface):
    """How long text may be and which embeds rich text keeps on a SocialHub site.

    Registry records ``socialhub.text.*``, installed by the core profile.
    The limits count characters of the value a REST client or a form sends
    (of the HTML source, for rich text); a longer value is refused with the
    field's error and nothing is stored.
    """

    textline_max_length = schema.Int(
        title=_("label_textline_max_length", default="Longest text line"),
        description=_(
            "help_textline_max_length",
            default="The most characters a one-line text (a title, a name, a "
            "keyword) may have.",
        ),
        default=1000,
        min=1,
    )

    text_max_length = schema.Int(
        title=_("label_text_max_length", default="Longest text"),
        description=_(
            "help_text_max_length",
            default="The most characters a plain text of several lines (a "
            "summary, an abstract) may have.",
        ),
        default=100000,
        min=1,
    )

    richtext_max_length = schema.Int(
        title=_("label_richtext_max_length", default="Longest rich text"),
        description=_(
            "help_richtext_max_length",
            default="The most characters the HTML of a rich text (a page's "
            "body) may have.",
        ),
        default=200000,
        min=1,
    )

    richtext_max_elements = schema.Int(
        title=_("label_richtext_max_elements", default="Most elements in rich text"),
        description=_(
            "help_richtext_max_elements",
            default="The most HTML elements (paragraphs, links, cells...) a "
            "rich text may have: showing a page costs Plone about 0.1 ms per "
            "element.",
        ),
        default=10000,
        min=1,
    )

    richtext_embed_urls = schema.List(
        title=_("label_richtext_embed_urls", default="Allowed embeds"),
        description=_(
            "help_richtext_embed_urls",
            default="Rich text keeps an iframe only if its address starts "
            "with one of these (scheme, host and the start of the path). "
            "Every other iframe, object, embed and script is removed.",
        ),
        value_type=schema.TextLine(),
        default=[
            "https://www.youtube-nocookie.com/embed/",
            "https://www.youtube.com/embed/",
            "https://player.vimeo.com/video/",
        ],
        required=False,
    )
