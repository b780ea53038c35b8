"""Where an edited line differs from what it was, widened to the spaces around the change: what is
read again after a key, so that the work of a key typed in a long paragraph is a word or two."""

from __future__ import annotations

from editor.core.text.shared_ends import common_prefix, common_suffix

SPACES = " \t"


def spaced_window(before: str, after: str) -> tuple[int, int, int]:
    """(start, end before, end after): the line `after` differs from `before` only in
    after[start:end after] (before[start:end before]). The window starts right after a space (or at
    0) at least one character before the change, and ends at a space (or the end) at least one
    character after it, so a word with a character of context either side is wholly in or wholly out."""
    same_start = common_prefix(before, after)
    same_end = common_suffix(before, after, min(len(before), len(after)) - same_start)
    start = max(same_start - 1, 0)
    while start > 0 and before[start - 1] not in SPACES:
        start -= 1
    end = min(len(after) - same_end + 1, len(after))
    while end < len(after) and after[end] not in SPACES:
        end += 1
    return start, end - (len(after) - len(before)), end


