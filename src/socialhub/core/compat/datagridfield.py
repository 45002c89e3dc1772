"""collective.z3cform.datagridfield internals SocialHub reaches.

Checked against collective.z3cform.datagridfield 4.0.3.

- ``DataGridFieldWidget._get_stored_rows``: the grid's own reading of the
  stored value. :class:`socialhub.core.forms.people.PersonRowsConverter`
  asks it for the people stored before the edit, so that a person saved
  unchanged keeps what it had (no public method gives it).
- ``datagridfield_input.pt``: the grid's input template has no
  ``i18n:domain``, so its "Required" marks are never translated.
  ``socialhub/core/forms/people_input.pt`` is a copy with
  :data:`TEMPLATE_CHANGE` applied, and nothing else.
"""

#: The upstream template the copy follows, relative to the package.
UPSTREAM_TEMPLATE = "datagridfield_input.pt"

#: The one change of the copy: (upstream text, the copy's text).
TEMPLATE_CHANGE = (
    '      tal:omit-tag=""\n>',
    '      tal:omit-tag=""\n      i18n:domain="plone"\n>',
)

#: The private methods SocialHub calls.
PRIVATE_METHODS = ("_get_stored_rows",)
