"""Serving the course to browsers: the server and its page."""
