"""YAML front matter read safely and within bounds: nesting depth, alias expansion, dates left as text."""

from __future__ import annotations

import yaml

MAX_DEPTH = 16  # front matter is a few keys with lists of words
MAX_NODES = 10_000  # counted with every alias expanded, so "billion laughs" stops here
MAX_CHARS = 256 * 1024
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class FrontMatterRefused(yaml.YAMLError):
    """Front matter deeper, larger or expanding further than a post's metadata can be, or a value
    that cannot be read; `problem_he` says it in Hebrew."""

    def __init__(self, problem: str, problem_he: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_he, self.problem_mark = problem, problem_he, mark


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader counting nodes as if every alias were copied, and how deep they nest.

    PyYAML shares an aliased node instead of copying it, but anything that walks the result
    walks every copy; its composer also recurses once per level of nesting.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            anchored = self.anchors.get(self.peek_event().anchor)
            if anchored is not None:
                self._count(self._sizes.get(id(anchored), 1))
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise FrontMatterRefused(f"nested deeper than {MAX_DEPTH} levels", f"מקונן ביותר מ-{MAX_DEPTH} רמות",
                                      self.peek_event().start_mark)
        before = self._expanded
        self._count(1)
        node = super().compose_node(parent, index)
        self._sizes[id(node)] = self._expanded - before
        self._depth -= 1
        return node

    def _count(self, nodes: int) -> None:
        self._expanded += nodes
        if self._expanded > MAX_NODES:
            raise FrontMatterRefused(f"expands to more than {MAX_NODES:,} values (through aliases)",
                                      f"מתרחב ליותר מ-{MAX_NODES:,} ערכים (דרך כינויים)", self.peek_event().start_mark)


# Dates stay text here and are read by the importer, which says what is wrong with a bad one
# (PyYAML would raise a bare ValueError for 2023-13-45).
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_front_matter(text: str):
    """The YAML value of `text`; yaml.YAMLError (FrontMatterRefused for bounds) when it cannot be read."""
    if len(text) > MAX_CHARS:
        raise FrontMatterRefused(f"longer than {MAX_CHARS // 1024} KB", f"ארוך מ-{MAX_CHARS // 1024} KB")
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except (ValueError, TypeError, OverflowError) as error:  # an explicit tag (!!timestamp, !!int) on a bad value
        raise FrontMatterRefused(f"a value cannot be read ({error})", "ערך שלא ניתן לקרוא") from None
    finally:
        loader.dispose()
