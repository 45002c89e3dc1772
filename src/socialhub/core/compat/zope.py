"""Zope internals SocialHub reaches (checked against Zope 6.3).

ZPublisher
  - ``publish_module(environ, start_response, _request_factory=...)``: the
    class of the request Zope makes, a private keyword of the WSGI
    entry point. The write-turns middleware publishes writes with a
    request that gives its turn back when Zope closes the request
    (:func:`publish_with_request_class`, :mod:`socialhub.core.writeturns`).
  - the order of the publication: ``publish_module`` notifies
    ``PubStart`` (in ``transaction_pubevents``) before ``publish`` calls
    ``request.processInputs()``. The REST guard replaces the request's
    ``processInputs`` on ``PubStart`` to make a value Zope's converters
    refuse a 400 (:func:`replace_process_inputs`,
    :mod:`socialhub.core.guard.publisher`).

Products.PluggableAuthService (Zope's user folder in Plone)
  - ``response._has_challenged``: PAS's ``challenge`` does nothing for a
    response that has it; SocialHub's JSON error answers set it, as
    plone.rest's do, so that a 401 is not turned into a redirect to the
    login form (:func:`skip_login_challenge`, :mod:`socialhub.core.errors`).

Documented-but-underscored APIs every add-on calls, left where they are:
  - OFS: ``_setOb``, ``_delOb`` (``socialhub.core.content.change_class``),
    ``_setObject``, ``_delObject`` (overridden by
    ``socialhub.core.sections.Section``).
  - AccessControl: ``RoleManager._delRoles`` (``socialhub.core.setuphandlers``).
  - Products.BTreeFolder2: ``BTreeFolder2Base._tree`` (None until the
    folder is initialized), read by ``socialhub.core.content.Container``'s
    ``__getattr__`` to tell an attribute from a contained item as
    ``CMFOrderedBTreeFolderBase.__getattr__`` does.
  - the Zope user folder: ``_doAddUser`` (``socialhub.site``, the
    first Manager of a new instance, as ``zope.mkwsgiinstance`` does).
"""


def publish_with_request_class(publish_module, environ, start_response, request_class):
    """Publish through Zope's ``publish_module`` with requests of ``request_class``."""
    return publish_module(environ, start_response, _request_factory=request_class)


def replace_process_inputs(request, process_inputs):
    """Make Zope call ``process_inputs()`` where it parses ``request``'s inputs.

    Call it on ``PubStart``: Zope parses the inputs after. For this request
    only.
    """
    request.processInputs = process_inputs


def skip_login_challenge(response):
    """Keep PAS from turning ``response`` (a 401) into a login challenge."""
    response._has_challenged = True
