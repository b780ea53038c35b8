"""A three-way merge of a post's body paragraph by paragraph, done by libgit2's file merge.

Each paragraph (and each run of blank lines between them) becomes one line of a stand-in text,
so libgit2's line merge (`Repository.merge_file_from_index`) merges paragraphs: two sides that
changed different paragraphs merge cleanly (the unchanged blank-line lines keep them apart);
where both changed the same paragraph, ours is kept and the merge says it met a conflict. Every
stand-in line starts with a mark, so libgit2's conflict markers can never be taken for text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pygit2

_BREAK = re.compile(r"(\n(?:[ \t]*\n)+)")
_TEXT, _GAP = "\x01", "\x02"
_PARAGRAPH_GAP = "\n\n"


@dataclass(frozen=True)
class TextMerge:
    text: str
    conflict: bool  # a paragraph was changed on both sides: ours was kept


def _encode(body: str) -> str:
    lines = []
    for index, piece in enumerate(_BREAK.split(body)):
        escaped = piece.replace("\\", "\\\\").replace("\n", "\\n")
        lines.append((_TEXT if index % 2 == 0 else _GAP) + escaped + "\n")
    return "".join(lines)


def _decode(line: str) -> str:
    out, index = [], 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            out.append("\n" if line[index + 1] == "n" else line[index + 1])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


class BodyMerger:
    """Merges bodies through the blobs of `repository` (the stand-in texts are stored there as blobs)."""

    def __init__(self, repository: pygit2.Repository) -> None:
        self._repository = repository

    def _entry(self, text: str) -> pygit2.IndexEntry:
        oid = self._repository.create_blob(text.encode("utf-8", "surrogatepass"))
        return pygit2.IndexEntry("body", oid, pygit2.enums.FileMode.BLOB)

    def merge(self, base: str | None, ours: str, theirs: str) -> TextMerge:
        if ours == theirs or base == theirs:
            return TextMerge(ours, False)
        if base == ours:
            return TextMerge(theirs, False)
        result = self._repository.merge_file_from_index(
            self._entry(_encode(base or "")), self._entry(_encode(ours)), self._entry(_encode(theirs)))
        return _read_result(result.contents, conflicted=not result.automergeable)


def _read_result(contents: str, *, conflicted: bool) -> TextMerge:
    """The merged stand-in text back as a body, ours taken in every conflicted region."""
    kept: list[str] = []
    side = "both"
    for line in contents.split("\n"):
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
            side = {"<": "ours", "=": "theirs", ">": "both", "|": "base"}[line[0]]
            continue
        if side in ("both", "ours") and line[:1] in (_TEXT, _GAP):
            kept.append(line)
    return TextMerge(_joined(kept), conflicted)


def _joined(lines: list[str]) -> str:
    """Paragraphs and gaps alternate again: two paragraphs that met get a blank line between them,
    two gaps that met become one."""
    pieces: list[str] = []
    previous = _GAP
    for line in lines:
        kind, text = line[0], _decode(line[1:])
        if kind == _TEXT and previous == _TEXT:
            pieces.append(_PARAGRAPH_GAP)
        elif kind == _GAP and previous == _GAP and pieces:
            continue
        pieces.append(text)
        previous = kind
    return "".join(pieces)
