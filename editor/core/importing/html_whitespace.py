"""Whitespace of foreign HTML as a browser shows it: collapsed, never doubled, never lost between words.

Spaces are a matter of the whole line, not of one tag: `<span>שלום </span><span> עולם</span>` shows
one space, `<span>שלום</span><span>עולם</span>` none; `&nbsp;` is a space; bidi controls go.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from bs4 import NavigableString, Tag

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "[document]",
})
# LRM, RLM, ALM, the embeddings/overrides and the isolates; not ZWJ/ZWNJ, which belong to words.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\n\r\f\u00a0]+")
_BLANK = " \t\n\r\f\u00a0"


def is_block(node) -> TypeGuard[Tag]:
    return isinstance(node, Tag) and node.name in BLOCKS


def attribute(tag: Tag, name: str) -> str:
    """An attribute's value as text ("" when missing; a class list joined by spaces)."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def drop_edge_breaks(root: Tag) -> None:
    """A `<br>` at the start or end of a block, or between blocks, shows as nothing in a browser."""
    for br in root.find_all("br"):
        before, after = _content_sibling(br, -1), _content_sibling(br, 1)
        if before is None or is_block(before) or after is None or is_block(after):
            br.decompose()


def _content_sibling(node, step: int):
    sibling = node.previous_sibling if step < 0 else node.next_sibling
    while isinstance(sibling, NavigableString) and not sibling.strip(_BLANK):
        sibling = sibling.previous_sibling if step < 0 else sibling.next_sibling
    return sibling


def normalize_whitespace(root: Tag) -> None:
    """Runs of spaces collapsed, one space where two tags' texts meet with a space on both sides,
    none at the start or end of a line or block; `<pre>` keeps its spaces."""
    _Line().walk(root)


class _Line:
    """The text of the line being walked: whether it has started, and its last text node."""

    def __init__(self) -> None:
        self.started = False
        self.last: NavigableString | None = None

    def walk(self, node: Tag) -> None:
        for child in list(node.children):
            if isinstance(child, NavigableString):
                self.text(child)
            elif not isinstance(child, Tag):
                continue
            elif child.name == "pre":
                self.end()
                for text in child.find_all(string=True):
                    _replace_text(text, BIDI_CONTROLS.sub("", str(text)).replace("\u00a0", " "))
            elif child.name == "img":
                self.started, self.last = True, None
            elif child.name == "br" or is_block(child):
                self.end()
                self.walk(child)
                self.end()
            else:
                self.walk(child)
        if is_block(node):
            self.end()

    def text(self, node: NavigableString) -> None:
        text = _SPACES.sub(" ", BIDI_CONTROLS.sub("", str(node)))
        if not self.started or (self.last is not None and self.last.endswith(" ")):
            text = text.lstrip(" ")
        if not text:
            node.extract()
            return
        self.started = True
        self.last = _replace_text(node, text)

    def end(self) -> None:
        if self.last is not None and self.last.endswith(" "):
            _replace_text(self.last, self.last.rstrip(" "))
        self.started, self.last = False, None


def _replace_text(node: NavigableString, text: str) -> NavigableString:
    if text == str(node):
        return node
    replacement = NavigableString(text)
    node.replace_with(replacement)
    return replacement
