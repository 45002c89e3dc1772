"""Relation pickers that search and browse where the targets live.

Plone's content browser (``pat-contentbrowser``) starts in the folder of the
edited item and, for a field whose targets are limited by a catalog source,
asks the source for every listing, which holds no folders: a publication's
publisher picker opened in /en/publications found no organisation and could
not browse to /en/actors. On a SocialHub site every content browser of the
catalog (SocialHub's relation fields, Plone's Related Items) starts in the
section of its ``selectableTypes`` in the item's language root (/fr/actors
for a French item), or in the language root when the types live in several
sections or none is named; it offers those sections and the language root
as favourites and browses the whole catalog, folders included, so the
editor can reach any target. The field's source still decides, when the
form is saved, which targets are allowed.
"""

from plone import api
from plone.app.z3cform.interfaces import IContentBrowserWidget
from plone.app.z3cform.utils import get_context_url
from plone.base.navigationroot import get_navigation_root_object
from plone.base.utils import get_top_site_from_url
from socialhub.core.forms.interfaces import ISocialHubFormsLayer
from socialhub.core.sections import SECTION_TYPE
from socialhub.core.sections import section_types
from z3c.form.interfaces import IValue
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


CATALOG_VOCABULARY = "plone.app.vocabularies.Catalog"


def sections_of(root, portal_types):
    """The sections of ``root`` that hold items of ``portal_types``, in order.

    Found in the catalog: a site without language roots keeps its sections
    beside everything else in the portal.
    """
    wanted = set(portal_types)
    brains = api.content.find(
        context=root,
        depth=1,
        portal_type=SECTION_TYPE,
        sort_on="getObjPositionInParent",
    )
    sections = [brain.getObject() for brain in brains]
    return [section for section in sections if wanted & set(section_types(section))]


def path_of(item):
    """The physical path of ``item`` as the content browser reads it."""
    return "/".join(item.getPhysicalPath())


@implementer(IValue)
@adapter(Interface, ISocialHubFormsLayer, Interface, Interface, IContentBrowserWidget)
class ContentBrowserStart:
    """The ``pattern_options`` of a content browser: where it starts.

    plone.app.z3cform merges this named value into the pattern options of
    the widget (``PatternFormElement.attributes``).
    """

    def __init__(self, context, request, form, field, widget):
        self.context = context
        self.request = request
        self.widget = widget

    def get(self):
        site = get_top_site_from_url(self.context, self.request)
        root = get_navigation_root_object(self.context, site)
        if root is None or self.widget.vocabulary != CATALOG_VOCABULARY:
            return {}
        portal_types = self.widget.pattern_options.get("selectableTypes") or ()
        sections = sections_of(root, portal_types)
        # One section that holds every target type, or the language root.
        start = root
        if len(sections) == 1 and set(portal_types) <= set(section_types(sections[0])):
            start = sections[0]
        return {
            "basePath": path_of(start),
            "favorites": [
                {"title": item.Title(), "path": path_of(item)}
                for item in (*sections, root)
            ],
            # The whole catalog, folders included, rather than the field's
            # source, which holds the target types only.
            "vocabularyUrl": f"{get_context_url(site)}/@@getVocabulary"
            f"?name={CATALOG_VOCABULARY}&field={self.widget.field.__name__}",
        }
