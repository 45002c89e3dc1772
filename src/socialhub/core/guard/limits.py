"""The limits SocialHub puts on one request (README.md, "Configuration").

Each is read once from the environment, where ``socialhub serve`` checks
it; a value that is not a whole number stops the server with a one-line
error (:func:`socialhub.cli.Settings.from_environ`).
"""

import os


#: The largest request body, in bytes, but for ``multipart/form-data``
#: uploads of Classic UI forms (Zope's own ``dos_protection`` limits those).
#: A file sent over REST travels base64-encoded inside the JSON, a third
#: larger than the file: 16 MiB lets through files of about 12 MB; larger
#: ones go through plone.restapi's resumable ``@tus-upload`` in chunks.
DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024
#: The most items one page of a batched REST answer holds.
DEFAULT_MAX_BATCH_SIZE = 100
#: The deepest nesting of arrays and objects a JSON body may have. Volto's
#: blocks with rich text nest about 15 deep.
DEFAULT_MAX_JSON_DEPTH = 64
#: The longest id an item may have (Plone makes ids of at most 50
#: characters from titles).
MAX_ID_LENGTH = 100


def _setting(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.isdecimal() and value.isascii() else default


MAX_BODY_SIZE = _setting("SOCIALHUB_MAX_BODY_SIZE", DEFAULT_MAX_BODY_SIZE)
MAX_BATCH_SIZE = _setting("SOCIALHUB_MAX_BATCH_SIZE", DEFAULT_MAX_BATCH_SIZE)
MAX_JSON_DEPTH = _setting("SOCIALHUB_MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH)
