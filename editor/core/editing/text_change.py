"""Where one text differs from another: the spans to replace, so a text changed elsewhere (a team
sync, a restored revision) can be taken in without moving the writer's caret or scroll, and only the
lines that changed are laid out, highlighted and spell-checked again."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from editor.core.text.shared_ends import common_prefix, common_suffix


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
    start = common_prefix(old, new, limit)
    room = limit - start  # the suffix never overlaps the prefix (e.g. "אאא" → "אא")
    tail = common_suffix(old, new, room)
    return TextChange(start, len(old) - tail, new[start:len(new) - tail])


def changes_between(old: str, new: str) -> list[TextChange]:
    """The spans of `old` to replace to give `new`, in order and apart: a teammate's fix in the first
    paragraph and a paragraph added at the end are two small spans, not the whole text between them.
    Applied from the last to the first, each leaves the others' indices as they were.

    Lines found once in each text, in the same order in both, are kept as they are (a patience diff:
    paragraphs of prose are nearly all unique lines); between two of them, what differs is one span."""
    whole = change_between(old, new)
    if whole is None:
        return []
    old_lines = old[whole.start:whole.old_end].splitlines(keepends=True)
    new_lines = whole.replacement.splitlines(keepends=True)
    old_starts, new_starts = _starts(old_lines, whole.start), _starts(new_lines, 0)
    changes = []
    old_from = new_from = 0  # the lines after the last kept one
    for old_to, new_to in [*_kept_lines(old_lines, new_lines), (len(old_lines), len(new_lines))]:
        gap_start = old_starts[old_from]
        inner = change_between(old[gap_start:old_starts[old_to]],
                               whole.replacement[new_starts[new_from]:new_starts[new_to]])
        if inner is not None:
            changes.append(TextChange(gap_start + inner.start, gap_start + inner.old_end, inner.replacement))
        old_from, new_from = old_to + 1, new_to + 1
    return changes


def _kept_lines(old_lines: list[str], new_lines: list[str]) -> list[tuple[int, int]]:
    """(old index, new index) of the lines found once in each, the longest run in the same order."""
    old_counts, new_counts = Counter(old_lines), Counter(new_lines)
    new_index = {line: j for j, line in enumerate(new_lines) if new_counts[line] == 1}
    pairs = [(i, new_index[line]) for i, line in enumerate(old_lines)
             if old_counts[line] == 1 and line in new_index]
    # The longest subsequence increasing in the new index (patience sorting: O(n log n)).
    tops: list[int] = []  # tops[k]: the smallest new index ending an increasing run of length k + 1
    ends: list[int] = []  # the pair at each top
    before: list[int] = [-1] * len(pairs)
    for number, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tops, j)
        if k == len(tops):
            tops.append(j)
            ends.append(number)
        else:
            tops[k], ends[k] = j, number
        before[number] = ends[k - 1] if k else -1
    run, number = [], ends[-1] if ends else -1
    while number != -1:
        run.append(pairs[number])
        number = before[number]
    return run[::-1]


def _starts(lines: list[str], offset: int) -> list[int]:
    """Where each line starts, and where the last one ends."""
    starts = [offset]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts
