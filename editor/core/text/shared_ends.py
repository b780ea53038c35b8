"""How many characters two texts share at their start and at their end, compared in C-speed slices
(a whole chunk at a time, the first unequal one narrowed down by halves), never a Python loop per
character: what an edit, a sync or a new preview page changed is found from these."""

from __future__ import annotations

_CHUNK = 4096


def common_prefix(a: str, b: str, limit: int | None = None) -> int:
    """How many characters `a` and `b` share at their start (at most `limit`)."""
    limit = min(len(a), len(b)) if limit is None else limit
    same = 0
    while same < limit:
        step = min(_CHUNK, limit - same)
        if a[same:same + step] == b[same:same + step]:
            same += step
            continue
        low, high = same, same + step  # a[:low] == b[:low], a[:high] != b[:high]
        while high - low > 1:
            middle = (low + high) // 2
            if a[low:middle] == b[low:middle]:
                low = middle
            else:
                high = middle
        return low
    return same


def common_suffix(a: str, b: str, limit: int | None = None) -> int:
    """How many characters `a` and `b` share at their end (at most `limit`)."""
    limit = min(len(a), len(b)) if limit is None else limit
    same = 0
    while same < limit:
        step = min(_CHUNK, limit - same)
        if a[len(a) - same - step:len(a) - same] == b[len(b) - same - step:len(b) - same]:
            same += step
            continue
        low, high = same, same + step
        while high - low > 1:
            middle = (low + high) // 2
            if a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]:
                low = middle
            else:
                high = middle
        return low
    return same
