"""Source line numbers of the top-level blocks: recorded while parsing, put on as `data-line`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SPLIT_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hr"})


class SourceLines:
    """Per-document state: the source lines, where each parsed line came from, each block's line."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.source: list[str] = []
        self.origin: list[int] = []  # 1-based source line of each line the block parser sees
        self.records: list[tuple[int, int, int | None]] = []  # (root children before, line, split line)
        self.element_lines: dict[etree.Element, int] = {}

    def line_of(self, parsed_index: int) -> int:
        if 0 <= parsed_index < len(self.origin):
            return self.origin[parsed_index]
        return len(self.source) or 1


class SnapshotSource(Preprocessor):
    """Keeps the lines as written (after whitespace normalization), before any block is folded away."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.source = list(lines)
        return lines


class MapParsedLines(Preprocessor):
    """After fenced code and raw HTML became one placeholder line each, maps lines back to the source."""

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
    """Never handles a block; notes the source line of each top-level block before it is parsed.

    The parser hands blocks separated by a blank line; a processor that takes part of a block
    puts the rest back at the front, so the blocks still to parse are always the end of the text
    and their first line follows from counting lines from the end.
    """

    def __init__(self, parser, state: SourceLines) -> None:
        super().__init__(parser)
        self.state = state
        self._main: list[str] | None = None
        self._known: tuple[str, int, int] | None = None  # (first block, blocks, lines) of a known tail
        self._current = 1
        self._sub_lists: set[int] = set()

    def reset(self) -> None:
        self._main = None
        self._known = None
        self._current = 1
        self._sub_lists = set()

    def test(self, parent: etree.Element, block: str) -> bool:
        return parent is self.parser.root

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        if self._main is None:
            self._main = blocks
        if blocks is self._main:
            first = len(self.state.origin) - self._tail_lines(blocks)
            self._current = self.state.line_of(first)
            self.state.records.append((len(parent), self._current, None))
        elif id(blocks) not in self._sub_lists:
            # A processor parses the part of the current block before its own element (a heading,
            # a rule); its own element then starts after that part.
            self._sub_lists.add(id(blocks))
            split_line = self._current + blocks[0].count("\n") + 1
            self.state.records.append((len(parent), self._current, split_line))
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
        self._known = (blocks[1], len(blocks) - 1, total - head_lines - 1) if len(blocks) > 1 else None
        return total


class MarkBlockLines(Treeprocessor):
    """Maps each top-level element to its source line (read by the checks for their warnings)."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        children = list(root)
        lines: list[int | None] = [None] * len(children)
        records = self.state.records
        for n, (start, line, _) in enumerate(records):
            end = records[n + 1][0] if n + 1 < len(records) else len(children)
            for k in range(start, min(end, len(children))):
                lines[k] = line
        for n, (start, _, split_line) in enumerate(records):
            if split_line is None:
                continue
            last = next((r[0] for r in records[n + 1 :] if r[2] is None), len(children)) - 1
            if start <= last < len(children) and children[last].tag in _SPLIT_ELEMENTS:
                lines[last] = split_line
        self.state.element_lines = {
            element: line for element, line in zip(children, lines) if line is not None
        }


class WriteBlockLines(Treeprocessor):
    """Writes each top-level block's line as `data-line` (registered only for the preview)."""

    def __init__(self, md, state: SourceLines) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        for element, line in self.state.element_lines.items():
            self._put_line(element, line)

    def _put_line(self, element: etree.Element, line: int) -> None:
        match = HTML_PLACEHOLDER_RE.fullmatch((element.text or "").strip()) if element.tag == "p" else None
        if match and len(element) == 0:
            # A raw HTML block (or highlighted code) replaces its placeholder paragraph as a whole,
            # so the line goes on a wrapper around the stored HTML.
            index = int(match.group(1))
            stash = self.md.htmlStash.rawHtmlBlocks
            raw_html = self.md.postprocessors["raw_html"]
            if index < len(stash) and isinstance(stash[index], str) and raw_html.isblocklevel(stash[index]):
                stash[index] = f'<div data-line="{line}">{stash[index]}</div>'
                return
        element.set("data-line", str(line))
