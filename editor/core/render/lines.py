"""Source line numbers of the top-level blocks: recorded while parsing, put on as `data-line`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import deque

from markdown.blockprocessors import BlockProcessor, HRProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from editor.core.text.markdown_source import closes_fence, fence_opening

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_OPENING_LINE = {
    "blockquote": re.compile(r" {0,3}>"),
    "ul": re.compile(r" {0,3}[*+-][ \t]"),
    "ol": re.compile(r" {0,3}\d+[.)][ \t]"),
    "hr": HRProcessor.SEARCH_RE,
}


class SourceLines:
    """Per-document state: the source lines, where each parsed line came from, each block's line."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.source: list[str] = []
        self.origin: list[int] = []  # 1-based source line of each line the block parser sees
        self.records: list[tuple[int, int, str]] = []  # (root children before, parsed line, block)
        self.element_lines: dict[etree.Element, int] = {}

    def line_of(self, parsed_index: int) -> int:
        if 0 <= parsed_index < len(self.origin):
            return self.origin[parsed_index]
        return len(self.source) or 1


class SnapshotSource(Preprocessor):
    """Keeps the lines as written (whitespace normalized) before any block is folded away."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.source = list(lines)
        return lines


class MapParsedLines(Preprocessor):
    """Once fenced code and raw HTML are placeholder lines, maps each line back to the source."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.origin = align(self.state.source, lines, self.md.htmlStash.rawHtmlBlocks)
        return lines


def align(source: list[str], parsed: list[str], stash: list) -> list[int]:
    """For each parsed line, the 1-based source line it stands for.

    Parsed lines equal source lines except where a run of source lines (a fenced code block, a
    raw HTML block) was replaced by a placeholder line, padded with blank lines.
    """
    if source == parsed:
        return list(range(1, len(source) + 1))
    last = max(len(source), 1)
    origin: list[int] = []
    j = 0
    for line in parsed:
        if j < len(source) and line == source[j]:
            origin.append(j + 1)
            j += 1
            continue
        placeholder = HTML_PLACEHOLDER_RE.search(line)
        if not placeholder:
            if line.strip() and j < len(source):  # a source line a preprocessor rewrote (unclosed.py)
                origin.append(j + 1)
                j += 1
            else:
                origin.append(min(j + 1, last))  # a blank line the preprocessors added
            continue
        while j < len(source) - 1 and not source[j].strip():
            j += 1
        origin.append(min(j + 1, last))
        j = _end_of_region(source, j, stash, int(placeholder.group(1)))
    return origin


def _end_of_region(source: list[str], start: int, stash: list, index: int) -> int:
    """The index after the source lines that one placeholder replaced, starting at `start`."""
    fence = fence_opening(source[start]) if start < len(source) else None
    if fence:
        for k in range(start + 1, len(source)):
            if closes_fence(source[k], fence):
                return k + 1
        return len(source)
    raw = stash[index] if index < len(stash) and isinstance(stash[index], str) else ""
    return start + raw.strip("\n").count("\n") + 1


