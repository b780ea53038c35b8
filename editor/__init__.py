"""Ktav: a Hebrew-first desktop authoring desk for a blog."""

__version__ = "0.1.0"
