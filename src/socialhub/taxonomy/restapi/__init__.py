"""The taxonomy plugin's REST API: field (de)serializers and ``@taxonomies``."""
