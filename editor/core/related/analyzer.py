"""Hebrew-aware text analysis for related posts: fields, stop words, prefixes decided by a vocabulary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from editor.core.models import Post
from editor.core.render.limits import MAX_POST_BYTES
from editor.core.text import hebrew
from editor.core.text.markdown_source import LINK_TARGET, without_code

# How much one occurrence counts in each field: a word of the title says more than one of the body.
FIELD_WEIGHTS = {"title": 2.0, "lead": 1.5, "tags": 1.25, "body": 1.0}

# Markdown that is not prose: image and link targets, raw addresses, inline HTML tags, code fences.
_NOT_PROSE = re.compile(
    LINK_TARGET.pattern
    + r"|<[^>\n]+>"
    + r"|(?:https?|ftp|ktav-image):\S+"
)
_HYPHEN_PREFIX = re.compile("^[והבלמשכ]{1,3}-")
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Word:
    """A word of a post: its matching form and the way it was written (without niqqud)."""

    form: str
    surface: str


# Of a body over the render's limit (which no export publishes) only this much is read.
BODY_READ_UP_TO = MAX_POST_BYTES


def post_fields(post: Post) -> dict[str, str]:
    """The texts of a post that say what it is about, by field."""
    return {
        "title": post.title,
        "lead": post.lead,
        "tags": " , ".join(post.tags),
        "body": _NOT_PROSE.sub(" ", without_code(post.body[:BODY_READ_UP_TO])),
    }


def content_words(text: str) -> list[Word]:
    """The words of `text` that can carry meaning: no stop words, numbers or single letters."""
    words: list[Word] = []
    # No word spans a space, and a text repeats its words: each chunk is analyzed once.
    for chunk in text.split():
        words.extend(_chunk_words(chunk))
    return words


@lru_cache(maxsize=100_000)
def _chunk_words(chunk: str) -> tuple[Word, ...]:
    return tuple(Word(form, surface) for form, surface in _chunk_pairs(chunk))


@lru_cache(maxsize=100_000)
def _chunk_pairs(chunk: str) -> tuple[tuple[str, str], ...]:
    """The content words of a chunk as (form, surface) pairs: plain tuples, which count quickly."""
    return tuple((word.form, word.surface) for word in map(_content_word, hebrew.tokenize(chunk)) if word is not None)


def _content_word(token: str) -> Word | None:
    form = hebrew.normalize_token(token)
    if len(form) < 2 or not _HAS_LETTER.search(form) or hebrew.is_stop_word(form):
        return None
    surface = _HYPHEN_PREFIX.sub("", hebrew.strip_marks(token))
    if surface[:1].isupper() and not hebrew.is_hebrew_word(surface):
        surface = surface if surface.isupper() else surface.lower()
    return Word(form, surface)


def analyze_fields(post: Post) -> dict[str, list[Word]]:
    return {name: content_words(text) for name, text in post_fields(post).items()}


MIN_CUT_REMAINDER = 3


@lru_cache(maxsize=200_000)
def stem_candidates(form: str) -> tuple[str, ...]:
    """Forms a word may stand for once its prefixes are removed, the deepest cut first.

    A remainder of two letters is too often another word (שקל is not ש+קל, בית not ב+ית).
    """
    if not hebrew.is_hebrew_word(form):
        return ()
    return tuple(
        v for v in reversed(hebrew.prefix_variants(form))
        if len(v) >= MIN_CUT_REMAINDER and not hebrew.is_stop_word(v)
    )


# Inflection endings (plural, feminine, adjective), longest first; what is left must stay a word.
_ENDINGS = ("יות", "ימ", "ות", "ית", "ה", "ת", "י")  # matching forms: ם is folded to מ
MIN_ROOT_LENGTH = 3
ROOT_MARK = "~"


@lru_cache(maxsize=200_000)
def root_key(stem: str) -> str | None:
    """A key shared by the inflections of a Hebrew stem (מטפלת, מטפלים → ~מטפל), or None."""
    if not hebrew.is_hebrew_word(stem):
        return None
    for ending in _ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= MIN_ROOT_LENGTH:
            return ROOT_MARK + stem[: -len(ending)]
    return ROOT_MARK + stem if len(stem) >= MIN_ROOT_LENGTH else None


_MEDIAL_TO_FINAL = str.maketrans("כמנפצ", "ךםןףץ")


@lru_cache(maxsize=200_000)
def readable(form: str) -> str:
    """A matching form as a reader writes it: the last letter in its final shape (חינוכ → חינוך)."""
    if hebrew.is_hebrew_word(form):
        return form[:-1] + form[-1].translate(_MEDIAL_TO_FINAL)
    return form


@lru_cache(maxsize=200_000)
def stem_evidence(form: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each candidate remainder (deepest cut first) with the words that, if known, show that the
    letter cut just before it belongs to the word after all.

    Prefixes come in a fixed order and ב/ל/כ absorb the article, so no prefix letter but ש
    follows ה, ב, ל or כ (and ש follows כ only as כש). Seeing המרכז or במרכז therefore
    says the מ of מרכז is its own, whatever רכז means.
    """
    evidence = []
    for rest in stem_candidates(form):
        word = form[len(form) - len(rest) - 1:]
        before = "הבל" if word[0] == "ש" else "הבלכ"
        evidence.append((rest, tuple(letter + word for letter in before)))
    return tuple(evidence)


