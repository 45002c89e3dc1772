"""Which ids an item may be given: checked before it is created or renamed.

Plone's own check (``plone.base.utils.check_id``) refuses bad characters,
catalog index names, the ids of tools and skins and of existing items, but
lets any length through (a 65,600-character id made an item that could not
be deleted: its path no longer fits a transaction's description) and always
allows ``index_html``, which a folder then shows in place of its own view:
renaming a private item to it sent anonymous visitors of its section to the
login form. SocialHub also refuses ids that are view or service names of the
folder (``edit``, ``folder_contents``) or are not made of letters, digits,
``-``, ``_``, ``.`` and ``~`` (which leaves out ``@search``, ``++api++``
and ``_private``).
"""

from plone.base.utils import check_id
from socialhub.core import _
from socialhub.core.guard.limits import MAX_ID_LENGTH
from zope.component import queryMultiAdapter
from zope.i18n import translate

import re


#: What an id is made of: ASCII letters and digits, ``-``, ``_``, ``.`` and
#: ``~``, starting with a letter or digit (Plone makes ids of lowercase
#: letters, digits and hyphens from titles).
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
#: Ids a folder's own publishing would find before an item of that name.
RESERVED_IDS = frozenset({"index_html", "view", "edit", "base_view", "REQUEST"})
RESERVED_PREFIXES = ("aq_",)


def id_problem(container, new_id, request):
    """Why ``new_id`` cannot name an item in ``container`` (translated), or None."""
    if not isinstance(new_id, str) or not new_id:
        return translate(
            _("error_id_text", default="An id is a non-empty text."), context=request
        )
    if len(new_id) > MAX_ID_LENGTH:
        return translate(
            _(
                "error_id_length",
                default="An id has at most ${limit} characters; this one has "
                "${length}.",
                mapping={"limit": MAX_ID_LENGTH, "length": len(new_id)},
            ),
            context=request,
        )
    if not ID_PATTERN.fullmatch(new_id):
        return translate(
            _(
                "error_id_characters",
                default="${id} is not a valid id: start with a letter or a "
                "digit, and use letters, digits, hyphens, underscores and dots.",
                mapping={"id": new_id},
            ),
            context=request,
        )
    if (
        new_id in RESERVED_IDS
        or new_id.startswith(RESERVED_PREFIXES)
        or queryMultiAdapter((container, request), name=new_id) is not None
    ):
        return translate(
            _(
                "error_id_reserved",
                default="${id} is reserved: it names a view of the folder.",
                mapping={"id": new_id},
            ),
            context=request,
        )
    return check_id(container, id=new_id, contained_by=container)
