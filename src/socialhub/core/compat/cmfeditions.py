"""Products.CMFEditions and Products.CMFUid internals SocialHub reaches
(checked against Products.CMFEditions 5.0.0 and Products.CMFUid 5.0).

The core profile replaces CMFUid's counter of history ids by a random
generator, and its uninstall profile gives the counter back
(:mod:`socialhub.core.uidgenerator`): the counter must count on from the
highest id it ever gave, which only the histories storage knows.

- ``ZVCStorageTool._getShadowStorage(autoAdd=False)`` and the shadow
  storage's ``_storage`` (a BTree keyed by history id):
  :func:`highest_history_id`.
- ``UniqueIdGeneratorTool._uid_counter``: the counter's value (an int, a
  ``BTrees.Length`` on sites made by CMF 1.5): :func:`uid_counter`,
  :func:`set_uid_counter`.
"""


def highest_history_id(storage, below):
    """The highest history id lower than ``below`` that ``storage`` (the
    ``portal_historiesstorage`` tool) holds, or 0."""
    shadow = storage._getShadowStorage(autoAdd=False)
    if shadow is None:
        return 0
    try:
        return shadow._storage.maxKey(below - 1)
    except ValueError:  # no key below ``below``
        return 0


def uid_counter(tool):
    """The last id CMFUid's counter tool gave."""
    counter = tool._uid_counter
    if callable(counter):  # a BTrees.Length from CMF 1.5
        counter = counter()
    return counter


def set_uid_counter(tool, value):
    """Make CMFUid's counter tool count on from ``value``."""
    tool._uid_counter = value
