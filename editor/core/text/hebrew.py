"""Hebrew text tools: normalization for matching, tokens, prefixes, direction, counts and slugs."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache

from editor.core import resources

# Niqqud, cantillation and the other combining points of the Hebrew block (U+0591..U+05C7).
_HEBREW_MARKS = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_FINAL_TO_MEDIAL = str.maketrans("ךםןףץ", "כמנפצ")
_QUOTE_FOLD = str.maketrans(
    {
        "\u05f4": '"',  # gershayim
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u05f3": "'",  # geresh
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u00b4": "'",
        "\u05be": "-",  # maqaf
    }
)
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"

HEBREW_LETTER = "\u05d0-\u05ea"
_LETTER_OR_DIGIT = r"[^\W_]"
_MARK = "[\u0591-\u05c7\u0300-\u036f]"
# A word: an optional hyphenated prefix (ב-2019, ו-Google), then letters/digits (with their combining
# marks), joined inside by an apostrophe, a double quote (an acronym: רש"י) or a hyphen-less geresh;
# a trailing geresh after a Hebrew letter (צ').
_WORD = re.compile(
    # Every word starts with a letter, digit or mark: checking that first skips the gaps fast.
    r"(?=[\w\u0591-\u05c7\u0300-\u036f])"
    r"(?:(?<![^\W_])[והבלמשכ]{1,3}-(?=[^\W_]))?"
    rf"(?:{_LETTER_OR_DIGIT}|{_MARK})+"
    rf"(?:['\"\u05f3\u05f4\u2019](?:{_LETTER_OR_DIGIT}|{_MARK})+)*"
    rf"(?:(?<=[{HEBREW_LETTER}\u0591-\u05c7])['\u05f3\u2019](?![{HEBREW_LETTER}]))?"
)
_HEBREW_CHAR = re.compile(f"[{HEBREW_LETTER}]")
_LATIN_CHAR = re.compile("[A-Za-z\u00c0-\u024f]")
_ALNUM = re.compile(r"[^\W_]")  # the same as str.isalnum

PREFIX_LETTERS = frozenset("והבלמשכ")
MAX_PREFIX_LENGTH = 3
MIN_STEM_LENGTH = 2
WORDS_PER_MINUTE = 200


def strip_marks(text: str) -> str:
    """Remove niqqud and cantillation, keeping letters (presentation forms are decomposed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", _HEBREW_MARKS.sub("", decomposed))


def fold_finals(text: str) -> str:
    return text.translate(_FINAL_TO_MEDIAL)


_QUOTE_FOLD_CHARS = {chr(code): ascii_ for code, ascii_ in _QUOTE_FOLD.items()}
_QUOTE_TO_FOLD = re.compile("[" + "".join(_QUOTE_FOLD_CHARS) + "]")


def fold_quotes(text: str) -> str:
    """Fold gershayim, geresh, curly quotes and maqaf to their ASCII look-alikes."""
    # A regex over the few characters to fold: str.translate is slow on non-ASCII text.
    return _QUOTE_TO_FOLD.sub(lambda m: _QUOTE_FOLD_CHARS[m.group()], text)


_BIDI_STRIP = {ord(c): None for c in _BIDI_CONTROLS}


def strip_bidi_controls(text: str) -> str:
    return text.translate(_BIDI_STRIP)


def has_bidi_controls(text: str) -> bool:
    return any(c in text for c in _BIDI_CONTROLS)


def normalize(text: str) -> str:
    """The form used for matching: no marks, no final forms, ASCII quotes, Latin case-folded."""
    text = strip_bidi_controls(strip_marks(text))
    return fold_finals(fold_quotes(text)).casefold()


def tokenize(text: str) -> list[str]:
    """Words of `text` as written (marks kept), in order."""
    return _WORD.findall(fold_quotes(text))  # the pattern has no groups: whole matches


_HYPHEN_PREFIX = re.compile("^[והבלמשכ]{1,3}-")


def normalize_token(token: str) -> str:
    """A token's matching form: normalized, without a hyphenated prefix, acronym quotes or geresh."""
    return _HYPHEN_PREFIX.sub("", normalize(token)).replace('"', "").replace("'", "")


def normalized_tokens(text: str) -> list[str]:
    """Matching forms of the words in `text`; an acronym like רש"י becomes רשי."""
    tokens = []
    for token in _WORD.findall(normalize(text)):  # already normalized: only prefix and quotes left
        if "-" in token:
            token = _HYPHEN_PREFIX.sub("", token)
        if '"' in token or "'" in token:
            token = token.replace('"', "").replace("'", "")
        if token:
            tokens.append(token)
    return tokens


def is_hebrew_word(token: str) -> bool:
    return bool(_HEBREW_CHAR.search(token))


def prefix_variants(token: str) -> list[str]:
    """The token with 1..3 leading prefix letters (ו/ה/ב/ל/מ/ש/כ) removed, shortest prefix first.

    Only candidates: whether a variant is the real word is for the caller to decide
    (e.g. against the vocabulary of a library). `token` is expected in normalized form.
    """
    variants = []
    for cut in range(1, MAX_PREFIX_LENGTH + 1):
        if len(token) - cut < MIN_STEM_LENGTH or token[cut - 1] not in PREFIX_LETTERS:
            break
        variants.append(token[cut:])
    return variants


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The Hebrew stop-word list from resources, in normalized form."""
    lines = resources.read_text("stopwords_he.txt").splitlines()
    return frozenset(
        normalize_token(line.strip()) for line in lines if line.strip() and not line.startswith("#")
    )


def is_stop_word(normalized_token: str) -> bool:
    """A function word, also behind prefixes (וגם, שהוא, כשהם)."""
    words = stop_words()
    return normalized_token in words or any(v in words for v in prefix_variants(normalized_token))


def text_direction(text: str) -> str | None:
    """'ltr' when most words are Latin, 'rtl' when Hebrew words are at least as many, else None."""
    return direction_of_counts(*script_counts(text))


def script_counts(text: str) -> tuple[int, int]:
    """(Hebrew words, Latin words): words with a Hebrew letter, and the others with a Latin letter.
    Words never span a space: a text's counts are the sums of its pieces' cut at spaces."""
    hebrew = latin = 0
    for token in tokenize(text):
        if _HEBREW_CHAR.search(token):
            hebrew += 1
        elif _LATIN_CHAR.search(token):
            latin += 1
    return hebrew, latin


def direction_of_counts(hebrew: int, latin: int) -> str | None:
    if hebrew == 0 and latin == 0:
        return None
    return "ltr" if latin > hebrew else "rtl"


_MARK_CHAR = re.compile(_MARK)


def _has_stray_mark(text: str) -> bool:
    """A mark after neither a letter/digit nor a mark: only there can a word of marks alone start."""
    for match in _MARK_CHAR.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or _MARK_CHAR.match(text[start - 1])):
            return True
    return False


def word_count(text: str) -> int:
    tokens = tokenize(text)
    if not _has_stray_mark(text):
        return len(tokens)  # every token then holds a letter or digit
    return sum(map(bool, map(_ALNUM.search, tokens)))


def reading_minutes(words: int) -> int:
    """Minutes to read `words` words, at least one for any text."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


_SLUG_DROP = re.compile(r"[\"'`]")
_SLUG_WORD = re.compile(r"[^\W_]+")
MAX_SLUG_LENGTH = 80


def slugify(title: str) -> str:
    """A post address from its title: words without niqqud, Latin lower-cased, joined by hyphens.

    Hebrew letters are kept as they are (as WordPress does); acronym quotes are dropped
    (רש"י → רשי). Cut at a word boundary after MAX_SLUG_LENGTH characters.
    """
    text = _SLUG_DROP.sub("", fold_quotes(strip_bidi_controls(strip_marks(title)))).lower()
    slug = ""
    for word in _SLUG_WORD.findall(text):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH and slug:
            break
        slug = candidate[:MAX_SLUG_LENGTH]
    return slug or "post"


_SLUG_VALID = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")


def slug_of(post_slug: str, title: str) -> str:
    """The address a post asks for: the writer's slug cleaned (spaces and marks), else from the title."""
    return slugify(post_slug.replace("-", " ")) if post_slug else slugify(title)


def is_valid_slug(slug: str) -> bool:
    """A slug a writer typed: letters and digits in hyphen-separated words, no marks."""
    return bool(_SLUG_VALID.match(slug)) and strip_marks(slug) == slug and len(slug) <= 200


def counted(count: int, one: str, many: str) -> str:
    """A count in a Hebrew phrase: `one` for 1 ("הערה חדשה אחת"), else `many` with {n} ("{n} הערות חדשות")."""
    return one if count == 1 else many.format(n=count)


def readable_time(stamp: str) -> str:
    """A library time (UTC, ISO-8601) as a reader reads it, in local time: 1.12.2026 בשעה 08:19."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day}.{moment.month}.{moment.year} בשעה {moment:%H:%M}"
