"""What Enter, Tab and Shift+Tab do on a line of Markdown: continue, end and indent lists and quotes.

Each function takes one line and returns an `Edit` in that line's own coordinates (its
replacement may hold newlines), so the editor applies it relative to the line as one undo step:

    enter(line, column, in_code=False) -> Edit   # always an edit: a new line, maybe with a marker
    indent(line) / outdent(line) -> Edit | None  # None: not a list item, the key does its usual;
                                                 #   the caret stays on its text (its selection
                                                 #   is where the edit ends)

Enter in `- item` gives a new `- ` item (`3.` gives `4.`, `- [x]` gives `- [ ]`, `> ` goes on
quoting); Enter on an item left empty ends the list with a blank line, so what is typed next is a
paragraph of its own (a nested empty item moves out one level instead). Nested items are indented
by four spaces: Python-Markdown, which renders the post, needs four.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.editing.formatting import Edit

INDENT = "    "

_QUOTE_PREFIX = re.compile(r"^ {0,3}>(?:[ \t]?>)*[ \t]?")
_LIST_MARKER = re.compile(
    r"(?P<indent>[ \t]*)(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})(?P<delimiter>[.)]))"
    r"(?P<space>[ \t]+)(?P<task>\[[ xX]\][ \t]+)?"
)


@dataclass(frozen=True)
class LinePrefix:
    """The block markers at the start of a line: quote markers, then a list marker."""

    quote: str  # "> " or "> > " or ""
    indent: str  # the list item's indentation (after the quote markers)
    marker: str  # "-", "*", "+", "3." or "3)", or "" when the line is not a list item
    space: str  # what separates the marker from the text
    task: str  # "[ ] " or "[x] " for a task item, else ""

    @property
    def length(self) -> int:
        return len(self.quote) + len(self.indent) + len(self.marker) + len(self.space) + len(self.task)

    @property
    def is_list_item(self) -> bool:
        return bool(self.marker)

    def next_item(self) -> str:
        """The prefix of the item that follows this one."""
        marker = self.marker
        if marker[:1].isdigit():
            marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
        if not marker:
            return self.quote
        task = "[ ] " if self.task else ""
        return self.quote + self.indent + marker + self.space + task


def line_prefix(line: str) -> LinePrefix:
    quote_match = _QUOTE_PREFIX.match(line)
    quote = quote_match.group(0) if quote_match else ""
    rest = line[len(quote):]
    item = _LIST_MARKER.match(rest)
    if item is None or (item.group("bullet") and _is_thematic_break(rest)):
        return LinePrefix(quote, "", "", "", "")
    marker = item.group("bullet") or item.group("number") + item.group("delimiter")
    return LinePrefix(quote, item.group("indent"), marker, item.group("space"), item.group("task") or "")


def _is_thematic_break(text: str) -> bool:
    """`---`, `* * *`: a horizontal rule, not a list item."""
    squeezed = text.replace(" ", "").replace("\t", "")
    return len(squeezed) >= 3 and len(set(squeezed)) == 1 and squeezed[0] in "-*_"


def enter(line: str, column: int, in_code: bool = False) -> Edit:
    """What Enter does with the caret at `column` of `line` (no selection)."""
    if in_code:
        leading = line[: len(line[:column]) - len(line[:column].lstrip(" \t"))]
        return _insert(column, "\n" + leading)
    prefix = line_prefix(line)
    if not (prefix.quote or prefix.is_list_item) or column < prefix.length:
        return _insert(column, "\n")
    if line[prefix.length:].strip():
        before = line[:column].rstrip(" \t") if column > prefix.length else line[:column]
        cut = len(before)
        replacement = "\n" + prefix.next_item()
        after_start = column + len(line[column:]) - len(line[column:].lstrip(" \t"))
        return Edit(cut, after_start, replacement, _caret(cut + len(replacement)))
    return _end_empty_item(line, prefix)


def _end_empty_item(line: str, prefix: LinePrefix) -> Edit:
    """Enter on an item (or quote line) with nothing written after its marker."""
    if prefix.is_list_item and prefix.indent:
        outdented = prefix.quote + _less_indented(prefix.indent) + prefix.marker + prefix.space
        return Edit(0, len(line), outdented, _caret(len(outdented)))
    if prefix.is_list_item and prefix.quote:
        return Edit(0, len(line), prefix.quote, _caret(len(prefix.quote)))
    # The list (or quote) ends: a blank line, then a fresh line for the next paragraph.
    return Edit(0, len(line), "\n", _caret(1))


def indent(line: str) -> Edit | None:
    """Tab on a list item: the item moves in one level (the caret stays on its text)."""
    prefix = line_prefix(line)
    if not prefix.is_list_item:
        return None
    at = len(prefix.quote)
    return Edit(at, at, INDENT, _caret(at + len(INDENT)))


def outdent(line: str) -> Edit | None:
    """Shift+Tab on a list item: the item moves out one level; None when it is not indented."""
    prefix = line_prefix(line)
    if not prefix.is_list_item or not prefix.indent:
        return None
    at = len(prefix.quote)
    kept = _less_indented(prefix.indent)
    return Edit(at, at + len(prefix.indent), kept, _caret(at + len(kept)))


def _less_indented(indentation: str) -> str:
    if indentation.endswith("\t"):
        return indentation[:-1]
    width = len(indentation) - len(indentation.rstrip(" "))
    return indentation[: len(indentation) - min(width, len(INDENT))]


def _insert(column: int, text: str) -> Edit:
    return Edit(column, column, text, _caret(column + len(text)))


def _caret(position: int) -> tuple[int, int]:
    return (position, position)
