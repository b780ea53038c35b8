"""Where Ctrl+arrows and Ctrl+Backspace/Delete take the caret in a line: word by word, in reading order.

A word is what `formatting.word_at` says: letters with their niqqud, an acronym with gershayim
(רש"י, רש״י) or a word with a geresh (צ'יפס) is one word, so one Ctrl+arrow passes it whole.
Positions are Python indices into the line; None means the move leaves the line (the editor goes
on to the next or the previous line).
"""

from __future__ import annotations

from editor.core.editing.formatting import word_at


def _in_word(line: str, index: int) -> bool:
    start, end = word_at(line, index)
    return start <= index < end


def next_word_start(line: str, column: int) -> int | None:
    """Forward: past the rest of this word and what follows it, to where the next word starts."""
    if column >= len(line):
        return None
    position = column
    if _in_word(line, position):
        position = word_at(line, position)[1]
    while position < len(line) and not _in_word(line, position):
        position += 1
    return position


def previous_word_start(line: str, column: int) -> int | None:
    """Backward: over what precedes the caret, to the start of the word before it."""
    if column <= 0:
        return None
    position = column
    while position > 0 and not _in_word(line, position - 1):
        position -= 1
    if position > 0:
        position = word_at(line, position - 1)[0]
    return position
