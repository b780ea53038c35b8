"""Related posts: the Hebrew-aware engine, its incremental index and the writer's choices."""

from editor.core.related.index import RelatedIndex, Suggestion

__all__ = ["RelatedIndex", "Suggestion"]
