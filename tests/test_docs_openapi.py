"""The OpenAPI document of SocialHub's endpoints (``docs/openapi.yaml``).

The document is checked against the OpenAPI 3.1 specification
(openapi-spec-validator), and every answer recorded from the live site for
the REST reference (``docs/rest/http-examples/``, kept true by
``test_docs_rest_reference.py``) against the document's schema of its path,
method and status: the document cannot drift from what the server answers.
"""

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from pathlib import Path
from referencing import Registry
from referencing import Resource
from referencing.jsonschema import DRAFT202012
from tests.docsrecording import EXAMPLES
from tests.docsrecording import read_example
from urllib.parse import urlsplit

import re
import unittest
import yaml


DOCUMENT = Path(__file__).parents[1] / "docs" / "openapi.yaml"
#: The URI the document is registered under, for the schemas' references.
DOCUMENT_URI = "urn:socialhub:openapi"
#: The site's path in the recorded requests.
SITE_PATH = "/plone"


def load_document():
    """The OpenAPI document, as data."""
    return yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))


def path_pattern(template):
    """A regular expression matching the request paths of a path template.

    ``{path}`` (the context's path) takes slashes, other parameters do not.
    """
    pattern = re.escape(template)
    pattern = pattern.replace(re.escape("{path}"), ".+")
    pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", pattern)
    return re.compile(pattern + "$")


def template_of(document, path):
    """The path template of the document that a request path is answered by.

    Templates of the site root (without ``{path}``) come first, as the
    server's most specific registrations do.
    """
    templates = sorted(document["paths"], key=lambda t: ("{path}" in t, -len(t)))
    for template in templates:
        if path_pattern(template).match(path):
            return template
    return None


def pointer(*parts):
    """A JSON pointer (RFC 6901) of ``parts``."""
    return "/" + "/".join(
        str(part).replace("~", "~0").replace("/", "~1") for part in parts
    )


class TestOpenAPIDocument(unittest.TestCase):
    def setUp(self):
        self.document = load_document()
        self.registry = Registry().with_resource(
            DOCUMENT_URI, Resource.from_contents(self.document, DRAFT202012)
        )

    def test_document_is_valid_openapi_3_1(self):
        self.assertEqual(self.document["openapi"], "3.1.0")
        validate(self.document)  # raises OpenAPIValidationError

    def test_examples_exist(self):
        examples = sorted(EXAMPLES.glob("*.req"))
        self.assertGreaterEqual(len(examples), 20)
        for request in examples:
            with self.subTest(example=request.name):
                self.assertTrue(request.with_suffix(".resp").exists())

    def test_recorded_answers_match_the_document(self):
        for request in sorted(EXAMPLES.glob("*.req")):
            with self.subTest(example=request.stem):
                method, target, status, body = read_example(request)
                path = urlsplit(target).path
                self.assertTrue(path.startswith(SITE_PATH), path)
                path = path[len(SITE_PATH) :] or "/"
                template = template_of(self.document, path)
                self.assertIsNotNone(template, f"{path} is not documented")
                operation = self.document["paths"][template].get(method.lower())
                self.assertIsNotNone(
                    operation, f"{method} {template} is not documented"
                )
                responses = operation["responses"]
                self.assertIn(str(status), responses, f"{method} {template}")
                schema_pointer = self.schema_pointer(template, method, status)
                self.assertIsNotNone(body, "every recorded answer has a JSON body")
                validator = Draft202012Validator(
                    {"$ref": f"{DOCUMENT_URI}#{schema_pointer}"},
                    registry=self.registry,
                )
                problems = [
                    f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                    for error in validator.iter_errors(body)
                ]
                self.assertEqual(problems, [], f"{method} {template} {status}")

    def schema_pointer(self, template, method, status):
        """The pointer to the JSON schema of an answer in the document."""
        response = self.document["paths"][template][method.lower()]["responses"][
            str(status)
        ]
        parts = ["paths", template, method.lower(), "responses", str(status)]
        if "$ref" in response:
            parts = response["$ref"].removeprefix("#/").split("/")
        return pointer(*parts, "content", "application/json", "schema")

    def test_every_path_is_recorded(self):
        """Each documented path has at least one recorded example."""
        recorded = set()
        for request in EXAMPLES.glob("*.req"):
            _method, target, _status, _body = read_example(request)
            path = urlsplit(target).path[len(SITE_PATH) :]
            recorded.add(template_of(self.document, path))
        self.assertEqual(sorted(set(self.document["paths"]) - recorded), [])
