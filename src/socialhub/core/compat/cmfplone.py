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
- ``CatalogTool._counter``: the ``BTrees.Length.Length`` behind the public
  ``getCounter()``, which every catalog and uncatalog call increments. The
  counter alone names a state of the catalog only within one history: an
  undone or aborted change brings a value back, and the next change reuses
  it for another state. The counter's ``_p_serial`` (the transaction that
  last committed it, never reused) with its value do name one state:
  :func:`catalog_state`, for RAM cache keys.
"""


def allowed_roles_and_users(catalog, user):
    """What a restricted search of ``catalog`` looks for in ``allowedRolesAndUsers``."""
    return catalog._listAllowedRolesAndUsers(user)


def catalog_state(catalog):
    """``(counter, serial)``: a new value whenever ``catalog``'s content changes.

    Pending indexing is done first (``getCounter`` does it). The value of a
    change not yet committed pairs the new count with the last committed
    serial, so a cache entry made in a transaction that is then aborted is
    never matched by a later, different change.
    """
    count = catalog.getCounter()
    counter = getattr(catalog, "_counter", None)
    if counter is None:
        return count, None
    counter._p_activate()  # a ghost's serial reads as zero
    return count, counter._p_serial
