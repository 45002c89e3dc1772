"""Tests of the documentation in docs/: the REST reference and the OpenAPI document."""
