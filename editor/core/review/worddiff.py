"""Word-level diffs of two revisions: the body as marked-up RTL HTML, and the details field by field."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from editor.core.errors import KtavError
from editor.core.models import Status
from editor.core.text import hebrew

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class DiffOp:
    """One step from the old text to the new: `old` and `new` are the texts it covers."""

    tag: str
    old: str
    new: str


def tokens(text: str) -> list[str]:
    """Words (a Hebrew word with its prefixes, an acronym, ב-2019 stay whole), spaces and marks.

    Joined back together they give `text` exactly.
    """
    words = hebrew.tokenize(text)
    folded = hebrew.fold_quotes(text)  # same length as text: tokenize() reads this form
    result: list[str] = []
    position = 0
    for word in words:
        start = folded.find(word, position)
        result.extend(_between_words(text[position:start]))
        result.append(text[start:start + len(word)])
        position = start + len(word)
    result.extend(_between_words(text[position:]))
    return result


def _between_words(text: str) -> list[str]:
    """Runs of white space, each other character on its own."""
    return re.findall(r"\s+|\S", text)


def diff_words(old: str, new: str) -> list[DiffOp]:
    """The word-level changes from `old` to `new`, unchanged paragraphs matched first."""
    old_parts, new_parts = _paragraph_parts(old), _paragraph_parts(new)
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, old_parts, new_parts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(old_parts[i1:i2]), "".join(new_parts[j1:j2])
        if tag == EQUAL or not old_text or not new_text:
            ops.append(DiffOp(tag, old_text, new_text))
        else:
            ops.extend(_diff_tokens(tokens(old_text), tokens(new_text)))
    return _merged(ops)


def _paragraph_parts(text: str) -> list[str]:
    """The text cut after each paragraph break, so that a part keeps its trailing blank lines."""
    parts, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


def _diff_tokens(old: list[str], new: list[str]) -> list[DiffOp]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops = [DiffOp(tag, "".join(old[i1:i2]), "".join(new[j1:j2]))
           for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    return _absorb_lone_spaces(ops)


def _absorb_lone_spaces(ops: list[DiffOp]) -> list[DiffOp]:
    """A space alone between two changes joins them: one change of two words reads better."""
    result: list[DiffOp] = []
    for n, op in enumerate(ops):
        between_changes = 0 < n < len(ops) - 1 and ops[n - 1].tag != EQUAL and ops[n + 1].tag != EQUAL
        if op.tag == EQUAL and between_changes and op.old.isspace() and "\n" not in op.old:
            result.append(DiffOp(REPLACE, op.old, op.new))
        else:
            result.append(op)
    return result


def _merged(ops: list[DiffOp]) -> list[DiffOp]:
    """Adjacent ops of the same kind joined; adjacent changes of any kind become one replace."""
    result: list[DiffOp] = []
    for op in ops:
        if not op.old and not op.new:
            continue
        if result and (result[-1].tag == op.tag or (result[-1].tag != EQUAL and op.tag != EQUAL)):
            last = result.pop()
            old, new = last.old + op.old, last.new + op.new
            tag = EQUAL if op.tag == EQUAL else (REPLACE if old and new else (INSERT if new else DELETE))
            result.append(DiffOp(tag, old, new))
        else:
            result.append(op)
    return result


def changed_words(ops: list[DiffOp]) -> list[tuple[str, str]]:
    """The (old, new) text of every change, for summaries and tests."""
    return [(op.old, op.new) for op in ops if op.tag != EQUAL]


def diff_html(old: str, new: str) -> str:
    """The body's diff as HTML: a `<p>` per paragraph with its direction, `<del>`/`<ins>` marks, escaped."""
    paragraphs: list[list[tuple[str | None, str]]] = [[]]
    for op in diff_words(old, new):
        if op.tag == EQUAL:
            _append(paragraphs, op.new, None)
        else:
            _append(paragraphs, op.old, "del")
            _append(paragraphs, op.new, "ins")
    body = "\n".join(_paragraph_html(p) for p in paragraphs if "".join(t for _, t in p).strip())
    return f'<div class="ktav-diff" dir="rtl" lang="he">\n{body}\n</div>'


