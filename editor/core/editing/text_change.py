"""Where one text differs from another: the one span to replace, so a text changed elsewhere (a team
sync, a restored revision) can be taken in without moving the writer's caret or scroll."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextChange:
    start: int  # Python indices into the old text
    old_end: int
    replacement: str


def change_between(old: str, new: str) -> TextChange | None:
    """The shortest single span of `old` whose replacement gives `new` (None when they are equal)."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    room = limit - start  # the suffix never overlaps the prefix (e.g. "אאא" → "אא")
    tail = _common_prefix(old[::-1], new[::-1], room)
    return TextChange(start, len(old) - tail, new[start:len(new) - tail])


def _common_prefix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit  # binary search on slices: C-speed comparisons, not a Python loop per character
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
