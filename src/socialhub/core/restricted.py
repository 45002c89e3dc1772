"""What a restricted catalog search would let the requester find, record by record.

Plone's ``CatalogTool.searchResults`` adds two criteria to every query: one
of the requester's roles or groups among the record's
``allowedRolesAndUsers`` (the roles and users with View), and, unless the
requester may see inactive content, the record effective now. When the
records are already known, asking these of each one is cheaper than a
search: on a large catalog the ``effectiveRange`` query alone costs more
than a handful of records checked one by one.
"""

from AccessControl import getSecurityManager
from DateTime import DateTime
from socialhub.core.compat import zcatalog
from socialhub.core.compat.cmfplone import allowed_roles_and_users


class RestrictedFilter:
    """Whether the requester would find a catalog record in a restricted search.

    With ``effective_now=False`` only the roles are asked: whether the
    requester may View the item, as the catalog knows it.
    """

    def __init__(self, catalog, effective_now=True):
        user = getSecurityManager().getUser()
        self.allowed = set(allowed_roles_and_users(catalog, user))
        self.roles = zcatalog.index(catalog, "allowedRolesAndUsers")
        self.dates = None
        if effective_now and not catalog.allow_inactive({}):
            self.dates = zcatalog.index(catalog, "effectiveRange")
            self.now = zcatalog.date_range_value(self.dates, DateTime())

    def __call__(self, brain):
        return self.allows(brain.getRID())

    def allows(self, record_id):
        """Whether the record ``record_id`` passes the restriction."""
        granted = self.roles.getEntryForObject(record_id, default=())
        if not self.allowed.intersection(granted):
            return False
        if self.dates is None:
            return True
        since, until = self.dates.getEntryForObject(record_id, default=(None, None))
        return (since is None or since <= self.now) and (
            until is None or self.now <= until
        )
