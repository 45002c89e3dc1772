"""The roles SocialHub adds to the sharing page."""

from plone.app.workflow.interfaces import ISharingPageRole
from socialhub.core import _
from socialhub.core.permissions import DelegateTranslatorRole
from zope.interface import implementer


@implementer(ISharingPageRole)
class TranslatorRole:
    """Translator: creates and edits translations, does not publish."""

    title = _("title_can_translate", default="Can translate")
    required_permission = DelegateTranslatorRole
    required_interface = None
