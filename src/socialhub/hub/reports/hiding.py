"""Hide an entry pending review: only its owner, editors and reviewers see it.

Hiding sets View and Access contents information on the item to the roles
below (not acquired) and re-indexes its security, so that it leaves
``@search``, listings and facets for everyone else; what the permissions
were is kept on the item and restored on showing it again. A workflow
transition while hidden maps the permissions anew: :func:`keep_hidden`
hides again after it.
"""

from AccessControl.Permission import pname
from Acquisition import aq_base


HIDDEN_KEY = "_socialhub_hidden_pending_review"
PERMISSIONS = ("View", "Access contents information")
ROLES = ("Owner", "Editor", "Reviewer", "Site Administrator", "Manager")
_MISSING = "missing"


def is_hidden(obj):
    """Whether ``obj`` is hidden pending review."""
    return getattr(aq_base(obj), HIDDEN_KEY, None) is not None


def _save_and_restrict(obj):
    base = aq_base(obj)
    base._p_activate()
    saved = {}
    for permission in PERMISSIONS:
        attribute = pname(permission)
        saved[permission] = base.__dict__.get(attribute, _MISSING)
        obj.manage_permission(permission, ROLES, acquire=0)
    return saved


def hide(obj):
    """Hide ``obj`` (no-op when hidden already)."""
    if is_hidden(obj):
        return False
    setattr(obj, HIDDEN_KEY, _save_and_restrict(obj))
    obj.reindexObjectSecurity()
    return True


def show(obj):
    """Show ``obj`` again with the permissions it had (no-op when not hidden)."""
    saved = getattr(aq_base(obj), HIDDEN_KEY, None)
    if saved is None:
        return False
    base = aq_base(obj)
    for permission, value in saved.items():
        attribute = pname(permission)
        if value == _MISSING:
            if attribute in base.__dict__:
                delattr(base, attribute)
        else:
            setattr(base, attribute, value)
    delattr(base, HIDDEN_KEY)
    obj.reindexObjectSecurity()
    return True


def keep_hidden(obj, event):
    """After a workflow transition of a hidden item, hide it again."""
    if is_hidden(obj):
        setattr(obj, HIDDEN_KEY, _save_and_restrict(obj))
        obj.reindexObjectSecurity()
