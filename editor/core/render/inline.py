"""Python-Markdown's inline step, without trying its patterns on a text none of them can match.

The stock step tries each of the fifteen inline patterns on every text of the tree, and most texts of
a post are plain prose (four in five in the sample corpus). Each pattern we know starts with a mark
(`[`, `*`, `<`, a backtick...), so a text without any of those marks comes out of every pattern as
it went in: it is left as it is. A pattern this table does not know, or whose expression is not the
one it knows, turns the shortcut off, and every text goes through every pattern as before.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# Each inline pattern's expression, as this Markdown writes it, and what any text it matches holds.
_NEEDS = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("`",)),
    "escape": (r"\\(.)", ("\\",)),
    "footnote": (r"\[\^([^\]]*)\]", ("[",)),
    "reference": (r"(?<!\!)\[", ("[",)),
    "link": (r"(?<!\!)\[", ("[",)),
    "image_link": (r"\!\[", ("[",)),
    "image_reference": (r"\!\[", ("[",)),
    "short_reference": (r"(?<!\!)\[", ("[",)),
    "short_image_ref": (r"\!\[", ("[",)),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (r"  \n", ("  \n",)),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
    "em_strong": (r"\*|_", ("*", "_")),
}
_HTML_STARTS = "(<("  # the raw HTML pattern's expression is long; every match opens with `<`


def marks_of(patterns) -> re.Pattern | None:
    """An expression that finds, in a text, a mark some pattern needs; None when a pattern is unknown."""
    needed: set[str] = set()
    for item in patterns._priority:
        pattern = patterns[item.name]
        expression = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
        if item.name == "html" and isinstance(expression, str) and expression.startswith(_HTML_STARTS):
            needed.add("<")
        elif item.name in _NEEDS and expression == _NEEDS[item.name][0]:
            needed.update(_NEEDS[item.name][1])
        else:
            return None
    return re.compile("|".join(re.escape(mark) for mark in sorted(needed, key=len, reverse=True)))


class QuickInlineProcessor(InlineProcessor):
    """The stock inline step; a text without a mark any pattern needs is left as it came."""

    def run(self, tree, ancestors=None):
        if not hasattr(self, "_marks"):  # the patterns are all registered by the first document
            self._marks = marks_of(self.inlinePatterns)
        return super().run(tree, ancestors)

    # The stock step's one place that tries the patterns on a text (a private method: kept by name).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N803 (its name)
        if self._marks is not None and not self._marks.search(data):
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


class QuickInlineExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)
