"""Serving the store: the REST API and the web dashboard."""
