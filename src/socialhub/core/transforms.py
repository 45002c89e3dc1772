"""portal_transforms' ``text/html`` to ``text/plain``, in linear time.

Every full-text index of rich text on a Plone site goes through
``portal_transforms.convertTo("text/plain", html, mimetype="text/html")``:
plone.app.contenttypes' ``SearchableText`` of Documents, News Items and
Collections, plone.app.dexterity's converter of rich text (Events), the
display widgets it renders for other fields, HTML files. The transform that
answers is Plone's ``html_to_text``, a chain of regular expressions that
takes quadratic time (2.4 s for 40,000 ``<``, four times as long for twice
as many; #16 measured 27 s to save a page of 300,000, while every other
request waited).

The core profile replaces it, on SocialHub sites only, with this module's
transform, ``socialhub_html_to_text`` (:func:`socialhub.core.richtext.html_to_text`),
through portal_transforms' own API: one tool serves every caller, stock
code included, with no indexer of Plone's overridden; a transform keeps the
answer of ``convertTo`` the same for the rest of Plone (the words, without
``script`` and ``style`` content); and it is undone as simply
(:func:`use_stock_html_to_text`, run by the uninstall profile).
SocialHub's own types do not even ask portal_transforms
(:class:`socialhub.core.textindex.RichTextConverter`).
"""

from plone import api
from Products.PortalTransforms.interfaces import ITransform
from socialhub.core.richtext import html_to_text
from zope.interface import implementer

import logging


logger = logging.getLogger(__name__)

TRANSFORM_ID = "socialhub_html_to_text"
STOCK_TRANSFORM_ID = "html_to_text"
STOCK_TRANSFORM_MODULE = "Products.PortalTransforms.transforms.html_to_text"


@implementer(ITransform)
class HtmlToText:
    """The words of HTML as plain text, in time linear in its length."""

    __name__ = TRANSFORM_ID
    inputs = ("text/html",)
    output = "text/plain"

    def name(self):
        return self.__name__

    def convert(self, orig, data, **kwargs):
        data.setData(html_to_text(orig))
        return data


def register():
    """The transform, as portal_transforms loads it from this module."""
    return HtmlToText()


def use_linear_html_to_text():
    """Put ``socialhub_html_to_text`` in place of Plone's ``html_to_text``."""
    tool = api.portal.get_tool("portal_transforms")
    if STOCK_TRANSFORM_ID in tool.objectIds():
        tool.unregisterTransform(STOCK_TRANSFORM_ID)
    if TRANSFORM_ID not in tool.objectIds():
        tool.manage_addTransform(TRANSFORM_ID, __name__)
        logger.info(
            "portal_transforms: %s replaces %s", TRANSFORM_ID, STOCK_TRANSFORM_ID
        )


def use_stock_html_to_text():
    """Give Plone's ``html_to_text`` back (uninstall)."""
    tool = api.portal.get_tool("portal_transforms")
    if TRANSFORM_ID in tool.objectIds():
        tool.unregisterTransform(TRANSFORM_ID)
    if STOCK_TRANSFORM_ID not in tool.objectIds():
        tool.manage_addTransform(STOCK_TRANSFORM_ID, STOCK_TRANSFORM_MODULE)
