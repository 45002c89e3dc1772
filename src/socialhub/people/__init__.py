"""People: experts, authors, contributors and reviewers of the platform."""
