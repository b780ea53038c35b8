"""What a render gives (`Rendered`: the HTML, its outline, warnings and pictures), without Markdown:
a render kept in the library is read back with this alone (`export.caches`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from editor.core.text import hebrew
from editor.core.text.word_count import markdown_word_count


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class RenderWarning:
    """Something the writer should fix; `line` is the 1-based source line when known."""

    code: str
    message: str
    message_he: str
    line: int | None = None


@dataclass(frozen=True)
class Rendered:
    html: str
    outline: list[Heading]
    warnings: list[RenderWarning]
    image_refs: list[str]
    source: str = field(default="", repr=False)

    # Counted on first use: the preview shows the count, an export of a thousand posts never asks.
    @cached_property
    def word_count(self) -> int:
        return markdown_word_count(self.source)

    @cached_property
    def reading_minutes(self) -> int:
        return hebrew.reading_minutes(self.word_count)
