"""Initiatives: social protection projects and programmes."""
