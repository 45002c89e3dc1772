"""Create the SocialHub Plone site inside a Zope application root.

Used by the ``socialhub`` command (``make start``) and by anyone scripting a
new site, e.g. ``zconsole run etc/zope.conf`` with::

    from socialhub.site import ensure_admin, ensure_site
    ensure_admin(app, "admin", "secret")
    ensure_site(app, "Plone", admin="admin")
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from contextlib import contextmanager
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import transaction


SITE_PROFILE = "socialhub.profiles:site"
DEMO_PROFILE = "socialhub.profiles:demo"

#: The base profiles of plone.classicui's "classic" distribution (its
#: ``profiles.json``): a Classic UI site themed with Barceloneta. The site
#: profile depends on the last two as well, so applying it themes any site.
CLASSIC_UI_PROFILES = (
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
)

EXTENSION_PROFILES = (*CLASSIC_UI_PROFILES, SITE_PROFILE)


def ensure_admin(app, username, password):
    """Create a Zope-level Manager called ``username`` unless one exists.

    An existing user keeps its password: the environment sets the password of
    a new database only. Returns True when the user was created.
    """
    if app.acl_users.getUser(username) is not None:
        return False
    app.acl_users._doAddUser(username, password, ["Manager"], [])
    transaction.commit()
    return True


def ensure_site(app, site_id, admin, title="SocialHub", demo=True):
    """Create the Plone site ``site_id`` with the whole suite unless it exists.

    ``admin`` names the Zope user the site is created as; it owns the site
    and the demo content. Returns the site, or None when it existed already.
    """
    if site_id in app.objectIds():
        return None
    app = makerequest(app)
    setRequest(app.REQUEST)
    try:
        with _logged_in(app, admin):
            site = addPloneSite(
                app,
                site_id,
                title=title,
                extension_ids=EXTENSION_PROFILES + ((DEMO_PROFILE,) if demo else ()),
                default_language="en",
            )
            transaction.get().note(f"Created the SocialHub site {site_id!r}")
            transaction.commit()
    finally:
        setSite(None)
        setRequest(None)
        # The request holds objects of this connection; release them first.
        app.REQUEST.close()
    return site


@contextmanager
def _logged_in(app, username):
    user = app.acl_users.getUser(username)
    if user is None:
        raise ValueError(f"No Zope user called {username!r} to create the site as")
    newSecurityManager(None, user.__of__(app.acl_users))
    try:
        yield
    finally:
        noSecurityManager()


def configure_mail(site, host, port, user, password, maildir):
    """Point the site's MailHost at an SMTP server, or at a local maildir.

    Mail is always queued in ``maildir`` first, so a slow or absent SMTP
    server never fails a request: with a ``host`` Products.MailHost's queue
    thread delivers it; without, nothing is sent (``socialhub`` sets
    MAILHOST_QUEUE_ONLY) and the messages wait in the maildir. Applied at
    every start, so the environment decides. Commits when something changed.
    """
    mailhost = site.MailHost
    wanted = {
        "smtp_host": host or "localhost",
        "smtp_port": port,
        "smtp_uid": user,
        "smtp_pwd": password,
        "smtp_queue": True,
        "smtp_queue_directory": str(maildir),
    }
    if any(getattr(mailhost, name, None) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(mailhost, name, value)
        transaction.get().note("SocialHub: mail settings from the environment")
        transaction.commit()
