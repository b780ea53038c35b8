"""Word count of a long text kept cheap while it is edited: only new or changed lines are counted."""

from __future__ import annotations

from editor.core import hebrew


class WordCounter:
    """Counts like `hebrew.word_count`, remembering each line's count from the previous call.

    Words never span a line break, so the total is the sum over lines; after a keystroke only
    the edited line is counted again.
    """

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def count(self, text: str) -> int:
        previous, current = self._counts, {}
        total = 0
        for line in text.split("\n"):
            words = current.get(line)
            if words is None:
                words = previous.get(line)
                if words is None:
                    words = hebrew.word_count(line)
                current[line] = words
            total += words
        self._counts = current  # lines gone from the text are forgotten
        return total
