"""Typography that respects Hebrew: dashes and ellipses become typographic, quotes stay as written.

Quotes are never curled: in Hebrew an ASCII `"` between letters is gershayim (רש"י) and `'`
after a letter is geresh (צ'), and a writer's quotation marks are kept as typed. Digits and
ranges (4-5) are left alone, and so is everything inside code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

_SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
_LETTER = r"[^\W\d_][\u0591-\u05c7\u0300-\u036f]*"  # a letter with its niqqud or accents
_RULES = [
    (re.compile(r"(?<!\.)\.\.\.(?!\.)"), "\u2026"),
    (re.compile(r"(?<=\S) --- (?=\S)"), " \u2014 "),
    (re.compile(r"(?<=\S) -- (?=\S)"), " \u2013 "),
    (re.compile(rf"({_LETTER}) - (?=[^\W\d_])"), "\\1 \u2013 "),
]
_TRIGGERS = ("...", " -")
_SPACED_DASH = re.compile(" -{1,3} ")  # starts with a literal: a fast scan of the whole document


def typeset(text: str) -> str:
    """`text` with ` -- `, ` --- `, ` - ` between words and `...` made typographic."""
    if not any(t in text for t in _TRIGGERS):
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _typeset_node(text: str | None) -> str | None:
    if not text or isinstance(text, AtomicString):
        return text
    return typeset(text)


class HebrewTypography(Treeprocessor):
    """Applies `typeset` to the text of every element outside code."""

    def run(self, root: etree.Element) -> None:
        source = "\n".join(self.md.lines)
        if "..." not in source and not _SPACED_DASH.search(source):
            return  # nothing to typeset anywhere in the document
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        for child in element:
            if child.tag not in _SKIPPED:
                child.text = _typeset_node(child.text)
                self._walk(child)
            child.tail = _typeset_node(child.tail)
