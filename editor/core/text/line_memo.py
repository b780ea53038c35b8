"""Answers about single lines, remembered by the line: a post saved or rendered again after a few keys
costs the lines that changed, not the whole post (an autosave of 20,000 words indexed and counted
its every line again: ~70 ms of Python on the writer's thread, which the window waited on in turns).

Safe from several threads at once: a dict's get and set are atomic, and a full memo is replaced whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Answer = TypeVar("Answer")
MAX_REMEMBERED_LINES = 20_000  # a few long posts' lines; then the memo starts over


class LineMemo(Generic[Answer]):
    """`memo(line)` is `compute(line)`, computed once per distinct line (until the memo is full)."""

    def __init__(self, compute: Callable[[str], Answer], limit: int = MAX_REMEMBERED_LINES) -> None:
        self._compute = compute
        self._limit = limit
        self._answers: dict[str, Answer] = {}

    def __call__(self, line: str) -> Answer:
        answers = self._answers
        found = answers.get(line)
        if found is None:
            found = self._compute(line)
            if len(answers) >= self._limit:
                answers = self._answers = {}
            answers[line] = found
        return found
