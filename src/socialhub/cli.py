"""The ``socialhub`` command: run a SocialHub instance.

``socialhub serve`` is what ``make start`` runs: it loads Zope once, creates
the admin user and the site (with demo content) when the database has none,
then serves in the foreground. ``socialhub create-site`` does the first half
only, for scripts and for proving that an installed wheel works. Scheduled
work (``socialhub send-invitation-reminders``) runs in the site and commits;
each command is safe to run twice (run it from cron).

Settings come from the environment, each with a default (README.md,
"Configuration"): HOST, PORT, SITE_ID, ADMIN_USER, ADMIN_PASSWORD,
SOCIALHUB_VAR, SOCIALHUB_DSN, SOCIALHUB_SMTP_*, SOCIALHUB_CONFLICT_RETRIES and
SOCIALHUB_WRITERS.
"""

from dataclasses import dataclass
from pathlib import Path

import argparse
import errno
import os
import socket
import sys


#: How often Zope runs a request again whose transaction conflicted with a
#: concurrent one. Zope's default, 3, answers HTTP 500 to some of 8 concurrent
#: writers (benchmarks/README.md, the writes workload); 10 to none.
DEFAULT_CONFLICT_RETRIES = 10


@dataclass(frozen=True)
class Settings:
    """What an instance runs with, read from the environment."""

    instance: Path
    zope_conf: Path
    var: Path
    dsn: str
    host: str
    port: int
    site_id: str
    admin_user: str
    admin_password: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    conflict_retries: int
    writers: int
    max_body_size: int

    @classmethod
    def from_environ(cls, instance, zope_conf=None, environ=os.environ):
        from socialhub.core.guard.limits import DEFAULT_MAX_BATCH_SIZE
        from socialhub.core.guard.limits import DEFAULT_MAX_BODY_SIZE
        from socialhub.core.guard.limits import DEFAULT_MAX_JSON_DEPTH
        from socialhub.core.writeturns import DEFAULT_WRITERS

        # Read by socialhub.core.guard.limits when Zope loads: checked here.
        _count(environ, "SOCIALHUB_MAX_BATCH_SIZE", DEFAULT_MAX_BATCH_SIZE)
        _count(environ, "SOCIALHUB_MAX_JSON_DEPTH", DEFAULT_MAX_JSON_DEPTH)

        instance = Path(instance).resolve()
        port = _port(environ, "PORT", "8080")
        smtp_port = _port(environ, "SOCIALHUB_SMTP_PORT", "25")
        return cls(
            instance=instance,
            zope_conf=Path(zope_conf or instance / "etc" / "zope.conf").resolve(),
            var=Path(environ.get("SOCIALHUB_VAR") or instance / "var").resolve(),
            dsn=environ.get("SOCIALHUB_DSN", ""),
            host=environ.get("HOST", "127.0.0.1"),
            port=port,
            site_id=environ.get("SITE_ID", "Plone"),
            admin_user=environ.get("ADMIN_USER", "admin"),
            admin_password=environ.get("ADMIN_PASSWORD", "admin"),
            smtp_host=environ.get("SOCIALHUB_SMTP_HOST", ""),
            smtp_port=smtp_port,
            smtp_user=environ.get("SOCIALHUB_SMTP_USER", ""),
            smtp_password=environ.get("SOCIALHUB_SMTP_PASSWORD", ""),
            conflict_retries=_count(
                environ, "SOCIALHUB_CONFLICT_RETRIES", DEFAULT_CONFLICT_RETRIES
            ),
            writers=_count(environ, "SOCIALHUB_WRITERS", DEFAULT_WRITERS),
            max_body_size=_count(
                environ, "SOCIALHUB_MAX_BODY_SIZE", DEFAULT_MAX_BODY_SIZE
            ),
        )

    @property
    def storage(self):
        return "relstorage" if self.dsn else "filestorage"

    @property
    def mail_dir(self):
        """Where outgoing mail is kept when no SMTP server is configured."""
        return self.var / "mail"

    @property
    def mail(self):
        """Where the site's mail goes, in words."""
        if self.smtp_host:
            return f"sent to {self.smtp_host}:{self.smtp_port}"
        return (
            f"not sent: written to {self.mail_dir}/new "
            "(set SOCIALHUB_SMTP_HOST to send it)"
        )

    @property
    def zope_ini(self):
        return self.instance / "etc" / "zope.ini"

    @property
    def wsgi_global_conf(self):
        """What ``zope.ini`` reads from its global configuration."""
        return {
            "var": str(self.var),
            "http_host": self.host,
            "http_port": str(self.port),
            "writers": str(self.writers),
            "max_body_size": str(self.max_body_size),
        }

    @property
    def site_url(self):
        return f"http://{self.host}:{self.port}/{self.site_id}"

    def prepare(self):
        """Export what zope.conf reads and create the folders it expects."""
        if not self.zope_conf.is_file():
            fail(f"No Zope configuration at {self.zope_conf}.")
        if self.dsn and not _importable("relstorage"):
            fail(
                "SOCIALHUB_DSN is set but RelStorage is not installed: "
                "install the 'relstorage' extra (make install does)."
            )
        os.environ["SOCIALHUB_INSTANCE"] = str(self.instance)
        os.environ["SOCIALHUB_VAR"] = str(self.var)
        os.environ["SOCIALHUB_STORAGE"] = self.storage
        os.environ["SOCIALHUB_CONFLICT_RETRIES"] = str(self.conflict_retries)
        if not self.smtp_host:
            # Products.MailHost's queue-only mode: mail waits in a maildir.
            os.environ["MAILHOST_QUEUE_ONLY"] = "1"
        for folder in ("filestorage", "blobstorage", "blobcache", "log", "cache"):
            (self.var / folder).mkdir(parents=True, exist_ok=True)


