"""Hebrew-aware full-text search: the text stored in SQLite FTS5 and the queries run against it.

Both sides are normalized by `hebrew` (niqqud, final letters, quotes, case). Each stored word is
also stored without its one-letter prefixes (ו/ה/ב/ל/מ/ש/כ, up to three), so `חדשנות` finds
`והחדשנות`; a query word is also tried without its prefixes, so `בחינוך` finds `חינוך`.
"""

from __future__ import annotations

from editor.core.text import hebrew
from editor.core.text.line_memo import LineMemo

MIN_QUERY_STEM = 3  # a query stem shorter than this would match too much (ו-לון → לון → ...)


def index_text(text: str) -> str:
    """The stored form of a text: each word, followed (for a Hebrew word) by its prefix variants.

    Line by line (no word spans a line), each line's form remembered: an autosave indexes on a
    worker thread, and one call over a whole 20,000-word post would hold the interpreter lock, and
    the window, ~20 ms; saved again after a few keys, only the lines typed in are indexed again."""
    return " ".join(filter(None, map(_indexed_line, text.split("\n"))))


def _index_line(line: str) -> str:
    words: list[str] = []
    for token in hebrew.normalized_tokens(line):
        words.append(token)
        if hebrew.is_hebrew_word(token):
            words.extend(hebrew.prefix_variants(token))
    return " ".join(words)


_indexed_line = LineMemo(_index_line)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed, or None when it holds no word.

    Every word must match (AND); the last word also matches as a prefix, for search as you type.
    """
    tokens = hebrew.normalized_tokens(query)
    if not tokens:
        return None
    clauses = []
    for position, token in enumerate(tokens):
        alternatives = [_quoted(token)]
        if hebrew.is_hebrew_word(token):
            alternatives += [_quoted(v) for v in hebrew.prefix_variants(token) if len(v) >= MIN_QUERY_STEM]
        if position == len(tokens) - 1:
            alternatives = [a + "*" for a in alternatives]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses)
