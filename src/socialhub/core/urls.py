"""Safe URL fields on every type of a SocialHub site, Plone's own included.

SocialHub's own fields are :class:`socialhub.core.fields.WebURL`\\s and
validate themselves. Plone's types have URL fields SocialHub does not
declare: ``Link.remoteUrl`` (a TextLine with Plone's link widget) and
``Event.event_url`` (a ``zope.schema.URI`` whose constraint raises an
exception plone.restapi does not catch: an HTTP 500). On a site with the
SocialHub core layer, the components here give every such field the same
rule, :func:`socialhub.core.fields.validate_url`:

- over REST, field deserializers (``URLFieldDeserializer``,
  ``LinkFieldDeserializer``) answer 400 with the field and the message;
- in the Classic UI, a z3c.form validator (``URLValidator``) shows the
  message next to the field, and ``URIDataConverter`` takes non-ASCII host
  names as typed where ``zope.schema.URI.fromUnicode`` fails (a 500);
- :func:`clear_unsafe_urls` (upgrade step 1003 of socialhub.core) lists and
  clears what was stored before.
"""

from plone import api
from plone.app.contenttypes.interfaces import ILink
from plone.app.z3cform.interfaces import ILinkWidget
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import iterSchemata
from plone.dexterity.utils import iterSchemataForType
from plone.dexterity.utils import resolveDottedName
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.deserializer.dxfields import LinkTextLineFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from socialhub.core.fields import InvalidWebURL
from socialhub.core.fields import IPersonList
from socialhub.core.fields import IWebURL
from socialhub.core.fields import validate_url
from socialhub.core.interfaces import ISocialHubCoreLayer
from socialhub.core.limits import check_length
from z3c.form.converter import FieldDataConverter
from z3c.form.interfaces import IDataManager
from z3c.form.interfaces import ITextWidget
from z3c.form.validator import SimpleFieldValidator
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import ITextLine
from zope.schema.interfaces import IURI
from zope.schema.interfaces import ValidationError

import logging


logger = logging.getLogger("socialhub.core")

# The options of validate_url: http(s) only (any URI field, a person row's
# ``url``); Plone's Link also takes mailto: and paths on the site.
WEB_RULE = {}
LINK_RULE = {"allow_mailto": True, "allow_site_relative": True}


def url_rule(field, link=False):
    """The options of ``validate_url`` for ``field``, or None if it holds no URL.

    A :class:`~socialhub.core.fields.WebURL` has its own (``allow_mailto``);
    any other ``zope.schema.URI`` (Plone's ``event_url``, ...) takes http(s)
    only; ``link``: the field is a Plone link (``Link.remoteUrl``, or a field
    shown with Plone's link widget), which also takes ``mailto:`` and paths
    on the site.
    """
    if link:
        return LINK_RULE
    if IWebURL.providedBy(field):
        return {"allow_mailto": field.allow_mailto}
    if IURI.providedBy(field):
        return WEB_RULE
    return None


def is_link_url(field, context):
    """True for the ``remoteUrl`` of a Link (a plain TextLine in Plone)."""
    return field.getName() == "remoteUrl" and ILink.providedBy(context)


def check_url(field, value, rule):
    """Validate ``value`` of ``field`` by ``rule``: raise a field's ValidationError."""
    try:
        validate_url(value, **rule)
    except InvalidWebURL as error:
        raise error.with_field_and_value(field, value) from None


class FieldConstraintError(ValidationError):
    """A field's constraint raised a bare ``zope.interface.Invalid``.

    plone.app.event's ``event_url`` constraint does; plone.restapi only
    catches ValidationErrors and answers 500 for anything else.
    """

    def doc(self):
        return self.args[0]


def validate_field(field, value):
    """``field.validate(value)``, with a bare Invalid made a ValidationError."""
    try:
        field.validate(value)
    except ValidationError:
        raise
    except Invalid as error:
        message = error.args[0] if error.args else str(error)
        raise FieldConstraintError(message).with_field_and_value(field, value) from None


@implementer(IFieldDeserializer)
@adapter(IURI, IDexterityContent, ISocialHubCoreLayer)
class URLFieldDeserializer(DefaultFieldDeserializer):
    """REST: a URL field (any ``zope.schema.URI``) takes what ``validate_url`` takes.

    Non-ASCII host names are kept as typed; stock plone.restapi answers 500
    for them (``zope.schema.URI.fromUnicode``) and for ``event_url``'s
    ``javascript:`` (plone.app.event's constraint raises a bare Invalid).
    """

    def __call__(self, value):
        check_length(self.field, value)
        if isinstance(value, str):
            value = value.strip() or self.field.missing_value
        if isinstance(value, str):
            check_url(self.field, value, url_rule(self.field))
        validate_field(self.field, value)
        return value


@implementer(IFieldDeserializer)
@adapter(ITextLine, ILink, ISocialHubCoreLayer)
class LinkFieldDeserializer(LinkTextLineFieldDeserializer):
    """REST: a Link's ``remoteUrl`` takes http(s), mailto: and paths on the site.

    The address is checked as sent, before plone.restapi turns a path on the
    site into a ``resolveuid`` link. Every text line of a Link (its title
    too) is within the site's length limit (:mod:`socialhub.core.limits`).
    """

    def __call__(self, value):
        check_length(self.field, value)
        if (
            is_link_url(self.field, self.context)
            and isinstance(value, str)
            and value.strip()
        ):
            check_url(self.field, value.strip(), LINK_RULE)
        return super().__call__(value)


