"""The distribution ships everything: a wheel alone can create the site."""

from pathlib import Path
from tests.processes import CHECKOUT
from tests.processes import END_TO_END
from tests.processes import environ
from tests.processes import free_port
from tests.processes import run
from tests.processes import serving

import ast
import requests
import sys
import tempfile
import unittest
import zipfile


UV = Path(sys.executable).parent / "uv"
CONSTRAINTS = CHECKOUT / "constraints.txt"
PACKAGE_ROOTS = {
    "socialhub": CHECKOUT / "src" / "socialhub",
    "socialhub.profiles": CHECKOUT / "profiles",
    "socialhub.policies": CHECKOUT / "policies",
}


def listed_packages():
    """The PACKAGES list of setup.py, read without running it."""
    tree = ast.parse((CHECKOUT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "PACKAGES":
            return set(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no PACKAGES list")


def packages_on_disk():
    """Every folder with an __init__.py under the mapped package roots."""
    found = set()
    for name, root in PACKAGE_ROOTS.items():
        for init in root.rglob("__init__.py"):
            relative = init.parent.relative_to(root).parts
            found.add(".".join((name, *relative)))
    return found


class TestPackageList(unittest.TestCase):
    def test_every_package_is_listed_in_setup_py(self):
        self.assertEqual(listed_packages(), packages_on_disk())


class TestWheel(unittest.TestCase):
    """Build the wheel, install it with the pins into a clean venv, run it."""

    level = END_TO_END

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="socialhub-wheel-"))
        self.addCleanup(run, ["rm", "-rf", str(self.tmp)])

    def check(self, command, **kwargs):
        result = run([str(part) for part in command], **kwargs)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result.stdout

    def test_wheel_ships_profiles_policies_and_translations(self):
        wheel = self.build_wheel()
        names = set(zipfile.ZipFile(wheel).namelist())
        for shipped in (
            "socialhub/configure.zcml",
            "socialhub/core/profiles/default/metadata.xml",
            "socialhub/profiles/configure.zcml",
            "socialhub/profiles/site/metadata.xml",
            "socialhub/profiles/demo/metadata.xml",
            "socialhub/policies/configure.zcml",
            "socialhub/locales/fr/LC_MESSAGES/socialhub.po",
            "socialhub/locales/es/LC_MESSAGES/socialhub.po",
        ):
            with self.subTest(file=shipped):
                self.assertIn(shipped, names)

        venv = self.tmp / "venv"
        self.check([UV, "venv", "--quiet", "--python", sys.executable, venv])
        self.check(
            [UV, "pip", "install", "--quiet", "--python", venv / "bin" / "python"]
            + ["-c", CONSTRAINTS, wheel]
        )
        location = self.check(
            [
                venv / "bin" / "python",
                "-c",
                "import socialhub.profiles as p; print(p.__file__)",
            ],
            cwd=self.tmp,
        )
        self.assertTrue(location.startswith(str(venv)), location)

        port = free_port()
        env = environ(PORT=port, SOCIALHUB_VAR=self.tmp / "var")
        command = [
            str(venv / "bin" / "socialhub"),
            "--instance",
            str(CHECKOUT / "instance"),
            "serve",
        ]
        site = f"http://127.0.0.1:{port}/Plone/++api++"
        with serving(command, port, cwd=self.tmp, env=env) as server:
            addons = requests.get(
                f"{site}/@addons", auth=("admin", "admin"), timeout=30
            )
            self.assertEqual(addons.status_code, 200, addons.text)
            installed = {a["id"] for a in addons.json()["items"] if a["is_installed"]}
            self.assertIn("socialhub.core", installed)
            welcome = requests.get(f"{site}/es/welcome", timeout=30)
            self.assertEqual(welcome.status_code, 200, welcome.text)
            self.assertEqual(welcome.json()["title"], "Bienvenido a SocialHub")
        self.assertIn("Created the site 'Plone'.", server.output)

    def build_wheel(self):
        self.check(
            [UV, "build", "--quiet", "--wheel", "--out-dir", self.tmp / "dist"]
            + ["--build-constraints", CONSTRAINTS, CHECKOUT]
        )
        wheels = list((self.tmp / "dist").glob("socialhub-*.whl"))
        self.assertEqual(len(wheels), 1, wheels)
        return wheels[0]