def stem_dependencies(form: str) -> tuple[str, ...]:
    """The words whose presence in the library can change the stem of `form`."""
    return tuple(word for rest, blockers in stem_evidence(form) for word in (rest, *blockers))


def choose_stem(form: str, is_known: Callable[[str], bool]) -> str:
    """The word behind the prefixes: the deepest cut whose remainder is a known word and whose
    cut letter is not shown to belong to the word; else the form as it is."""
    for rest, blockers in stem_evidence(form):
        if is_known(rest) and not any(is_known(word) for word in blockers):
            return rest
    return form


def weighted_forms(fields: dict[str, list[Word]]) -> dict[str, float]:
    """Matching forms with their field-weighted counts."""
    counts: dict[str, float] = {}
    get = counts.get
    for name, words in fields.items():
        weight = FIELD_WEIGHTS[name]
        for word in words:
            counts[word.form] = get(word.form, 0.0) + weight
    return counts


def distinct_forms(fields: dict[str, list[Word]]) -> set[str]:
    return {word.form for words in fields.values() for word in words}


# Bump when anything above changes what `analyze` gives for a post (stored analyses are then redone).
ANALYSIS_VERSION = 1


@dataclass(frozen=True)
class Analysis:
    """What the index keeps of a post's text: its distinct matching forms in the order they first
    occur, their field-weighted counts, and how the post writes a form where that is not simply
    `readable(form)` (for the reasons shown beside a suggestion)."""

    forms: tuple[str, ...]
    counts: tuple[float, ...]
    surfaces: dict[str, str]


def analyze(post: Post) -> Analysis:
    # Each field's (form, surface) pairs are counted first: a post repeats its words, and the sums of
    # its field weights (quarters) come out the same added at once as one by one.
    counts: dict[str, float] = {}
    spellings: dict[str, dict[str, int]] = {}
    for name, text in post_fields(post).items():
        weight = FIELD_WEIGHTS[name]
        for (form, surface), times in Counter(chain.from_iterable(map(_chunk_pairs, text.split()))).items():
            counts[form] = counts.get(form, 0.0) + weight * times
            seen = spellings.get(form)
            if seen is None:
                spellings[form] = {surface: times}
            else:
                seen[surface] = seen.get(surface, 0) + times
    surfaces = {}
    for form, seen in spellings.items():
        if len(seen) == 1:
            (best,) = seen
        else:
            best = min(seen.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
        if best != readable(form):
            surfaces[form] = best
    return Analysis(tuple(counts), tuple(counts.values()), surfaces)
