"""The REST schema (``@types/<Type>``) of every SocialHub type, pinned.

Frontends build their forms from ``@types``: the fields, their order, their
fieldsets, widgets and language-independence. Each type's answer is compared
with the fixture in ``tests/data/types/<Type>.json``, recorded from the site
(as Manager, over HTTP, in the full-suite layer). Only the site's address,
which changes with the test server's port, and the defaults computed from
the current time (an event starts at the next full hour) are normalised.

After a deliberate change of a schema, record the fixtures again with
``SOCIALHUB_RECORD_TYPES=1`` set and review the diff.
"""

from socialhub.testing import api_session
from socialhub.testing import SOCIALHUB_FUNCTIONAL_TESTING

import json
import os
import pathlib
import re
import unittest


FIXTURES = pathlib.Path(__file__).parent / "data" / "types"
SITE_URL = "http://localhost/plone"
#: Every type a SocialHub profile defines or extends.
SOCIALHUB_TYPES = (
    "Actor",
    "Course",
    "CourseModule",
    "Event",
    "Initiative",
    "Person",
    "Publication",
    "Section",
)


#: A default that is a date and time: computed from "now" (plone.app.event).
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
NOW = "<now>"


def normalised(text, portal_url):
    """The JSON ``text`` with the site's address replaced by a fixed one and
    date-and-time defaults by :data:`NOW`."""
    schema = json.loads(text.replace(portal_url, SITE_URL))
    for field in schema.get("properties", {}).values():
        default = field.get("default")
        if isinstance(default, str) and TIMESTAMP.match(default):
            field["default"] = NOW
    return schema


def as_text(schema):
    """The schema as the fixture files hold it: keys in the answer's order."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class TestTypesSchema(unittest.TestCase):
    layer = SOCIALHUB_FUNCTIONAL_TESTING

    def setUp(self):
        self.api = api_session(self.layer, self)
        self.portal_url = self.layer["portal"].absolute_url()

    def test_every_socialhub_type_is_pinned(self):
        """The fixtures cover the types the site lists, no more, no less."""
        listed = {
            item["@id"].rsplit("/", 1)[1] for item in self.api.get("@types").json()
        }
        self.assertLessEqual(set(SOCIALHUB_TYPES), listed)
        self.assertEqual(
            sorted(path.stem for path in FIXTURES.glob("*.json")),
            sorted(SOCIALHUB_TYPES),
        )

    def test_types_schema_unchanged(self):
        """Each type's @types answer is its fixture, keys in the same order."""
        record = os.environ.get("SOCIALHUB_RECORD_TYPES") == "1"
        for portal_type in SOCIALHUB_TYPES:
            with self.subTest(portal_type=portal_type):
                response = self.api.get(f"@types/{portal_type}")
                self.assertEqual(response.status_code, 200, response.text)
                schema = normalised(response.text, self.portal_url)
                fixture = FIXTURES / f"{portal_type}.json"
                if record:
                    fixture.write_text(as_text(schema), encoding="utf-8")
                # Compared as text: the order of properties and fieldsets counts.
                self.assertEqual(as_text(schema), fixture.read_text(encoding="utf-8"))
