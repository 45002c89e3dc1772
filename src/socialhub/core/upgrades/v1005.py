"""Upgrade to 1005: text extraction in linear time; stored rich text filtered."""

from plone import api
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import IRichTextValue
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from socialhub.core.richtext import site_html_filter
from socialhub.core.richtext import UnreadableHTML
from socialhub.core.transforms import use_linear_html_to_text
from zope.schema import getFieldsInOrder

import logging
import transaction


logger = logging.getLogger(__name__)


def bound_text_work(context):
    """Replace Plone's ``html_to_text``; filter the rich text already stored."""
    use_linear_html_to_text()
    filter_stored_richtext(api.portal.get())


def filter_stored_richtext(site):
    """Filter every HTML rich text of the site's content as new input is.

    Logs each item and field it changes, with what it took out, and each it
    cannot filter (nested deeper than 255 elements, a tag of more than 100
    attributes), which it leaves as it is for an editor to mend. Returns the
    changes, a list of ``(path, field name, [what was removed])``, and what
    it could not filter, a list of ``(path, field name)``.
    """
    html_filter = site_html_filter()
    brains = site.portal_catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath()), sort_on="path"
    )
    changes = []
    unreadable = []
    for count, brain in enumerate(brains, 1):
        item = brain._unrestrictedGetObject()
        for name, field, value in richtext_values(item):
            removed = []
            try:
                raw = html_filter(value.raw, removed)
            except UnreadableHTML as error:
                logger.warning(
                    "%s (%s): rich text not filtered, left as it is: %s",
                    brain.getPath(),
                    name,
                    error.__doc__,
                )
                unreadable.append((brain.getPath(), name))
                continue
            if raw == value.raw:
                continue
            field.set(
                field.interface(item),
                RichTextValue(
                    raw=raw,
                    mimeType=value.mimeType,
                    outputMimeType=value.outputMimeType,
                    encoding=value.encoding,
                ),
            )
            item.reindexObject(idxs=["SearchableText"])
            changes.append((brain.getPath(), name, removed))
            logger.info(
                "%s (%s): filtered rich text, removed %s",
                brain.getPath(),
                name,
                ", ".join(removed) or "nothing but markup",
            )
        if count % 1000 == 0:
            transaction.savepoint(optimistic=True)
    logger.info(
        "Filtered the rich text of %d fields; %d could not be filtered",
        len(changes),
        len(unreadable),
    )
    return changes, unreadable


def richtext_values(item):
    """``(name, field, value)`` of every HTML rich text of ``item``."""
    for schema in iterSchemata(item):
        for name, field in getFieldsInOrder(schema):
            if not IRichText.providedBy(field):
                continue
            value = field.get(field.interface(item))
            if IRichTextValue.providedBy(value) and value.mimeType == "text/html":
                yield name, field, value
