"""Products.GenericSetup internals SocialHub reaches.

Checked against Products.GenericSetup 5.2.

- ``Products.GenericSetup.registry._profile_registry``: the registry of the
  profiles registered with ZCML, which ``registerProfile`` fills. The
  ``INonInstallable`` utility of :mod:`socialhub.core.setuphandlers` hides
  every SocialHub ``:uninstall`` profile by reading their ids there, without
  the ``portal_setup`` tool (whose ``listProfileInfo`` reads this registry
  too). Exposed here as :func:`profile_infos`.
"""

from Products.GenericSetup.registry import _profile_registry


def profile_infos():
    """The information (``id``, ``title``, ...) of every profile registered."""
    return _profile_registry.listProfileInfo()
