"""The part of a page's HTML that changed since the last one, in the UTF-16 units a browser counts."""

from __future__ import annotations

from typing import NamedTuple

_CHUNK = 4096
BODY = "<body"


class Change(NamedTuple):
    """Replace the old page's UTF-16 units `start` to `stop` with `middle`."""

    start: int
    stop: int
    middle: str


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _common_prefix(old: str, new: str, limit: int) -> int:
    """How many characters `old` and `new` share at their start (at most `limit`)."""
    same = 0
    while same < limit:  # whole chunks compared in C; the first unequal one narrowed down by halves
        step = min(_CHUNK, limit - same)
        if old[same:same + step] == new[same:same + step]:
            same += step
            continue
        low, high = same, same + step  # old[:low] == new[:low], old[:high] != new[:high]
        while high - low > 1:
            middle = (low + high) // 2
            if old[low:middle] == new[low:middle]:
                low = middle
            else:
                high = middle
        return low
    return same


def _common_suffix(old: str, new: str, limit: int) -> int:
    """How many characters `old` and `new` share at their end (at most `limit`)."""
    same = 0
    while same < limit:
        step = min(_CHUNK, limit - same)
        if old[len(old) - same - step:len(old) - same] == new[len(new) - same - step:len(new) - same]:
            same += step
            continue
        low, high = same, same + step
        while high - low > 1:
            middle = (low + high) // 2
            if old[len(old) - middle:len(old) - low] == new[len(new) - middle:len(new) - low]:
                low = middle
            else:
                high = middle
        return low
    return same


def _span_change(old: str, new: str, offset: int) -> Change | None:
    """The one Change turning `old` into `new`, `offset` UTF-16 units into the page (None: no change)."""
    if old == new:
        return None
    shortest = min(len(old), len(new))
    head = _common_prefix(old, new, shortest)
    tail = _common_suffix(old, new, shortest - head)
    start = offset + _utf16_length(old[:head])
    return Change(start, start + _utf16_length(old[head:len(old) - tail]), new[head:len(new) - tail])


def page_changes(old: str, new: str) -> list[Change]:
    """What to send instead of `new` to a side that holds `old`, in order. A page's head and body are
    compared apart: a head that repeats the text (a description, structured data) and the body then
    each send their own few characters, not everything between them."""
    old_split, new_split = old.find(BODY), new.find(BODY)
    if old_split < 0 or new_split < 0:
        return [change for change in [_span_change(old, new, 0)] if change]
    head = _span_change(old[:old_split], new[:new_split], 0)
    body = _span_change(old[old_split:], new[new_split:], _utf16_length(old[:old_split]))
    return [change for change in (head, body) if change]


def apply_changes(old: str, changes: list[Change]) -> str:
    """`new` again from `old` and its changes (what the page's script does; here for the tests)."""
    units = old.encode("utf-16-le")
    pieces, at = [], 0
    for change in changes:
        pieces += [units[2 * at:2 * change.start].decode("utf-16-le"), change.middle]
        at = change.stop
    pieces.append(units[2 * at:].decode("utf-16-le"))
    return "".join(pieces)
