"""``@history`` on a SocialHub site: a version that is not there is a 4xx.

SocialHub's types keep a version at every save, as Plone's pages do. Stock
plone.restapi answers 500 when ``GET @history/<version>`` or the revert
(``PATCH @history``) names a version that is not a number or does not
exist, and when the revert names none. Here an old version that is not
there is a 404, and a revert to a version that is not there a 400 that says
what was wrong and changes nothing.
"""

from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services.history.get import HistoryGet as BaseHistoryGet
from plone.restapi.services.history.patch import HistoryPatch as BaseHistoryPatch
from Products.CMFCore.utils import getToolByName
from socialhub.core import _
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate

import json


def version_number(version):
    """``version`` (a JSON value or a path segment) as an int, or None.

    Version numbers are whole numbers from 0; True and False are not.
    """
    if isinstance(version, str) and version.isascii() and version.isdigit():
        return int(version)
    if isinstance(version, int) and not isinstance(version, bool) and version >= 0:
        return version
    return None


def has_version(context, number):
    """Whether ``context`` has a version ``number`` in its history."""
    history = getToolByName(context, "portal_repository").getHistoryMetadata(context)
    return number < (history.getLength(countPurged=True) if history else 0)


class HistoryGet(BaseHistoryGet):
    """plone.restapi's history and old versions; a missing version is a 404."""

    def reply(self):
        if self.version:
            number = version_number(self.version)
            if number is None or not has_version(self.context, number):
                raise NotFound(self.version)
        return super().reply()


class HistoryPatch(BaseHistoryPatch):
    """plone.restapi's revert; a missing or bad version is a 4xx."""

    def reply(self):
        try:
            body = json_body(self.request)
        except DeserializationError:  # not a JSON object
            body = {}
        if "version" not in body:
            message = _(
                "error_revert_without_version",
                default='Name the version to revert to, e.g. {"version": 0}.',
            )
            raise BadRequest(translate(message, context=self.request))
        number = version_number(body["version"])
        if number is None:
            message = _(
                "error_version_number",
                default="A version is a whole number from 0, not ${version}.",
                mapping={"version": json.dumps(body["version"])},
            )
            raise BadRequest(translate(message, context=self.request))
        if not has_version(self.context, number):
            message = _(
                "error_no_such_version",
                default="This item has no version ${version}.",
                mapping={"version": number},
            )
            raise BadRequest(translate(message, context=self.request))
        return super().reply()
