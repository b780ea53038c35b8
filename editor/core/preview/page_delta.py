"""The part of a page's HTML that changed since the last one, in the UTF-16 units a browser counts."""

from __future__ import annotations

from typing import NamedTuple

from editor.core.text.shared_ends import common_prefix, common_suffix

BODY = "<body"


class Change(NamedTuple):
    """Replace the old page's UTF-16 units `start` to `stop` with `middle`."""

    start: int
    stop: int
    middle: str


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _span_change(old: str, new: str, offset: int) -> Change | None:
    """The one Change turning `old` into `new`, `offset` UTF-16 units into the page (None: no change)."""
    if old == new:
        return None
    shortest = min(len(old), len(new))
    head = common_prefix(old, new, shortest)
    tail = common_suffix(old, new, shortest - head)
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
