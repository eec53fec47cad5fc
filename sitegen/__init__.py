"""sitegen: a static-site generator for the review results of Vietnamese Party units."""

__version__ = "0.1.0"
