"""Base classes of SocialHub content: Dexterity's, with field defaults found at once.

An attribute a Dexterity item does not store (a field never set, or a name
it has no field for) is looked up by ``__getattr__`` in the type's schema
and then in every behaviour's schema, one after the other. The catalog asks
every item for every index and metadata column (``start``, ``location``,
the other plugins' fields...), and a SocialHub record has about twenty
behaviours: indexing a publication walked those schemata some ninety times
(more than a quarter of the cost of creating one). Here the schema that
answers each name is found once per type, kept until the type's FTI
changes, and the answer is the one Dexterity gives: the default of the
first schema that has a field of that name, else AttributeError.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.dexterity import content
from plone.dexterity.behavior import DexterityBehaviorAssignable
from plone.dexterity.content import ATTRIBUTE_NAMES_TO_IGNORE
from plone.dexterity.schema import lookup_fti
from plone.dexterity.schema import SCHEMA_CACHE
from plone.folder.interfaces import IExplicitOrdering
from plone.folder.ordered import CMFOrderedBTreeFolderBase
from socialhub.core.compat.dexterity import default_from_schema
from zope.interface import directlyProvidedBy
from zope.interface import directlyProvides
from zope.interface.interface import Method


_CACHE_KEY = "_v_socialhub_field_schemata"
#: Dexterity's own search is needed: see :func:`field_schema`.
ASK_DEXTERITY = object()


def field_schemata(portal_type):
    """``{name: schema}``: the first schema of the type with a field ``name``.

    The schemata are searched as Dexterity's ``__getattr__`` does (fenced in
    :mod:`socialhub.core.compat.dexterity`): the
    type's schema, then its behaviours' in their order. None when the type
    has no Dexterity FTI (or no type yet). Kept on the FTI (a volatile
    attribute, one per ZODB connection) until it is modified or Dexterity's
    schema cache is invalidated.
    """
    if not isinstance(portal_type, str):
        return None  # an item not made by its FTI yet
    fti = lookup_fti(portal_type)
    if fti is None:
        return None
    version = (fti._p_mtime, SCHEMA_CACHE.invalidations)
    cached = getattr(fti, _CACHE_KEY, None)
    if cached is not None and cached[0] == version:
        return cached[1]
    schemata = [SCHEMA_CACHE.get(portal_type)]
    schemata += [
        registration.interface
        for registration in SCHEMA_CACHE.behavior_registrations(portal_type)
    ]
    found = {}
    for schema in filter(None, schemata):
        for name in schema.names(all=True):
            if name not in found and not isinstance(schema.get(name), Method):
                found[name] = schema
    setattr(fti, _CACHE_KEY, (version, found))
    return found


def field_schema(item, name):
    """The schema whose default ``item.name`` is, as Dexterity would find it.

    None when Dexterity would raise AttributeError (no such field, or a
    name it never looks up); :data:`ASK_DEXTERITY` when the item's
    behaviours are not the ones its FTI lists (another IBehaviorAssignable).
    """
    if (
        name.startswith("__")
        or name.startswith("_v")
        or name.endswith("_Permission")
        or name in ATTRIBUTE_NAMES_TO_IGNORE
    ):
        return None
    if type(content.get_assignable(item)) is not DexterityBehaviorAssignable:
        return ASK_DEXTERITY
    schemata = field_schemata(item.portal_type)
    if schemata is None:
        return ASK_DEXTERITY
    return schemata.get(name)


class SchemaDefaults:
    """A mixin for Dexterity content classes: missing attributes found at once.

    Put before the Dexterity class in the bases. A name that is no field is
    an AttributeError, as Dexterity's ``__getattr__`` makes it.
    """

    # Being first in the bases, the mixin must give what Dexterity's classes
    # give for the interfaces an item provides (its FTI's schema and
    # behaviour markers); zope.interface would otherwise set its own here.
    __providedBy__ = content.FTIAwareSpecification()

    def __getattr__(self, name):
        schema = field_schema(self, name)
        if schema is ASK_DEXTERITY:
            return super().__getattr__(name)
        if schema is None:
            raise AttributeError(name)
        return default_from_schema(self, schema, name)


class Item(SchemaDefaults, content.Item):
    """A Dexterity item whose missing attributes are found at once."""


class Container(SchemaDefaults, content.Container):
    """A Dexterity container whose missing attributes are found at once.

    A name that is no field may still be the id of an item it contains.
    """

    def __getattr__(self, name):
        try:
            return SchemaDefaults.__getattr__(self, name)
        except AttributeError:
            # BTreeFolder2's private _tree (fenced: socialhub.core.compat.zope).
            if self._tree is None:
                raise
        return CMFOrderedBTreeFolderBase.__getattr__(self, name)


def change_class(obj, klass):
    """Make the stored ``obj`` an instance of ``klass``, in place.

    The parent's reference to the object carries the object's class: the
    parent stores the object again, or a fresh connection would load it
    with the old class. Its place among its siblings is kept.
    """
    parent = aq_parent(aq_inner(obj))
    obj_id = obj.getId()
    ordering = parent.getOrdering() if hasattr(aq_base(parent), "getOrdering") else None
    if not IExplicitOrdering.providedBy(ordering):
        ordering = None
    position = ordering.getObjectPosition(obj_id) if ordering is not None else None
    parent._delOb(obj_id)
    base = aq_base(obj)
    base.__class__ = klass
    declare_provides_again(base)
    base._p_changed = True
    parent._setOb(obj_id, base)
    if position is not None:
        ordering.moveObjectToPosition(obj_id, position, suppress_events=True)


def declare_provides_again(obj):
    """Tie what ``obj`` provides directly to the class it has now.

    A direct declaration (``alsoProvides``, e.g. CMFEditions' IVersioned)
    is stored on the object with the class the object had then, and keeps
    naming it after ``obj.__class__`` changes.
    """
    if "__provides__" in obj.__dict__:
        directlyProvides(obj, *directlyProvidedBy(obj))
