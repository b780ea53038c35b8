"""Source line numbers of the top-level blocks: recorded while parsing, put on as `data-line`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor, HRProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ATX_HEADING = re.compile(r"#{1,6}")


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
            origin.append(min(j + 1, last))  # a blank line the preprocessors added
            continue
        while j < len(source) - 1 and not source[j].strip():
            j += 1
        origin.append(min(j + 1, last))
        j = _end_of_region(source, j, stash, int(placeholder.group(1)))
    return origin


def _end_of_region(source: list[str], start: int, stash: list, index: int) -> int:
    """The index after the source lines that one placeholder replaced, starting at `start`."""
    fence = _FENCE_OPEN.match(source[start]) if start < len(source) else None
    if fence:
        marker = fence.group(1)
        for k in range(start + 1, len(source)):
            if source[k].startswith(marker) and not source[k].strip(marker[0] + " "):
                return k + 1
        return len(source)
    raw = stash[index] if index < len(stash) and isinstance(stash[index], str) else ""
    return start + raw.strip("\n").count("\n") + 1


class TrackBlocks(BlockProcessor):
    """Never handles a block; notes where each top-level block starts, before it is parsed.

    The parser hands blocks separated by a blank line; a processor that takes the start of a
    block puts the rest back at the front, so the blocks still to parse are always the end of the
    text and the first one's line follows from counting lines from the end.
    """

    def __init__(self, parser, state: SourceLines) -> None:
        super().__init__(parser)
        self.state = state
        self.reset()

    def reset(self) -> None:
        self._main: list[str] | None = None
        self._known: tuple[str, int, int] | None = None  # (first block, blocks, lines) of a tail

    def test(self, parent: etree.Element, block: str) -> bool:
        return parent is self.parser.root

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        if self._main is None:
            self._main = blocks
        if blocks is self._main:  # not a processor parsing part of a block on its own
            first = len(self.state.origin) - self._tail_lines(blocks)
            self.state.records.append((len(parent), first, blocks[0]))
        return False

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

    One block of text can give several elements: a paragraph, then a heading or a rule that
    interrupts it. Those are found on the block's lines in order.
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
            block_lines = block.split("\n")
            offset = 0
            for k in range(start, end):
                pattern = _interrupting_line(children[k].tag)
                if pattern is not None and k > start:
                    found = (m for m in range(offset, len(block_lines)) if pattern.match(block_lines[m]))
                    offset = next(found, offset)
                element_lines[children[k]] = self.state.line_of(first + offset)
                if pattern is not None:
                    offset += 1


def _interrupting_line(tag: str) -> re.Pattern | None:
    if tag in _HEADINGS:
        return _ATX_HEADING
    return HRProcessor.SEARCH_RE if tag == "hr" else None


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
