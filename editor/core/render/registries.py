"""Python-Markdown's processor registries, listed once instead of at every step that walks them.

The block parser walks every block processor for every block, and `Registry.__iter__` sorts and lists
them again each time (7% of a post's render). Our Markdown instance is built once and its processors
stay as built; a listed registry keeps its list until a processor is registered or deregistered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import markdown
from markdown.util import Registry


class ListedRegistry(Registry):
    """A Registry that keeps the list its iteration gives until it changes."""

    def __iter__(self) -> Iterator[Any]:
        listed = self.__dict__.get("_listed")
        if listed is None:
            listed = self.__dict__["_listed"] = list(super().__iter__())
        return iter(listed)

    def register(self, item: Any, name: str, priority: float) -> None:
        self.__dict__.pop("_listed", None)
        super().register(item, name, priority)

    def deregister(self, name: str, strict: bool = True) -> None:
        self.__dict__.pop("_listed", None)
        super().deregister(name, strict)


def list_once(md: markdown.Markdown) -> None:
    """Make a built Markdown's registries listed ones (what they hold and its order are unchanged)."""
    for registry in (md.preprocessors, md.parser.blockprocessors, md.treeprocessors, md.inlinePatterns,
                     md.postprocessors):
        if type(registry) is Registry:
            registry.__class__ = ListedRegistry
