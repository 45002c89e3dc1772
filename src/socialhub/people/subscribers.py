"""A Person linked to a member account is owned by that member."""

from plone.dexterity.interfaces import IDexterityContent


#: Where the record remembers whom it gave the Owner role, to take it back
#: when the link changes.
LINKED_OWNER_KEY = "_socialhub_linked_owner"


def give_ownership(obj, event):
    """Give the linked member the Owner local role; take it from the previous one.

    Other local roles (the creator's Owner role, sharing) are left as they are.
    """
    if not IDexterityContent.providedBy(obj):
        return
    member_id = getattr(obj, "member_id", None) or None
    previous = getattr(obj, LINKED_OWNER_KEY, None)
    if member_id == previous:
        return
    if previous:
        roles = obj.get_local_roles_for_userid(previous)
        remaining = [role for role in roles if role != "Owner"]
        obj.manage_delLocalRoles([previous])
        if remaining:
            obj.manage_setLocalRoles(previous, remaining)
    if member_id:
        roles = set(obj.get_local_roles_for_userid(member_id))
        obj.manage_setLocalRoles(member_id, sorted(roles | {"Owner"}))
    setattr(obj, LINKED_OWNER_KEY, member_id)
    obj.reindexObjectSecurity()
