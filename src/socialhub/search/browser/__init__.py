"""The Classic UI face of socialhub.search: browsable sections and landing pages."""
