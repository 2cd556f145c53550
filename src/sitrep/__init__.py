"""sitrep: read news, keep a structured, queryable picture of what is happening."""

__version__ = "0.1.0"
