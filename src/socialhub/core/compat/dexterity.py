"""plone.dexterity internals SocialHub reaches (checked against plone.dexterity 4.0.0).

- ``plone.dexterity.content._default_from_schema(context, schema, fieldname)``:
  the default of a field an item has no value for, as Dexterity's own
  ``__getattr__`` computes it (default factory, then ``default``, with the
  item as context). :class:`socialhub.core.content.SchemaDefaults` knows the
  field's schema already and asks for its default directly, instead of
  letting Dexterity search every schema of the type again (see that
  module). Exposed here as :func:`default_from_schema`.
- ``plone.dexterity.primary.PrimaryFieldInfo.__init__``: which field is an
  item's primary field (the first in field order of the last schema that
  has one). ``SchemaFields.primary_field_target``
  (:mod:`socialhub.core.restapi.serializer`) finds it among the fields it
  serialized; the source it follows is pinned in :data:`COPIED`.
- ``DexterityContent.__getattr__``: :func:`socialhub.core.content.field_schemata`
  searches a type's schemata in the order Dexterity's ``__getattr__`` does
  (the type's schema, then its behaviours'), and asks it when it cannot
  tell; pinned in :data:`COPIED`.
"""

from plone.dexterity.content import _default_from_schema


#: Upstream functions SocialHub re-implements, with the SHA-256 of their
#: source when the copy was made.
COPIED = {
    "plone.dexterity.content:DexterityContent.__getattr__": (
        "590591e55bb391a1bc650bbd72b43b513936a5fbda374f5fa8196545cadd3268"
    ),
    "plone.dexterity.primary:PrimaryFieldInfo.__init__": (
        "7048abee1a9d2020dc2e613786eb7754555695e9240f4d5d47bc90b0680cc1e3"
    ),
}


def default_from_schema(context, schema, fieldname):
    """The default of ``schema[fieldname]`` for ``context``, as Dexterity gives it."""
    return _default_from_schema(context, schema, fieldname)
