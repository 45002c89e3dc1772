"""The base of every SocialHub type's view page.

:class:`RecordView` gives the templates what a reader needs in the page's
language and nothing of the schema's internals: the targets of relation
fields the reader may View as cards, rows of people with ORCID links,
vocabulary titles, taxonomy terms as links, and contact details only for
those the field's read permission lets in (the rule of the REST
serializer). The macros of ``templates/record_macros.pt`` render them.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from plone.app.layout.viewlets.common import ViewletBase
from plone.autoform.interfaces import READ_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.supermodel.utils import mergedTaggedValueDict
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from socialhub.core.behaviors.contact import CONTACT_FIELDS
from socialhub.core.browser import formatting
from socialhub.core.browser.interfaces import IRecordView
from socialhub.core.browser.terms import country_name
from socialhub.core.browser.terms import term_groups
from socialhub.core.restapi.relations import viewable_summaries
from socialhub.core.restapi.rows import record_urls
from socialhub.core.restapi.rows import viewable_rows
from z3c.relationfield.interfaces import IRelationValue
from zope.component import queryUtility
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory
from zope.security.interfaces import IPermission


ORCID_URL = "https://orcid.org/"

_record_macros = ViewPageTemplateFile("templates/record_macros.pt")


@implementer(IRecordView)
class RecordView(BrowserView):
    """A view page of one SocialHub record, in the page's language."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.language = formatting.page_language(context, request)
        self.locale = formatting.page_locale(context, request)
        self._fields = None

    @property
    def macros(self):
        """The shared macros: ``cards``, ``people``, ``terms``, ``contact``..."""
        return _record_macros.macros

    # Values in the page's locale

    def translate(self, message):
        """``message`` translated for the request."""
        return translate(message, context=self.request)

    def date(self, value):
        """A date as the page's locale writes it: "15 mars 2025"."""
        return formatting.format_date(value, self.locale)

    def number(self, value):
        """A number with the locale's separators: "1 200"."""
        return formatting.format_number(value, self.locale)

    def year(self, value):
        """A year: "2015"."""
        return formatting.format_year(value)

    def period(self, start, end):
        """A period of two dates: "1 janvier 2019 – 31 décembre 2027"."""
        return formatting.format_period(start, end, self.locale)

    def country(self, code):
        """A country's name in the page's language: "Kenia"."""
        return country_name(code, self.language)

    # Fields

    def _field_and_permission(self, name):
        """``(field, read permission id or None)`` of ``name``; None if unknown.

        The fields of the type's schema and of its behaviours, read once per
        view, with the ``read_permission`` directives plone.restapi's
        serializer honours too.
        """
        if self._fields is None:
            self._fields = {}
            for schema in iterSchemata(aq_inner(self.context)):
                permissions = mergedTaggedValueDict(schema, READ_PERMISSIONS_KEY)
                for field_name in schema.names(all=True):
                    self._fields.setdefault(
                        field_name, (schema[field_name], permissions.get(field_name))
                    )
        return self._fields.get(name)

    def field(self, name):
        """The schema field ``name`` of the item (its type's or a behaviour's)."""
        found = self._field_and_permission(name)
        return found[0] if found else None

    def may_read(self, name):
        """Whether the reader may read the field ``name`` (its read permission)."""
        found = self._field_and_permission(name)
        if found is None:
            return False
        permission_id = found[1]
        if permission_id is None:
            return True
        permission = queryUtility(IPermission, name=permission_id)
        return permission is not None and bool(
            getSecurityManager().checkPermission(permission.title, self.context)
        )

    def value(self, name):
        """The item's value of the field ``name``, if the reader may read it."""
        if not self.may_read(name):
            return None
        return getattr(aq_inner(self.context), name, None)

    def choice_title(self, name):
        """The translated title of the vocabulary term a Choice field holds."""
        value = self.value(name)
        field = self.field(name)
        if value is None or field is None:
            return None
        vocabulary = field.vocabulary
        if vocabulary is None and field.vocabularyName:
            factory = queryUtility(IVocabularyFactory, field.vocabularyName)
            vocabulary = factory(self.context) if factory is not None else None
        if vocabulary is None or value not in vocabulary:
            return str(value)
        term = vocabulary.getTerm(value)
        return self.translate(term.title or term.token)

    def text_paragraphs(self, name):
        """A plain text field as its paragraphs (one per line break)."""
        value = self.value(name) or ""
        return [line.strip() for line in value.splitlines() if line.strip()]

    def cards(self, name):
        """The targets of the relation field ``name`` the reader may View.

        Each is ``{"url", "title", "description", "type_title"}``, in the
        field's order.
        """
        value = self.value(name)
        if not value:
            return []
        relations = [value] if IRelationValue.providedBy(value) else list(value)
        return [
            {
                "url": summary["@id"],
                "title": summary.get("title") or "",
                "description": summary.get("description") or "",
                "type_title": summary.get("type_title") or "",
            }
            for summary in viewable_summaries(relations, self.request, self.context)
        ]

    def people(self, name):
        """The rows of the person list ``name``: name, affiliation, links.

        ``orcid_url`` is the person's ORCID record, ``url`` their web address,
        ``person_url`` their Person page when the reader may View it.
        """
        rows = []
        people = viewable_rows(self.value(name), ("person",))
        pages = record_urls((person.get("person") for person in people), self.language)
        for person in people:
            orcid = person.get("orcid")
            rows.append(
                {
                    "name": person.get("name", ""),
                    "affiliation": person.get("affiliation"),
                    "orcid": orcid,
                    "orcid_url": orcid and ORCID_URL + orcid,
                    "url": person.get("url"),
                    "person_url": pages.get(person.get("person")),
                }
            )
        return rows

    def terms(self, taxonomies=None):
        """The item's taxonomy terms, linked to its section filtered by each."""
        return term_groups(self.context, self.language, taxonomies)

    def resource_languages(self):
        """The names of the languages the resource is offered in."""
        codes = self.value("resource_languages") or ()
        factory = queryUtility(IVocabularyFactory, "socialhub.vocabularies.Languages")
        vocabulary = factory(self.context)
        return [
            vocabulary.getTerm(code).title if code in vocabulary else code
            for code in codes
        ]

    def contact(self):
        """The contact details the reader may see: ``[(label, value, href)]``."""
        details = []
        for name in CONTACT_FIELDS:
            value = self.value(name)
            if not value:
                continue
            href = None
            if name == "contact_email":
                href = f"mailto:{value}"
            elif name == "contact_phone":
                href = "tel:" + "".join(c for c in value if c.isdigit() or c == "+")
            details.append(
                {
                    "label": self.translate(self.field(name).title),
                    "value": value,
                    "href": href,
                }
            )
        return details

    def file_link(self, name):
        """``{"url", "filename", "size"}`` of a file field's download, or None."""
        value = self.value(name)
        if not value:
            return None
        return {
            "url": f"{self.context.absolute_url()}/@@download/{name}",
            "filename": value.filename,
            "size": self.number(round(value.getSize() / 1024) or 1),
        }


class RelatedItemsInThePage(ViewletBase):
    """Plone's related items viewlet, silent below a record's view page,
    which shows them as cards."""

    def render(self):
        return ""