class URLValidator(SimpleFieldValidator):
    """Classic UI: the same rule for a URL field of a form.

    Registered for ``zope.schema.URI`` fields and for fields shown with
    Plone's link widget (Link's ``remoteUrl``) on the SocialHub layer.
    """

    def validate(self, value, force=False):
        rule = url_rule(self.field, link=ILinkWidget.providedBy(self.widget))
        if rule is not None and isinstance(value, str) and value:
            check_url(self.field, value, rule)
        return super().validate(value, force)


@adapter(IURI, ITextWidget)
class URIDataConverter(FieldDataConverter):
    """Classic UI: a URL typed in a text input, as typed but for surrounding spaces.

    ``zope.schema.URI.fromUnicode`` fails with a TypeError (a 500) on a
    non-ASCII address such as ``https://bücher.de``; on a SocialHub site the
    address is kept as typed and the form's validator checks it. Elsewhere,
    z3c.form's own conversion. (Plone's link widget is a text widget too:
    configure.zcml gives a URI field shown with it the link widget's own
    converter back.)
    """

    def toFieldValue(self, value):
        if not ISocialHubCoreLayer.providedBy(self.widget.request):
            return super().toFieldValue(value)
        # None: what a grid row that was never filled in holds (the
        # datagrid's new rows, e.g. a people field's web address).
        return (value or "").strip() or self.field.missing_value


def url_fields(schemata, link=False):
    """The fields of ``schemata`` that hold URLs: ``(field, kind, rule)``.

    ``kind`` is ``"url"`` (one address), ``"urls"`` (a list of addresses) or
    ``"people"`` (a :class:`~socialhub.core.fields.PersonList`, whose rows
    have a ``url``); ``link``: the schemata are a Link's.
    """
    for schema in schemata:
        for name, field in getFieldsInOrder(schema):
            if link and name == "remoteUrl":
                yield field, "url", LINK_RULE
            elif IPersonList.providedBy(field):
                yield field, "people", WEB_RULE
            elif url_rule(field) is not None:
                yield field, "url", url_rule(field)
            elif (
                ICollection.providedBy(field) and url_rule(field.value_type) is not None
            ):
                yield field, "urls", url_rule(field.value_type)


def types_with_url_fields():
    """The Dexterity types that have URL fields, and whether each is a Link."""
    types = {}
    for fti in api.portal.get_tool("portal_types").listTypeInfo():
        if not IDexterityFTI.providedBy(fti):
            continue
        link = ILink.implementedBy(resolveDottedName(fti.klass))
        if any(url_fields(iterSchemataForType(fti.getId()), link=link)):
            types[fti.getId()] = link
    return types


def clear_unsafe_urls():
    """Clear every stored URL that :func:`validate_url` refuses; list them.

    Walks the catalog for the items of every type with URL fields (SocialHub's
    types, Plone's Link and Event, any other), checks each address with the
    rule its field has now, sets a refused one to the field's missing value
    (a list or a person row loses the refused address only), reindexes the
    item and logs each at WARNING (a required field gets an empty text, see
    :func:`cleared_value`). Returns the list of what it cleared:
    ``{"path", "field", "value"}`` dicts. Running it again clears nothing.
    """
    cleared = []
    catalog = api.portal.get_tool("portal_catalog")
    for portal_type, link in sorted(types_with_url_fields().items()):
        for brain in catalog.unrestrictedSearchResults(portal_type=portal_type):
            item = brain._unrestrictedGetObject()
            found = clear_item_urls(item, link)
            if found:
                item.reindexObject()
                path = "/".join(item.getPhysicalPath())
                for field, value in found:
                    logger.warning(
                        "Cleared an unsafe URL of %s, field %s: %r", path, field, value
                    )
                    cleared.append({"path": path, "field": field, "value": value})
    logger.info("Cleared %d unsafe stored URLs.", len(cleared))
    return cleared


def clear_item_urls(item, link):
    """Clear the refused URLs of one item: ``[(field name, refused value)]``."""
    found = []
    for field, kind, rule in url_fields(iterSchemata(item), link=link):
        manager = queryMultiAdapter((item, field), IDataManager)
        value = manager.query()
        name = field.getName()
        if kind == "url" and value and not is_safe_url(value, rule):
            found.append((name, value))
            manager.set(cleared_value(field))
        elif kind == "urls" and value:
            refused = [url for url in value if not is_safe_url(url, rule)]
            if refused:
                found.extend((name, url) for url in refused)
                kept = [url for url in value if url not in refused]
                manager.set(type(value)(kept))
        elif kind == "people" and value:
            refused = [
                person["url"]
                for person in value
                if isinstance(person, dict)
                and person.get("url")
                and not is_safe_url(person["url"], rule)
            ]
            if refused:
                found.extend((f"{name}/url", url) for url in refused)
                manager.set(
                    [
                        {key: row[key] for key in row if key != "url"}
                        if isinstance(row, dict) and row.get("url") in refused
                        else row
                        for row in value
                    ]
                )
    return found


def cleared_value(field):
    """What a refused address becomes: the field's missing value, or an
    empty text for a required one (Plone's Link view strips its
    ``remoteUrl``, which must not be None)."""
    if field.required and ITextLine.providedBy(field):
        return ""
    return field.missing_value


def is_safe_url(value, rule):
    """True if ``validate_url`` takes ``value`` with ``rule``."""
    try:
        validate_url(value, **rule)
    except InvalidWebURL:
        return False
    return True
