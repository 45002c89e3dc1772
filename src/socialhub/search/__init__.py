"""Cross-cutting search over the SocialHub records: facets with counts, cross-links."""
