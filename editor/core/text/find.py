"""Find in a text ignoring niqqud, final-letter forms, quote styles and case; matches map back to it.

`SearchableText(text).find_all("שלום")` finds "שָׁלוֹם" and "והשלום"; each match is a (start, end)
span of the original text that covers the word's niqqud, so replacing it leaves no stray marks.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from editor.core.text.hebrew import normalize


@lru_cache(maxsize=4096)
def _normalized_char(char: str) -> str:
    return normalize(char)


class SearchableText:
    """A text with its matching form and the map from matching-form indices to original indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        pieces: list[str] = []
        starts: list[int] = []  # original index of each normalized character
        ends: list[int] = []  # original index just after it, including the marks that follow
        for index, char in enumerate(text):
            folded = _normalized_char(char)
            if not folded:
                if ends:
                    ends[-1] = index + 1  # a mark or control belongs to the character before it
                continue
            pieces.append(folded)
            starts.extend([index] * len(folded))
            ends.extend([index + 1] * len(folded))
        self.normalized = "".join(pieces)
        self._starts = starts
        self._ends = ends

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Every non-overlapping match of `query`, in order, as spans of the original text."""
        needle = normalize(query)
        if not needle:
            return []
        spans = []
        at = self.normalized.find(needle)
        while at != -1:
            spans.append(self._span(at, at + len(needle)))
            at = self.normalized.find(needle, at + len(needle))
        return spans

    def find_next(self, query: str, position: int, backwards: bool = False) -> tuple[int, int] | None:
        """The first match starting at or after `position` (or ending at or before it, backwards),
        wrapping around the end of the text."""
        spans = self.find_all(query)
        if not spans:
            return None
        if backwards:
            index = bisect.bisect_right([end for _, end in spans], position) - 1
            return spans[index] if index >= 0 else spans[-1]
        index = bisect.bisect_left([start for start, _ in spans], position)
        return spans[index] if index < len(spans) else spans[0]

    def _span(self, start: int, end: int) -> tuple[int, int]:
        return self._starts[start], self._ends[end - 1]


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    return SearchableText(text).find_all(query)


def replace_all(text: str, query: str, replacement: str) -> tuple[str, int]:
    """`text` with every match of `query` replaced, and how many were replaced."""
    spans = find_all(text, query)
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        pieces.append(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), len(spans)
