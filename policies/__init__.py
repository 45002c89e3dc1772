"""Workflow policies of the SocialHub suite (package ``socialhub.policies``).

Workflow definitions, their bindings to content types, role maps and placeful
workflow policies live here as GenericSetup data, apart from the code, so an
institution can review and adapt them without reading Python.
"""
