"""``@related``: the organisations behind a record and records of its domain."""