def fail(message):
    """Stop with a one-line error, no traceback."""
    raise SystemExit(f"socialhub: {message}")


def ensure_port_free(host, port):
    """Fail clearly when something already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                fail(
                    f"port {port} on {host} is already in use; stop what uses "
                    f"it or choose another port, e.g. make start PORT={port + 1}"
                )
            fail(f"cannot listen on {host}:{port}: {error.strerror}")


def create_site(settings, demo=True):
    """Create the admin user and the site if the configured database lacks them.

    The application root's error log, which records errors raised before a
    request reaches the site, ignores client errors as the site's does.
    """
    from socialhub.core.errors import ignore_client_errors
    from socialhub.site import configure_mail
    from socialhub.site import ensure_admin
    from socialhub.site import ensure_site

    import transaction
    import Zope2

    app = Zope2.app()
    try:
        if ensure_admin(app, settings.admin_user, settings.admin_password):
            print(f"Created the Zope administrator {settings.admin_user!r}.")
        if settings.site_id not in app.objectIds():
            print(f"Creating the site {settings.site_id!r} ...")
            ensure_site(app, settings.site_id, admin=settings.admin_user, demo=demo)
            print(f"Created the site {settings.site_id!r}.")
        if ignore_client_errors(app.error_log):
            transaction.commit()
        configure_mail(
            app[settings.site_id],
            host=settings.smtp_host,
            port=settings.smtp_port,
            user=settings.smtp_user,
            password=settings.smtp_password,
            maildir=settings.mail_dir,
        )
    finally:
        app._p_jar.close()


def banner(settings):
    """What a newcomer needs once the server is up."""
    url = settings.site_url
    return "\n".join(
        [
            "",
            "SocialHub is running.",
            f"  Site:      {url}",
            f"  REST API:  {url}/++api++   e.g. "
            f"curl -s -H 'Accept: application/json' {url}/en",
            f"  Log in:    user {settings.admin_user!r}, the password from "
            "ADMIN_PASSWORD (default 'admin'),",
            f"             at {url}/login or with curl -u USER:PASSWORD",
            f"  Data:      {settings.var} ({settings.storage})",
            f"  Mail:      {settings.mail}",
            "  Stop with Ctrl+C.",
            "",
        ]
    )


def serve(settings, demo=True):
    """Load Zope, make sure the site exists, then serve until interrupted."""
    from paste.deploy import loadapp
    from paste.deploy import loadserver
    from Zope2.Startup.serve import setup_logging

    ensure_port_free(settings.host, settings.port)
    ini = str(settings.zope_ini)
    global_conf = settings.wsgi_global_conf
    setup_logging(ini, global_conf)
    app = loadapp(f"config:{ini}", global_conf=global_conf)
    create_site(settings, demo=demo)
    server = loadserver(f"config:{ini}", global_conf=global_conf)
    print(banner(settings), flush=True)
    try:
        server(app)
    except KeyboardInterrupt:
        print("SocialHub stopped.")


def run_on_site(settings, task):
    """Run ``task(site)`` in the configured site as its administrator, and
    commit; returns what ``task`` returned.

    For scheduled work (``socialhub send-invitation-reminders``): the site
    is the current site, the request has the address the server answers at
    (links in mails point there), the user is ``ADMIN_USER``.
    """
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    import transaction
    import Zope2

    make_wsgi_app({}, str(settings.zope_conf))
    app = makerequest(
        Zope2.app(),
        environ={"SERVER_NAME": settings.host, "SERVER_PORT": str(settings.port)},
    )
    try:
        if settings.site_id not in app.objectIds():
            fail(f"No site {settings.site_id!r}: run socialhub create-site first.")
        site = app[settings.site_id]
        admin = app.acl_users.getUser(settings.admin_user)
        if admin is None:
            fail(f"No Zope administrator {settings.admin_user!r} (ADMIN_USER).")
        newSecurityManager(None, admin.__of__(app.acl_users))
        setSite(site)
        setRequest(app.REQUEST)
        result = task(site)
        transaction.commit()
        return result
    finally:
        noSecurityManager()
        setSite(None)
        setRequest(None)
        app._p_jar.close()
        Zope2.DB.close()


def send_invitation_reminders(site):
    """Remind open invitations once and mark expired ones (socialhub.hub)."""
    from socialhub.hub.invitations.reminders import send_reminders

    reminded, expired = send_reminders()
    print(f"Invitations: {reminded} reminded, {expired} marked expired.")
    return reminded, expired


def verification_reminders(site):
    """Mail the re-verification reminders due, once per expiry (socialhub.hub)."""
    from socialhub.hub.verification.reminders import send_reminders

    count = send_reminders(site)
    print(f"Reminded the verifiers and owners of {count} organisation(s).")
    return count


#: Scheduled work: command name -> task run in the site (safe to run twice).
TASKS = {
    "send-invitation-reminders": send_invitation_reminders,
    "verification-reminders": verification_reminders,
}


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="socialhub",
        description="Run a SocialHub instance (settings: see README.md).",
    )
    parser.add_argument(
        "--instance",
        default="instance",
        help="the instance folder holding etc/zope.conf (default: ./instance)",
    )
    parser.add_argument(
        "--no-demo",
        dest="demo",
        action="store_false",
        help="create a new site without demo content",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="create the site if needed, then serve it")
    create = commands.add_parser(
        "create-site", help="create the admin and the site if needed"
    )
    create.add_argument(
        "--zope-conf",
        help="another Zope configuration, e.g. buildout's "
        "parts/instance/etc/zope.conf (default: INSTANCE/etc/zope.conf)",
    )
    for name, task in TASKS.items():
        commands.add_parser(name, help=task.__doc__.split("(")[0].strip())
    args = parser.parse_args(argv)

    settings = Settings.from_environ(args.instance, getattr(args, "zope_conf", None))
    settings.prepare()
    if args.command == "serve":
        serve(settings, demo=args.demo)
    elif args.command in TASKS:
        run_on_site(settings, TASKS[args.command])
    else:
        from Zope2.Startup.run import make_wsgi_app

        import Zope2

        make_wsgi_app({}, str(settings.zope_conf))
        create_site(settings, demo=args.demo)
        Zope2.DB.close()


def _port(environ, name, default):
    """A TCP port number from the environment, or a one-line error."""
    value = environ.get(name, default)
    if not value.isdigit() or not 0 < int(value) < 65536:
        fail(f"{name} must be a TCP port number (1-65535), not {value!r}.")
    return int(value)


def _count(environ, name, default):
    """A whole number (0 or more) from the environment, or a one-line error."""
    value = environ.get(name, str(default))
    if not value.isdigit():
        fail(f"{name} must be a whole number (0 or more), not {value!r}.")
    return int(value)


def _importable(module):
    try:
        __import__(module)
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
