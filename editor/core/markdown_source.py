"""Line-level facts about Markdown source for the editor: code fences and each line's direction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.hebrew import text_direction

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# Parts of a line a reader of the published page never sees as text.
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$")
_ANGLE = re.compile(r"<[^<>\n]*>")


@dataclass(frozen=True)
class Fence:
    char: str
    length: int


def fence_opening(line: str) -> Fence | None:
    """The fence a line opens (```python, ~~~), or None; a backtick fence's info has no backtick."""
    match = _FENCE.match(line)
    if not match:
        return None
    marker, info = match.groups()
    if marker[0] == "`" and "`" in info:
        return None
    return Fence(marker[0], len(marker))


def closes_fence(line: str, fence: Fence) -> bool:
    """Whether `line` closes `fence`: the same character, at least as long, nothing after it."""
    match = _FENCE.match(line)
    if not match:
        return False
    marker, rest = match.groups()
    return marker[0] == fence.char and len(marker) >= fence.length and not rest.strip()


def visible_text(line: str) -> str:
    """The line without link targets, autolinks, HTML tags or reference definitions."""
    if _REFERENCE_DEFINITION.match(line):
        return ""
    return _ANGLE.sub(" ", _LINK_TARGET.sub("] ", line))


def line_direction(line: str) -> str | None:
    """'rtl' or 'ltr' by the words a reader sees; None for a line with no words (follows its neighbour)."""
    return text_direction(visible_text(line))
