"""Member accounts of the project hub.

Minimal account creation for invitations (the self-registration branch
brings the full module: inactive members, e-mail confirmation).
"""

from plone import api

import secrets


def member_for_email(email):
    """The id of the member whose e-mail is ``email`` (any case), or None."""
    acl_users = api.portal.get_tool("acl_users")
    for found in acl_users.searchUsers(email=email):
        user = api.user.get(userid=found["userid"])
        address = (user.getProperty("email") or "") if user is not None else ""
        if address.lower() == email.lower():
            return user.getId()
    return None


def create_member(email, fullname, language, password=None):
    """Create a member for ``email`` and return its user id.

    The login is the e-mail address when the site uses e-mail logins, else a
    fresh id; ``language`` is the member's preferred language. Without
    ``password`` the account gets a random one (the member sets their own
    through Plone's password reset).
    """
    use_email = api.portal.get_registry_record(
        "plone.use_email_as_login", default=False
    )
    username = None if use_email else _free_username(email)
    user = api.user.create(
        email=email,
        username=username,
        password=password or secrets.token_urlsafe(24),
        properties={"fullname": fullname, "language": language},
    )
    return user.getId()


def _free_username(email):
    """A user name from the e-mail's local part, made unique."""
    base = "".join(
        char for char in email.split("@", 1)[0].lower() if char.isalnum() or char in "-_."
    ) or "member"
    base = base[:40]
    name, number = base, 1
    while api.user.get(username=name) is not None:
        number += 1
        name = f"{base}-{number}"
    return name
