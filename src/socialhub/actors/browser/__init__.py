"""The Classic UI of the actors plugin: the Actor (organisation) view page."""
