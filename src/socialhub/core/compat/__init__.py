"""The fences around upstream internals: one module per upstream package.

SocialHub reaches, in a few places, what its upstream packages do not
publish: private attributes and methods, keyword arguments, the order in
which Zope does things, and functions it copies to make them cheaper. Each
such use goes through (or, for a documented-but-underscored API every
add-on calls, is listed in) the module of that package here, whose
docstring says what it reaches, why, and the version it was checked
against. ``tests/test_core_compat.py`` pins each of them: after a Plone
upgrade, a failure there names the fence to re-check.

- :mod:`.zope`: ZPublisher, OFS, AccessControl (Zope).
- :mod:`.cmfplone`: Products.CMFPlone's catalog tool.
- :mod:`.zcatalog`: Products.ZCatalog, Products.PluginIndexes,
  Products.ZCTextIndex.
- :mod:`.dexterity`: plone.dexterity.
- :mod:`.restapi`: plone.restapi (and plone.rest).
- :mod:`.querystring`: plone.app.querystring.
- :mod:`.multilingual`: plone.app.multilingual.
- :mod:`.taxonomy`: collective.taxonomy.
- :mod:`.genericsetup`: Products.GenericSetup.
- :mod:`.cmfeditions`: Products.CMFEditions and Products.CMFUid.
- :mod:`.plonefolder`: plone.folder.

``search/`` fences its own ZCatalog reads in :mod:`socialhub.search.catalog`.
"""

import hashlib
import importlib
import inspect


def resolve(dotted):
    """The object named ``module:attribute.path``."""
    module, _, path = dotted.partition(":")
    obj = importlib.import_module(module)
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def source_sha256(dotted):
    """The SHA-256 of the source of the upstream function named ``dotted``.

    The fences record it for each upstream function SocialHub copies or
    re-implements: a different hash means upstream changed what was copied.
    """
    return hashlib.sha256(inspect.getsource(resolve(dotted)).encode()).hexdigest()