def _append(paragraphs: list[list[tuple[str | None, str]]], text: str, mark: str | None) -> None:
    for n, piece in enumerate(_PARAGRAPH_BREAK.split(text)):
        if n:
            paragraphs.append([])
        if piece:
            paragraphs[-1].append((mark, piece))


def _paragraph_html(pieces: list[tuple[str | None, str]]) -> str:
    """One paragraph, in its own direction (an English paragraph reads left to right)."""
    direction = hebrew.text_direction("".join(text for _, text in pieces)) or "rtl"
    inner = []
    for mark, text in pieces:
        escaped = html.escape(text, quote=False).replace("\n", "<br>")
        inner.append(f"<{mark}>{escaped}</{mark}>" if mark else escaped)
    return f'<p dir="{direction}">{"".join(inner)}</p>'


# -- the details: everything but the body -----------------------------------------------------

DETAIL_FIELDS = (
    ("title", "כותרת"),
    ("lead", "פתיח"),
    ("author", "כותב/ת"),
    ("date", "תאריך"),
    ("tags", "תגיות"),
    ("slug", "כתובת"),
    ("status", "סטטוס"),
    ("related", "פוסטים קשורים"),
)


@dataclass(frozen=True)
class FieldChange:
    """A detail that differs between two revisions, as text, with its word diff."""

    field: str
    label_he: str
    old: str
    new: str
    ops: tuple[DiffOp, ...]


def diff_details(old: dict, new: dict, title_of: Callable[[int], str] | None = None) -> list[FieldChange]:
    """The details that changed between two revision snapshots (title, lead, tags, date, related…).

    `title_of` names a related post by id (the library's titles); without it ids are shown.
    """
    changes = []
    for name, label in DETAIL_FIELDS:
        before, after = _detail_text(name, old.get(name), title_of), _detail_text(name, new.get(name), title_of)
        if before != after:
            changes.append(FieldChange(name, label, before, after, tuple(diff_words(before, after))))
    return changes


def _detail_text(name: str, value, title_of) -> str:
    if value is None:
        return ""
    if name == "date":
        return _date_he(str(value))
    if name == "status":
        try:
            return Status(value).label_he
        except ValueError:
            return str(value)
    if name == "related":
        return "; ".join(_related_title(i, title_of) for i in value)
    if name == "tags":
        return ", ".join(value)
    return str(value)


def _related_title(post_id, title_of) -> str:
    if title_of is None:
        return f"#{post_id}"
    try:
        return title_of(post_id)
    except KtavError:  # a related post deleted since: still show which one it was
        return f"#{post_id}"


def _date_he(iso: str) -> str:
    """2019-12-23 → 23.12.2019, as the site shows dates."""
    parts = iso.split("-")
    return ".".join(reversed(parts)) if len(parts) == 3 else iso


def details_html(changes: list[FieldChange]) -> str:
    """The changed details as RTL HTML, a paragraph per field: its name, then its word diff."""
    if not changes:
        return '<p dir="rtl" class="ktav-details-diff">אין שינויים בפרטים</p>'
    rows = []
    for change in changes:
        cells = []
        for op in change.ops:
            if op.tag == EQUAL:
                cells.append(html.escape(op.new, quote=False))
            else:
                if op.old:
                    cells.append(f"<del>{html.escape(op.old, quote=False)}</del>")
                if op.new:
                    cells.append(f"<ins>{html.escape(op.new, quote=False)}</ins>")
        rows.append(f'<p dir="rtl" class="ktav-details-diff"><b>{html.escape(change.label_he)}:</b> '
                    f'{"".join(cells)}</p>')
    return "\n".join(rows)
