"""buildout.cfg builds the same stack, starts the instance and runs the tests.

A cold build downloads every pinned egg (about 3 to 4 minutes); eggs are kept
in .cache/buildout-eggs of the checkout, so later runs take seconds.
"""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import END_TO_END
from tests.processes import environ
from tests.processes import free_port
from tests.processes import run
from tests.processes import serving

import requests
import subprocess
import tempfile
import unittest


def copy_checkout(target):
    """Copy the checkout's files (tracked or new, not ignored) to target."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=CHECKOUT,
        capture_output=True,
        check=True,
    ).stdout
    archive = subprocess.run(
        ["tar", "--null", "--files-from=-", "-cf", "-"],
        cwd=CHECKOUT,
        input=files,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-xf", "-"], cwd=target, input=archive, check=True)


class TestBuildout(unittest.TestCase):
    level = END_TO_END

    def test_buildout_builds_instance_scripts_and_test_runner(self):
        with tempfile.TemporaryDirectory(prefix="socialhub-buildout-") as tmp:
            checkout = Path(tmp)
            copy_checkout(checkout)
            port = free_port()
            eggs = CHECKOUT / ".cache" / "buildout-eggs"
            eggs.mkdir(parents=True, exist_ok=True)
            build = run(
                [
                    "make",
                    "buildout",
                    f"BUILDOUT_ARGS=instance:http-address=127.0.0.1:{port} "
                    f"buildout:eggs-directory={eggs}",
                ],
                cwd=checkout,
                env=environ(ADMIN_PASSWORD="buildout-admin"),
                timeout=900,
            )
            self.assertEqual(build.returncode, 0, build.stdout[-3000:] + build.stderr)
            for script in ("instance", "socialhub", "test"):
                self.assertTrue((checkout / "bin" / script).exists(), script)

            create = run(
                [
                    "bin/socialhub",
                    "create-site",
                    "--zope-conf",
                    "parts/instance/etc/zope.conf",
                ],
                cwd=checkout,
                env=environ(ADMIN_PASSWORD="buildout-admin"),
            )
            self.assertEqual(create.returncode, 0, create.stdout + create.stderr)
            self.assertIn("Created the site 'Plone'.", create.stdout)

            # The instance serves through SocialHub's middleware, as zope.ini.
            wsgi_ini = (checkout / "parts/instance/etc/wsgi.ini").read_text()
            self.assertIn("    egg:socialhub#writeturns\n    zope\n", wsgi_ini)
            with serving(["bin/instance", "fg"], port, cwd=checkout, env=environ()):
                french = requests.get(
                    f"http://127.0.0.1:{port}/Plone/++api++/fr",
                    auth=("admin", "buildout-admin"),
                    timeout=30,
                )
                self.assertEqual(french.status_code, 200, french.text)
                self.assertEqual(french.json()["title"], "Français")

            listed = run(
                ["bin/test", "--list-tests", "-m", "test_core_setup"],
                cwd=checkout,
                env=environ(),
            )
            self.assertEqual(listed.returncode, 0, listed.stdout + listed.stderr)
            self.assertIn("test_browser_layer_registered", listed.stdout)
