"""The directory of organisations: agencies, networks, communities, funders."""
