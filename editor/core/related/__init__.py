"""Related posts: the Hebrew-aware engine, its incremental index and the writer's choices."""

from editor.core.related.choices import (
    EXPORTED_RELATED,
    RelatedService,
    build_index,
    chosen_related,
    chosen_related_many,
    suggest_for,
)
from editor.core.related.index import RelatedIndex, Suggestion

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
