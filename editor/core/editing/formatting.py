"""Markdown formatting edits on plain text and a selection: emphasis, links, headings, lists, quotes.

Every function takes the whole text and a selection (Python indices, start <= end) and returns
an `Edit`: one region to replace and the selection afterwards, so the editor applies it as a
single undo step. Nothing here knows about Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD = "**"
ITALIC = "*"
CODE = "`"
LINK_PLACEHOLDER = "https://"

# Letters with their niqqud, digits, and the marks inside a word (רש"י, צ'יפס, don't).
_WORD_CHAR = re.compile(r"[^\W_]|[\u0591-\u05c7\u0300-\u036f]")
_INNER_WORD_MARK = "'\"\u05f3\u05f4\u2019"
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_BULLET = re.compile(r"^(\s*)[-*+][ \t]+")
_NUMBER = re.compile(r"^(\s*)\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LINK_AROUND = re.compile(r"\[([^\[\]\n]*)\]\(([^()\n]*)\)")


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement`; afterwards select selection[0]..selection[1]."""

    start: int
    end: int
    replacement: str
    selection: tuple[int, int]

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


def word_at(text: str, position: int) -> tuple[int, int]:
    """The word touching `position` (letters with niqqud, inner quotes of acronyms), or (p, p)."""

    def is_word_char(index: int) -> bool:
        return 0 <= index < len(text) and bool(_WORD_CHAR.match(text[index]))

    def is_inner_mark(index: int) -> bool:
        return (
            0 <= index < len(text)
            and text[index] in _INNER_WORD_MARK
            and is_word_char(index - 1)
            and is_word_char(index + 1)
        )

    start = position
    while is_word_char(start - 1) or is_inner_mark(start - 1):
        start -= 1
    end = position
    while is_word_char(end) or is_inner_mark(end):
        end += 1
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _run_length(text: str, index: int, char: str, step: int) -> int:
    count = 0
    while 0 <= index < len(text) and text[index] == char:
        count += 1
        index += step
    return count


def _has_emphasis(text: str, start: int, end: int, marker: str) -> bool:
    """Whether text[start:end] is directly wrapped in `marker` (bold and italic share '*')."""
    if marker == CODE:
        return text[start - 1 : start] == CODE and text[end : end + 1] == CODE
    stars = min(_run_length(text, start - 1, "*", -1), _run_length(text, end, "*", 1))
    return stars >= 2 if marker == BOLD else stars % 2 == 1


def _core(text: str, start: int, end: int, marker: str) -> tuple[int, int]:
    """The span without marker characters at its ends (a selection may or may not hold them)."""
    char = marker[0]
    core_start, core_end = start, end
    while core_start < core_end and text[core_start] == char:
        core_start += 1
    while core_end > core_start and text[core_end - 1] == char:
        core_end -= 1
    return (core_start, core_end) if core_start < core_end else (start, end)


