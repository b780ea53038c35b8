"""Related posts: the Hebrew-aware engine, its incremental index and the writer's choices."""

from editor.core.related.choices import (
    EXPORTED_RELATED,
    RelatedService,
    build_index,
    chosen_related,
    chosen_related_many,
    suggest_for,
)

__all__ = [
    "EXPORTED_RELATED",
    "RelatedIndex",
    "RelatedService",
    "Suggestion",
    "build_index",
    "chosen_related",
    "chosen_related_many",
    "suggest_for",
]


def __getattr__(name: str):
    """The index's names on first use: importing it brings numpy (~0.25 s), which the window's start
    does without."""
    if name in ("RelatedIndex", "Suggestion"):
        from editor.core.related import index

        return getattr(index, name)
    raise AttributeError(name)
