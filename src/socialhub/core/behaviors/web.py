"""A web site and social media profiles."""

from plone.app.multilingual.dx import directives as multilingual
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from socialhub.core import _
from socialhub.core.fields import WebURL
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IWebPresence(model.Schema):
    """Where an actor or an initiative is on the web: http(s) addresses only."""

    website = WebURL(
        title=_("label_website", default="Website"),
        required=False,
    )
    social_links = schema.List(
        title=_("label_social_links", default="Social media"),
        description=_(
            "help_social_links",
            default="Addresses of profiles on social networks, one per line.",
        ),
        value_type=WebURL(),
        required=False,
        default=[],
        missing_value=[],
    )
    multilingual.languageindependent("website", "social_links")
