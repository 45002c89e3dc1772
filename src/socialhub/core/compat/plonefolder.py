"""plone.folder internals SocialHub reaches (checked against plone.folder 5.0.0).

- ``OrderedBTreeFolderBase._ordering``: the name of the ``IOrdering``
  adapter of a folder, a class attribute (``""``, the default ordering)
  that ``setOrdering`` stores on the instance. A SocialHub section and the
  core uninstall profile drop the instance's value to give a folder back
  plone.folder's default (:func:`use_default_ordering`); plone.folder has
  no public way to unset it. ``socialhub.core.sections.Section`` sets it
  as a class attribute (``"unordered"``), as plone.folder's own
  ``setOrdering`` would store it.
"""

from Acquisition import aq_base


def use_default_ordering(folder):
    """Give ``folder`` plone.folder's default ordering; whether it changed."""
    folder = aq_base(folder)
    if "_ordering" not in folder.__dict__:
        return False
    del folder._ordering
    return True
