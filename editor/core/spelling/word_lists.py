"""The spell check's own word lists: the writer's personal dictionary (a file in the data folder) and the
blog's words (program names, places, people), kept in the library so that a bundle carries them.

A listed Hebrew word is also known behind the one-letter prefixes (דימונה: בדימונה, ולדימונה); Latin
words are known in any case (Ktav, ktav). Words are kept as the dictionary is asked: no niqqud, ASCII
gershayim and geresh.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from editor.core.errors import SpellingError
from editor.core.text.hebrew import strip_bidi_controls, strip_marks

BLOG_WORDS_SETTING = "spelling.blog_words"
MAX_WORD_CHARS = 64
MAX_BLOG_WORDS = 20_000
PREFIX_LETTERS = frozenset("והבלמשכ")
MAX_PREFIX = 4  # וכשה in וכשהגענו
MIN_STEM = 2
_TO_ASCII = str.maketrans({"\u05f4": '"', "\u201c": '"', "\u201d": '"', "\u05f3": "'", "\u2019": "'"})
_LETTER = re.compile(r"[^\W\d_]")
_HEBREW = re.compile("[\u05d0-\u05ea]")


def word_form(text: str) -> str:
    """A word as the lists keep it: no niqqud or direction marks, ASCII quotes, no quotes around it."""
    return strip_bidi_controls(strip_marks(text.strip())).translate(_TO_ASCII).strip("\"'")


def is_listable(form: str) -> bool:
    """A word a list can hold: one word (no spaces), with a letter, not longer than MAX_WORD_CHARS."""
    return 0 < len(form) <= MAX_WORD_CHARS and not any(c.isspace() for c in form) and bool(_LETTER.search(form))


class WordSet:
    """Words known as they are, behind Hebrew prefixes, and Latin ones in any case."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._set(words)

    def _set(self, words: Iterable[str]) -> None:
        kept = frozenset(w for w in words if isinstance(w, str) and is_listable(w))
        # One assignment of a new frozenset: a worker thread reading the old one is never disturbed.
        self._words, self._folded = kept, frozenset(w.casefold() for w in kept if not _HEBREW.search(w))

    @property
    def words(self) -> list[str]:
        return sorted(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and self.knows(form)

    def knows(self, form: str) -> bool:
        words = self._words
        if not words:
            return False
        if form in words:
            return True
        if not _HEBREW.match(form):
            return form.casefold() in self._folded
        for cut in range(1, MAX_PREFIX + 1):
            if len(form) - cut < MIN_STEM or form[cut - 1] not in PREFIX_LETTERS:
                return False
            if form[cut:] in words:
                return True
        return False


class PersonalWords(WordSet):
    """The writer's personal dictionary: one word a line, UTF-8, in the user's data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._unreadable: str | None = None
        super().__init__(self._read())

    def _read(self) -> list[str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self._unreadable = None
            return []
        except (OSError, UnicodeDecodeError) as error:
            self._unreadable = str(getattr(error, "strerror", None) or error)
            return []
        self._unreadable = None
        return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def add(self, text: str) -> str:
        """Keep a word (merged with what another window may have added meanwhile); the form kept."""
        form = _checked_form(text)
        words = set(self._read())
        if self._unreadable is not None:  # writing now would lose the words it holds
            raise SpellingError(f"the personal dictionary {self.path} cannot be read ({self._unreadable}); "
                                "nothing was added", f"המילון האישי {self.path} אינו קריא ({self._unreadable}); "
                                "שום מילה לא נוספה")
        words.add(form)
        self._write(sorted(words))
        self._set(words)
        return form

    def _write(self, words: list[str]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".personal-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write("".join(f"{word}\n" for word in words))
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            reason = error.strerror or str(error)
            raise SpellingError(f"the personal dictionary {self.path} cannot be saved ({reason})",
                                f"לא ניתן לשמור את המילון האישי {self.path} ‏({reason})") from error


class BlogWords(WordSet):
    """The blog's words, read from and kept in the library's settings."""

    def __init__(self, library) -> None:
        self.library = library
        super().__init__(blog_words(library))

    def reload(self) -> bool:
        """Read the words again; whether they changed."""
        before = self._words
        self._set(blog_words(self.library))
        return self._words != before

    def add(self, text: str) -> str:
        form = _checked_form(text)
        merge_blog_words(self.library, [form])
        self.reload()
        return form


def blog_words(library) -> list[str]:
    """The blog's words as the library keeps them (a damaged setting reads as no words)."""
    stored = library.get_setting(BLOG_WORDS_SETTING, [])
    if not isinstance(stored, list):
        return []
    return sorted({w for w in stored if isinstance(w, str) and is_listable(w)})


def merge_blog_words(library, words: Iterable[str]) -> int:
    """Add words to the blog's words (one transaction); how many were new."""
    known = set(blog_words(library))
    fresh = {f for f in (word_form(w) for w in words) if is_listable(f)} - known
    if not fresh:
        return 0
    if len(known) + len(fresh) > MAX_BLOG_WORDS:
        raise SpellingError(f"the blog's words would be more than {MAX_BLOG_WORDS:,}",
                            f"מילון הבלוג יעבור את {MAX_BLOG_WORDS:,} המילים")
    library.set_setting(BLOG_WORDS_SETTING, sorted(known | fresh))
    return len(fresh)


def _checked_form(text: str) -> str:
    form = word_form(text)
    if not is_listable(form):
        raise SpellingError(f"not a word a dictionary can keep: {text!r}", f"אי אפשר לשמור במילון את „{text}”")
    return form
