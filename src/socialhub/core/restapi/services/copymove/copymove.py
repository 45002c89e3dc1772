"""POST ``@copy`` and ``@move``: an item the folder does not take is a 400.

Stock plone.restapi pastes without asking whether the folder takes the
items' types: the folder's paste check raises ``ValueError`` ("Disallowed
subobject type", "You can not add the copied content here"), which
answered HTTP 500. Here it is a 400 naming the types the folder refused;
the transaction is doomed with the answer, so an item pasted before the
refusal is not kept either.
"""

from plone.restapi.services.copymove.copymove import Copy as BaseCopy
from plone.restapi.services.copymove.copymove import Move as BaseMove
from socialhub.core import _
from zExceptions import BadRequest
from zope.i18n import translate


class RefusedPaste:
    """The paste of a stock copy or move, with the folder's refusal a 400."""

    def reply(self):
        self.pasted = []
        try:
            return super().reply()
        except ValueError:
            raise BadRequest(self.refusal()) from None

    def clipboard(self, parent, ids):
        self.pasted.extend(parent[id] for id in ids)
        return super().clipboard(parent, ids)

    def refusal(self):
        """The message naming the types this folder does not take."""
        allowed = {info.getId() for info in self.context.allowedContentTypes()}
        refused = sorted({item.portal_type for item in self.pasted} - allowed)
        folder = self.context.Title() or self.context.getId()
        if refused:
            message = _(
                "error_paste_refused",
                default="${folder} does not take ${types}.",
                mapping={"folder": folder, "types": ", ".join(refused)},
            )
        else:
            message = _(
                "error_paste_refused_items",
                default="${folder} does not take these items.",
                mapping={"folder": folder},
            )
        return translate(message, context=self.request)


class Copy(RefusedPaste, BaseCopy):
    """plone.restapi's ``@copy``, refusing what the folder does not take."""


class Move(RefusedPaste, BaseMove):
    """plone.restapi's ``@move``, refusing what the folder does not take."""
