"""PATCH: plone.restapi's edit, a new id checked before the item is renamed.

Stock plone.restapi renames an item to any id the ``id`` field is given
(``plone.shortname``), ``index_html`` included (see :mod:`socialhub.core.ids`).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.restapi.deserializer import json_body
from plone.restapi.services.content.update import ContentPatch as BaseContentPatch
from socialhub.core.ids import id_problem
from zExceptions import BadRequest


class ContentPatch(BaseContentPatch):
    """plone.restapi's edit, refusing an id the item may not be renamed to."""

    def reply(self):
        new_id = json_body(self.request).get("id")
        if new_id and new_id != self.context.getId():
            container = aq_parent(aq_inner(self.context))
            problem = id_problem(container, new_id, self.request)
            if problem:
                raise BadRequest([{"field": "id", "message": problem}])
        return super().reply()
