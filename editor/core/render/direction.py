"""Each block gets the direction its text needs, in a page that is right-to-left by default."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from editor.core.text.hebrew import text_direction

PAGE_DIRECTION = "rtl"
# Blocks whose direction is decided by their own text (nested lists excluded).
_LEAF_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption", "figcaption"}
)
# Blocks that hold other blocks: decided by all the text inside, so an English list or quote
# puts its markers and indentation on the left.
_CONTAINERS = frozenset({"blockquote", "ul", "ol", "dl", "table", "div", "figure"})
_NESTED_IN_LEAF = frozenset({"ul", "ol", "pre", "table", "blockquote", "div", "dl"})
_BLOCK_CHILDREN = _NESTED_IN_LEAF | _LEAF_BLOCKS | {"hr"}
# Blocks that hold only text and inline elements.
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "dt", "caption"})
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
# The letters `text_direction` counts as Hebrew and as Latin.
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def direction_of(text: str) -> str | None:
    """`hebrew.text_direction(text)`, without counting words when only one script is present."""
    if not _LATIN_LETTER.search(text):
        return "rtl" if _HEBREW_LETTER.search(text) else None
    if not _HEBREW_LETTER.search(text):
        return "ltr"
    return text_direction(text)


def _text(element: etree.Element, skip: frozenset[str]) -> str:
    """The words of `element` that set its direction: not code, not the `skip` children."""
    if not len(element):
        text = element.text or ""
    else:
        parts = [element.text or ""]
        for child in element:
            if child.tag != "code" and child.tag not in skip:
                parts.append(_text(child, skip))
            parts.append(child.tail or "")
        text = " ".join(parts)
    return _PLACEHOLDER.sub(" ", text) if "\x02" in text else text


class BlockDirection(Treeprocessor):
    """Sets `dir` where a block's text needs another direction than the one it inherits.

    Code is always left-to-right (`pre`, and inline `code`, which isolates it inside a Hebrew
    sentence without changing the sentence). A block without letters keeps the inherited direction;
    a `dir` the writer set (`{: dir=ltr }`) is kept. A list item keeps its list's direction, so
    all markers stay on one side; an item written in the other language gets its words
    wrapped in a `span` with their direction.
    """

    def run(self, root: etree.Element) -> None:
        self._walk(root, PAGE_DIRECTION)

    def _walk(self, parent: etree.Element, inherited: str) -> None:
        for child in list(parent):
            tag = child.tag
            if tag in ("pre", "code"):
                child.set("dir", "ltr")
                continue
            direction = inherited
            if tag in _LEAF_BLOCKS or tag in _CONTAINERS:
                written = child.get("dir")
                if written in ("ltr", "rtl"):
                    direction = written
                else:
                    skip = _NESTED_IN_LEAF if tag in _LEAF_BLOCKS else frozenset()
                    direction = direction_of(_text(child, skip)) or inherited
                    if direction != inherited and tag == "li":
                        _wrap_item_words(child, direction)
                        direction = inherited
                    elif direction != inherited:
                        child.set("dir", direction)
            if not len(child):
                continue
            if tag in _TEXT_BLOCKS:
                for code in child.iter("code"):  # no blocks inside: only inline code to mark
                    code.set("dir", "ltr")
            else:
                self._walk(child, direction)


def _wrap_item_words(item: etree.Element, direction: str) -> None:
    """Moves the words of a list item (up to its first block, e.g. a nested list) into a span."""
    words = []
    for child in item:
        if child.tag in _BLOCK_CHILDREN:
            break
        words.append(child)
    if not (item.text or "").strip() and not words:
        return  # a loose item: its paragraphs get their own direction
    span = etree.Element("span", {"dir": direction})
    span.text, item.text = item.text, None
    for child in words:
        item.remove(child)
        span.append(child)
    item.insert(0, span)