def toggle_wrap(text: str, sel_start: int, sel_end: int, marker: str) -> Edit:
    """Wrap the selection (or the word at the cursor) in `marker`, or unwrap it when already wrapped.

    With no selection and no word under the cursor, inserts a pair of markers with the cursor
    between them. A selection across lines is wrapped line by line (emphasis ends at a paragraph).
    The selection may include the markers or not.
    """
    if sel_start == sel_end:
        sel_start, sel_end = word_at(text, sel_start)
        if sel_start == sel_end:
            caret = sel_start + len(marker)
            return Edit(sel_start, sel_start, marker * 2, (caret, caret))
    spans = [_core(text, s, e, marker) for s, e in _line_spans(text, sel_start, sel_end)]
    if not spans:
        return Edit(sel_start, sel_end, text[sel_start:sel_end], (sel_start, sel_end))
    size = len(marker)
    unwrap = all(_has_emphasis(text, s, e, marker) for s, e in spans)
    lo = min(sel_start, spans[0][0] - size) if unwrap else min(sel_start, spans[0][0])
    hi = max(sel_end, spans[-1][1] + size) if unwrap else max(sel_end, spans[-1][1])
    pieces, cursor, selected = [], lo, []
    for s, e in spans:
        if unwrap:
            pieces.append(text[cursor : s - size])
            cursor = e + size
        elif _has_emphasis(text, s, e, marker):
            continue
        else:
            pieces.append(text[cursor:s] + marker)
            cursor = e
        start = lo + sum(len(p) for p in pieces)
        pieces.append(text[s:e] + ("" if unwrap else marker))
        selected.append((start, start + e - s))
    pieces.append(text[cursor:hi])
    replacement = "".join(pieces)
    if len(spans) == 1 and selected:
        return Edit(lo, hi, replacement, selected[0])
    return Edit(lo, hi, replacement, (lo, lo + len(replacement)))


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The selection cut at line ends, each part without surrounding spaces; empty parts dropped."""
    spans, position = [], start
    for line in text[start:end].split("\n"):
        span = _trimmed(text, position, position + len(line))
        if span[0] < span[1]:
            spans.append(span)
        position += len(line) + 1
    return spans


def toggle_link(text: str, sel_start: int, sel_end: int, url: str = "") -> Edit:
    """Turn the selection (or word) into `[label](url)` and select the address to type over.

    Inside an existing link, removes the link and keeps its label. A selection that is itself an
    address becomes `[](address)` with the cursor where the label goes.
    """
    for match in _LINK_AROUND.finditer(text, max(0, text.rfind("\n", 0, sel_start) + 1)):
        if match.start() > sel_start:
            break
        is_image = text[match.start() - 1 : match.start()] == "!"
        if match.start() <= sel_start and sel_end <= match.end() and not is_image:
            label = match.group(1)
            return Edit(match.start(), match.end(), label, (match.start(), match.start() + len(label)))
    if sel_start == sel_end:
        sel_start, sel_end = word_at(text, sel_start)
    start, end = _trimmed(text, sel_start, sel_end) if sel_start != sel_end else (sel_start, sel_end)
    selected = text[start:end]
    if re.fullmatch(r"(?:https?://|mailto:)\S+", selected):
        replacement = f"[]({selected})"
        return Edit(start, end, replacement, (start + 1, start + 1))
    target = url or LINK_PLACEHOLDER
    replacement = f"[{selected}]({target})"
    url_start = start + len(selected) + 3
    return Edit(start, end, replacement, (url_start, url_start + len(target)))


def _line_span(text: str, sel_start: int, sel_end: int) -> tuple[int, int]:
    """Start of the first and end of the last line the selection touches."""
    if sel_end > sel_start and text[sel_end - 1 : sel_end] == "\n":
        sel_end -= 1  # a selection ending at a line start does not include that line
    start = text.rfind("\n", 0, sel_start) + 1
    end = text.find("\n", sel_end)
    return start, len(text) if end == -1 else end


def _edit_lines(text: str, sel_start: int, sel_end: int, rewrite) -> Edit:
    """Rewrite each line the selection touches; the selection keeps its place in the text."""
    start, end = _line_span(text, sel_start, sel_end)
    old_lines = text[start:end].split("\n")
    new_lines = rewrite(old_lines)

    def moved(position: int) -> int:
        line_index = text.count("\n", start, position)
        line_start = start + sum(len(line) + 1 for line in old_lines[:line_index])
        column = position - line_start
        delta = len(new_lines[line_index]) - len(old_lines[line_index])
        new_line_start = start + sum(len(line) + 1 for line in new_lines[:line_index])
        return new_line_start + max(0, column + delta)

    replacement = "\n".join(new_lines)
    if sel_start == sel_end:
        caret = moved(sel_start)
        return Edit(start, end, replacement, (caret, caret))
    return Edit(start, end, replacement, (start, start + len(replacement)))


def _strip_block_prefix(line: str) -> str:
    for pattern in (_HEADING, _BULLET, _NUMBER, _QUOTE):
        match = pattern.match(line)
        if match:
            return line[match.end() :]
    return line


def set_heading(text: str, sel_start: int, sel_end: int, level: int) -> Edit:
    """Make the touched lines headings of `level` (1-6); lines already at that level become text."""

    def rewrite(lines: list[str]) -> list[str]:
        levels = [len(m.group(1)) if (m := _HEADING.match(line)) else 0 for line in lines]
        if all(found == level for found, line in zip(levels, lines) if line.strip()):
            return [_HEADING.sub("", line, count=1) for line in lines]
        prefix = "#" * level + " "
        return [prefix + _strip_block_prefix(line) if line.strip() else line for line in lines]

    return _edit_lines(text, sel_start, sel_end, rewrite)


def toggle_bullets(text: str, sel_start: int, sel_end: int) -> Edit:
    """Make the touched lines a bulleted list ("- "), or plain lines when they all are bullets."""

    def rewrite(lines: list[str]) -> list[str]:
        content = [line for line in lines if line.strip()]
        if content and all(_BULLET.match(line) for line in content):
            return [_BULLET.sub(r"\1", line, count=1) for line in lines]
        return ["- " + _strip_block_prefix(line) if line.strip() else line for line in lines]

    return _edit_lines(text, sel_start, sel_end, rewrite)


def toggle_numbers(text: str, sel_start: int, sel_end: int) -> Edit:
    """Make the touched lines a numbered list (1., 2., ...), or plain lines when they all are."""

    def rewrite(lines: list[str]) -> list[str]:
        content = [line for line in lines if line.strip()]
        if content and all(_NUMBER.match(line) for line in content):
            return [_NUMBER.sub(r"\1", line, count=1) for line in lines]
        result, number = [], 0
        for line in lines:
            if line.strip():
                number += 1
                result.append(f"{number}. " + _strip_block_prefix(line))
            else:
                result.append(line)
        return result

    return _edit_lines(text, sel_start, sel_end, rewrite)


def toggle_quote(text: str, sel_start: int, sel_end: int) -> Edit:
    """Quote the touched lines ("> "), or unquote them when they all are quoted."""

    def rewrite(lines: list[str]) -> list[str]:
        content = [line for line in lines if line.strip()]
        if content and all(_QUOTE.match(line) for line in content):
            return [_QUOTE.sub("", line, count=1) for line in lines]
        return ["> " + line if line.strip() else ">" for line in lines]

    return _edit_lines(text, sel_start, sel_end, rewrite)


def image_markdown(uri: str, alt: str, caption: str = "") -> str:
    """`![alt](uri)`, or `![alt](uri "caption")`; brackets in the alt are escaped. Quotes inside the
    caption (רש"י) stay as written: Python-Markdown's title ends at the last quote."""
    one_line = " ".join
    safe_alt = one_line(alt.split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if not caption.strip():
        return f"![{safe_alt}]({uri})"
    safe_caption = one_line(caption.split()).strip('"')
    return f'![{safe_alt}]({uri} "{safe_caption}")'


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]*\|[^|\n]*\|")


def _after_table(text: str, position: int) -> int:
    """A position on a table row moves to the table's last row: nothing goes inside a table."""
    line_end = text.find("\n", position)
    while line_end != -1:
        next_end = text.find("\n", line_end + 1)
        following = text[line_end + 1 : len(text) if next_end == -1 else next_end]
        if not (following.strip() and _TABLE_ROW.match(following)):
            break
        position, line_end = line_end + 1, next_end
    return position


def insert_block(text: str, position: int, block: str) -> Edit:
    """Insert `block` as a paragraph of its own: after the line at `position` (after the whole table
    when that line is a table row), blank lines around it."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    if _TABLE_ROW.match(text[line_start : len(text) if line_end == -1 else line_end]):
        position = _after_table(text, position)
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:line_end].strip():
        at, lead = line_end, "\n\n"
        after = text[at:]
        tail = "\n" if after.startswith("\n") and after[1:].strip() and not after.startswith("\n\n") else ""
    else:
        at = line_start
        lead = "" if line_start == 0 or text[:line_start].endswith("\n\n") else "\n"
        after = text[at:].lstrip(" \t")
        tail = "\n" if after.strip() and not after.startswith("\n\n") else ""
    replacement = lead + block + tail
    caret = at + len(lead) + len(block)
    return Edit(at, at, replacement, (caret, caret))


def insert_pasted(text: str, sel_start: int, sel_end: int, pasted: str) -> Edit:
    """Pasted Markdown in place of the selection: one line goes inline; blocks (paragraphs, lists,
    headings) are set apart from the text around them by blank lines, so each stays a block."""
    pasted = pasted.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in pasted.strip("\n"):
        pasted = pasted.strip("\n")
        return Edit(sel_start, sel_end, pasted, (sel_start + len(pasted),) * 2)
    pasted = pasted.strip("\n")
    before, after = text[:sel_start], text[sel_end:]
    line_before = before[before.rfind("\n") + 1:]
    line_after = after.split("\n", 1)[0]
    lead = ""
    if line_before.strip():
        lead = "\n\n"
    elif before.strip() and not before.rstrip(" \t").endswith("\n\n"):
        lead = "\n"
    tail = ""
    if line_after.strip():
        tail = "\n\n"
    elif after.strip() and not after.lstrip(" \t").startswith("\n\n"):
        tail = "\n" if after.lstrip(" \t").startswith("\n") else "\n\n"
    replacement = lead + pasted + tail
    caret = sel_start + len(lead) + len(pasted)
    return Edit(sel_start, sel_end, replacement, (caret, caret))
