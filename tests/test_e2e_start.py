"""`make start` as a newcomer runs it: first run, second run, and clear errors.

These run the real Makefile and server in fresh temporary data folders.
"""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import END_TO_END
from tests.processes import environ
from tests.processes import free_port
from tests.processes import run
from tests.processes import serving

import requests
import socket
import tempfile
import unittest


class TestMakeStart(unittest.TestCase):
    """Two runs of `make start` on one new database."""

    level = END_TO_END

    def test_first_run_creates_the_site_second_run_reuses_it(self):
        port = free_port()
        with tempfile.TemporaryDirectory() as var:
            env = environ(
                PORT=port,
                SOCIALHUB_VAR=var,
                ADMIN_USER="chief",
                ADMIN_PASSWORD="not-the-default",
            )
            site = f"http://127.0.0.1:{port}/Plone"
            with serving(["make", "start"], port, env=env) as first:
                spanish = requests.get(f"{site}/++api++/es", timeout=30)
                self.assertEqual(spanish.status_code, 200, spanish.text)
                self.assertEqual(spanish.json()["title"], "Español")
                # A Classic UI themed with Barceloneta (#18), on 127.0.0.1 too.
                page = requests.get(f"{site}/fr", timeout=30)
                self.assertEqual(page.status_code, 200, page.text)
                self.assertIn("++theme++barceloneta/css/barceloneta.min.css", page.text)
                self.assertIn("navbar-barceloneta", page.text)
                login = requests.post(
                    f"{site}/++api++/@login",
                    json={"login": "chief", "password": "not-the-default"},
                    timeout=30,
                )
                self.assertEqual(login.status_code, 200, login.text)
                self.assertIn("token", login.json())
            self.assertIn("Created the site 'Plone'.", first.output)
            self.assertIn(f"Site:      {site}", first.output)
            self.assertIn(f"REST API:  {site}/++api++", first.output)
            self.assertIn("user 'chief'", first.output)
            mail = Path(var).resolve() / "mail"
            self.assertIn(
                f"Mail:      not sent: written to {mail}/new "
                "(set SOCIALHUB_SMTP_HOST to send it)",
                first.output,
            )
            self.assertNotIn("not-the-default", first.output)

            with serving(["make", "start"], port, env=env) as second:
                welcome = requests.get(f"{site}/++api++/fr/welcome", timeout=30)
                self.assertEqual(welcome.status_code, 200, welcome.text)
            self.assertNotIn("Creating the site", second.output)
            self.assertIn("SocialHub is running.", second.output)


class TestStartErrors(unittest.TestCase):
    """What goes wrong before the server starts is said in one line."""

    def test_busy_port(self):
        with socket.socket() as squatter, tempfile.TemporaryDirectory() as var:
            squatter.bind(("127.0.0.1", 0))
            squatter.listen()
            port = squatter.getsockname()[1]
            result = run(["make", "start"], env=environ(PORT=port, SOCIALHUB_VAR=var))
        self.assertNotEqual(result.returncode, 0)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(
            result.stderr.splitlines()[0],
            f"socialhub: port {port} on 127.0.0.1 is already in use; stop what uses "
            f"it or choose another port, e.g. make start PORT={port + 1}",
        )

    def test_too_old_python(self):
        with tempfile.TemporaryDirectory() as tmp:
            python = Path(tmp) / "python3.9"
            python.write_text(
                "#!/bin/sh\n"
                '[ "$1" = --version ] && echo "Python 3.9.18" && exit 0\n'
                "exit 1\n"
            )
            python.chmod(0o755)
            result = run(
                ["make", "start", f"PYTHON={python}", f"VENV={tmp}/venv"],
                env=environ(),
            )
            self.assertFalse((Path(tmp) / "venv").exists())
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(
            result.stderr.splitlines()[0],
            f"socialhub: Python 3.11 or newer is needed, but '{python}' is "
            "Python 3.9.18; choose another: make start PYTHON=python3.12",
        )

    def test_missing_python(self):
        result = run(
            ["make", "start", "PYTHON=python3.99", "VENV=.venv-never-created"],
            env=environ(),
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertFalse((CHECKOUT / ".venv-never-created").exists())
        self.assertEqual(
            result.stderr.splitlines()[0],
            "socialhub: Python 3.11 or newer is needed, but 'python3.99' is "
            "not found; choose another: make start PYTHON=python3.12",
        )


class TestConcurrencySettings(unittest.TestCase):
    """SOCIALHUB_CONFLICT_RETRIES, SOCIALHUB_WRITERS and the request limits
    (SOCIALHUB_MAX_BODY_SIZE, SOCIALHUB_MAX_BATCH_SIZE,
    SOCIALHUB_MAX_JSON_DEPTH) reach Zope; a wrong value is a clear error."""

    # Zope is imported only once the settings are read: a wrong value fails
    # in a second, not after Plone's imports.
    SETTINGS = (
        "from pathlib import Path\n"
        "from socialhub.cli import Settings\n"
        "settings = Settings.from_environ(Path('instance'))\n"
        "settings.prepare()\n"
        "from paste.deploy import loadapp\n"
        "from socialhub.core.guard import limits\n"
        "from socialhub.core.guard.wsgi import RequestGuard\n"
        "from socialhub.testing import middleware_in\n"
        "from socialhub.testing import write_turns_in\n"
        "from ZPublisher.HTTPRequest import HTTPRequest\n"
        "app = loadapp(f'config:{settings.zope_ini}',"
        " global_conf=settings.wsgi_global_conf)\n"
        "print(HTTPRequest.retry_max_count, write_turns_in(app).writers,"
        " middleware_in(app, RequestGuard).max_body_size,"
        " limits.MAX_BATCH_SIZE, limits.MAX_JSON_DEPTH)\n"
    )

    def zope_settings(self, **overrides):
        with tempfile.TemporaryDirectory() as var:
            result = run(
                [str(CHECKOUT / ".venv/bin/python"), "-c", self.SETTINGS],
                env=environ(SOCIALHUB_VAR=var, **overrides),
            )
        return result

    def test_defaults(self):
        result = self.zope_settings()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["10", "1", "16777216", "100", "64"])

    def test_settings(self):
        result = self.zope_settings(
            SOCIALHUB_CONFLICT_RETRIES="3",
            SOCIALHUB_WRITERS="0",
            SOCIALHUB_MAX_BODY_SIZE="1000",
            SOCIALHUB_MAX_BATCH_SIZE="50",
            SOCIALHUB_MAX_JSON_DEPTH="10",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["3", "0", "1000", "50", "10"])

    def test_not_a_number(self):
        for name in (
            "SOCIALHUB_CONFLICT_RETRIES",
            "SOCIALHUB_WRITERS",
            "SOCIALHUB_MAX_BODY_SIZE",
            "SOCIALHUB_MAX_BATCH_SIZE",
            "SOCIALHUB_MAX_JSON_DEPTH",
        ):
            with self.subTest(name):
                result = self.zope_settings(**{name: "many"})
                self.assertNotEqual(result.returncode, 0)
                self.assertNotIn("Traceback", result.stderr)
                self.assertEqual(
                    result.stderr.strip(),
                    f"socialhub: {name} must be a whole number (0 or more), "
                    "not 'many'.",
                )
