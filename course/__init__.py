"""A terminal micro-course played from TOML lesson modules (the shipped ones: lessons/)."""

__version__ = "0.1.0"
