"""What SocialHub refuses before, around and after Zope publishes a request.

SocialHub's own services validate what they are given; this package guards
the platform as a whole, Zope's and plone.restapi's stock code included:

- :mod:`.wsgi`: a WSGI middleware (``egg:socialhub#guard`` in
  ``instance/etc/zope.ini``) that answers what Zope itself would answer with
  HTTP 500 or read in full: a path that is not UTF-8 (400), a request body
  over :data:`.limits.MAX_BODY_SIZE` (413), a JSON body nested deeper than
  :data:`.limits.MAX_JSON_DEPTH` (400);
- :mod:`.publisher`: subscribers of Zope's publication events. Errors in
  Zope's parsing of the query string and form (``?x:int=a``) are 400; on the
  REST API of a SocialHub site a writing request's body must be a JSON
  object (415 for another media type, 400 for malformed JSON or invalid
  UTF-8), batch sizes are capped at :data:`.limits.MAX_BATCH_SIZE`, and a
  request answered with a status of 400 or more never commits what it
  changed;
- :mod:`.limits`: the documented limits, set from the environment.

Errors are rendered in one shape by :mod:`socialhub.core.errors`.
"""
