"""Products.CMFPlone internals SocialHub reaches.

Checked against Products.CMFPlone 6.2.2.

- ``CatalogTool._listAllowedRolesAndUsers(user)``: the roles, groups and
  user ids a restricted search looks for in ``allowedRolesAndUsers``.
  :class:`socialhub.core.restricted.RestrictedFilter` checks catalog records
  that are already known (a translation group's, a relation's target)
  against them one by one, which costs less than a restricted search (the
  ``effectiveRange`` criterion alone costs more than the records checked).
  There is no public accessor of the list; ``searchResults`` builds it with
  this method. Exposed here as :func:`allowed_roles_and_users`.
"""


def allowed_roles_and_users(catalog, user):
    """What a restricted search of ``catalog`` looks for in ``allowedRolesAndUsers``."""
    return catalog._listAllowedRolesAndUsers(user)
