"""A terminal micro-course on closeness, safety and trust, played from TOML lesson modules."""

__version__ = "0.1.0"
