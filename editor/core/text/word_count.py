"""Word count of a post as a reader sees it, from its Markdown (counted where the post is rendered).

One count everywhere (the post list, the status bar, the render result): the words of the text,
not the Markdown around them: a link counts its text, not its address; an image, a list number,
a footnote mark, an HTML tag or a code block counts nothing.
"""

from __future__ import annotations

import re

from editor.core.text import hebrew
from editor.core.text.line_memo import LineMemo
from editor.core.text.markdown_source import closes_fence, fence_opening

# Each pattern stays within a line, so a text and its lines count the same.
_INLINE_NOT_WORDS = re.compile(
    r"!\[[^\]\n]*\]\([^)\n]*\)"  # an image, its alt text too (not read as part of the text)
    r"|\]\([^)\n]*\)"  # a link's address: [text](address)
    r"|\]\[[^\]\n]*\]"  # a reference link's label: [text][label]
    r"|\[\^[^\]\n]*\]:?"  # a footnote mark
    r"|<[^>\n]*>"  # an HTML tag or an autolink
    r"|\{:[^}\n]*\}"  # an attribute list
)
_LINE_START_NOT_WORDS = re.compile(
    r"^[ \t]*(?:\[[^\]\n]+\]:[ \t]*\S.*"  # a reference definition
    r"|(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+)",  # a list marker (inside quotes too)
    re.MULTILINE,
)


def _words_only(text: str) -> str:
    return _LINE_START_NOT_WORDS.sub(" ", _INLINE_NOT_WORDS.sub(" ", text))


def _line_word_count(line: str) -> int:
    return hebrew.word_count(_words_only(line))


_words_of_line = LineMemo(_line_word_count)


def markdown_word_count(text: str) -> int:
    """Words of a Markdown text; code blocks (between fences) are not counted."""
    # Line by line (no word spans a line), each line's count remembered: a save's count runs beside
    # the window's thread, and after a few keys only the lines typed in are counted again.
    return sum(map(_words_of_line, _lines_outside_code(text)))


def _lines_outside_code(text: str):
    """The lines of `text` outside fenced code, by the editor's own fence rules."""
    fence = None
    for line in text.split("\n"):
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        fence = fence_opening(line)
        if fence is None:
            yield line
