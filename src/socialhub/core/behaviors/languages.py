"""The languages a resource is available in (not the item's own language)."""

from plone.app.multilingual.dx import directives as multilingual
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from socialhub.core import _
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IResourceLanguages(model.Schema):
    """The languages a document, course or event is offered in.

    The item's own ``language`` says which language root it lives in; this
    says, e.g., that a report exists in English and Arabic, or that a webinar
    has interpretation into French. Indexed as ``resource_languages``.
    """

    resource_languages = schema.List(
        title=_("label_resource_languages", default="Available in"),
        description=_(
            "help_resource_languages",
            default="The languages this resource is offered in.",
        ),
        value_type=schema.Choice(vocabulary="socialhub.vocabularies.Languages"),
        required=False,
        default=[],
        missing_value=[],
    )
    multilingual.languageindependent("resource_languages")