class TrackBlocks(BlockProcessor):
    """Never handles a block; notes where each top-level block starts, before it is parsed.

    The parser hands blocks separated by a blank line; their lines follow from counting from
    the end, since the blocks still to parse are the end of the text. A processor that takes
    part of a block (a heading, a footnote or link definition) puts the other parts back in
    front: those are found inside the block they came from.
    """

    _RECENT = 8  # blocks a put-back part is searched in (parts of parts of a block)

    def __init__(self, parser, state: SourceLines) -> None:
        super().__init__(parser)
        self.state = state
        self.reset()

    def reset(self) -> None:
        self._main: list[str] | None = None
        self._known: tuple[str, int, int] | None = None  # (first block, blocks, lines) of a tail
        self._recent: deque[tuple[str, int]] = deque(maxlen=self._RECENT)  # blocks and lines

    def test(self, parent: etree.Element, block: str) -> bool:
        return parent is self.parser.root

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        if self._main is None:
            self._main = blocks
        if blocks is not self._main:  # a processor parsing part of a block on its own
            return False
        known = self._known
        is_next_as_split = known is not None and blocks[0] is known[0] and len(blocks) == known[1]
        first = None if is_next_as_split else self._inside_recent(blocks[0])
        if first is None:
            first = len(self.state.origin) - self._tail_lines(blocks)
        self._recent.append((blocks[0], first))
        self.state.records.append((len(parent), first, blocks[0]))
        return False

    def _inside_recent(self, block: str) -> int | None:
        """The line of `block` if it is a part put back from one of the recent blocks."""
        if not block.strip():
            return None
        for whole, first in reversed(self._recent):
            index = len(whole) - len(block) if whole.endswith(block) else whole.find(block)
            if index >= 0 and whole is not block:
                return first + whole.count("\n", 0, index)
        return None

    def _tail_lines(self, blocks: list[str]) -> int:
        head_lines = blocks[0].count("\n") + 1
        known = self._known
        if known and blocks[0] is known[0] and len(blocks) == known[1]:
            total = known[2]
        elif known and len(blocks) > 1 and blocks[1] is known[0] and len(blocks) - 1 == known[1]:
            total = head_lines + 1 + known[2]
        else:
            total = sum(b.count("\n") + 1 for b in blocks) + len(blocks) - 1
        rest = total - head_lines - 1
        self._known = (blocks[1], len(blocks) - 1, rest) if len(blocks) > 1 else None
        return total


class MarkBlockLines(Treeprocessor):
    """Maps each top-level element to its source line (read by the checks for their warnings).

    One block of text can give several elements: a paragraph, then a heading, a rule or a quote
    that interrupts it, or a list after a link definition. They are found on the block's lines in
    order: a paragraph or heading by its first line of text (still the Markdown as written at
    this stage), the others by how their first line looks.
    """

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        children = list(root)
        element_lines = self.state.element_lines
        records = self.state.records
        for n, (start, first, block) in enumerate(records):
            end = min(records[n + 1][0] if n + 1 < len(records) else len(children), len(children))
            block_lines: list[str] | None = None
            offset = 0
            for k in range(start, end):
                element = children[k]
                found = _first_line_finder(element)
                if found is not None and not (offset == 0 and found(block.partition("\n")[0])):
                    block_lines = block_lines or block.split("\n")
                    lines = range(offset, len(block_lines))
                    offset = next((m for m in lines if found(block_lines[m])), offset)
                element_lines[element] = self.state.line_of(first + offset)
                if element.tag in _HEADINGS or element.tag == "hr":
                    offset += 1


def _first_line_finder(element: etree.Element):
    """A test for the source line an element starts on, or None to keep the current line."""
    tag = element.tag
    if tag in _HEADINGS or tag == "p":
        opening = (element.text or "").split("\n", 1)[0].strip()
        return (lambda line: _written_text(line) == opening) if opening else None
    if tag == "table":
        return lambda line: "|" in line
    return _OPENING_LINE[tag].match if tag in _OPENING_LINE else None


def _written_text(line: str) -> str:
    """A line's text without the marks of an ATX heading."""
    return line.strip().lstrip("#").rstrip("#").strip()


class WriteBlockLines(Treeprocessor):
    """Writes each top-level block's line as `data-line` (registered only for the preview)."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        for element, line in self.state.element_lines.items():
            self._put_line(element, line)

    def _put_line(self, element: etree.Element, line: int) -> None:
        text = (element.text or "").strip() if element.tag == "p" and not len(element) else ""
        match = HTML_PLACEHOLDER_RE.fullmatch(text) if text else None
        if match:
            # A raw HTML block (or highlighted code) replaces its placeholder paragraph as a whole,
            # so the line goes on a wrapper around the stored HTML.
            index = int(match.group(1))
            stash = self.md.htmlStash.rawHtmlBlocks
            raw = stash[index] if index < len(stash) else None
            if isinstance(raw, str) and self.md.postprocessors["raw_html"].isblocklevel(raw):
                stash[index] = f'<div data-line="{line}">{stash[index]}</div>'
                return
        element.set("data-line", str(line))
