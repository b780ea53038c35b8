"""The spell check: a word is right when the Hebrew Hunspell dictionary (or the English one, for Latin
words), the writer's personal dictionary, the blog's words or the session's ignored words know it.

The dictionaries' answers are cached per word (the lists are asked each time: they change). Safe to
use from a worker thread and the UI thread at once: the cache is a dict written whole entries at a
time, and each dictionary has its own lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from editor.core.errors import SpellingError
from editor.core.spelling.engine import Dictionary, PendingDictionary, hunspell_soon, load_english, load_hunspell
from editor.core.spelling.places import HEBREW, SpellingPlaces
from editor.core.spelling.word_lists import BlogWords, PersonalWords, WordSet, word_form
from editor.core.spelling.words import Word, edit_window, moved, placed_runs, prose_lines, prose_words

MAX_SUGGESTIONS = 6
MAX_CACHED = 200_000  # words typed in a long session, each prefix of each one; then the cache starts over


@dataclass(frozen=True)
class Misspelling:
    """A word the check does not know, as first written, the line it is first on (1-based), how often."""

    word: str
    line: int
    count: int


class LineCheck(NamedTuple):
    """A line's misspelled words; `complete` when every word got an answer; `asked`: dictionary look-ups made."""

    mistakes: list[Word]
    complete: bool
    asked: int


class SpellChecker:
    def __init__(self, hebrew: Dictionary, english: Dictionary | None = None, *,
                 personal: PersonalWords | None = None, blog: BlogWords | None = None) -> None:
        self.hebrew = hebrew
        self.english = english
        self.personal = personal
        self.blog = blog
        self._answers: dict[str, bool] = {}
        self._ignored = WordSet()

    # -- one word --------------------------------------------------------------------------

    def is_correct(self, word: Word) -> bool:
        """Whether the word is right; asks the dictionary when it was not asked about it yet."""
        answer = self.known_answer(word)
        return answer if answer is not None else self._dictionary(word)

    def check_word(self, text: str) -> bool:
        """Whether every word of `text` (a word or a few, as a writer types them) is right."""
        return all(self.is_correct(word) for word in prose_words(text))

    def known_answer(self, word: Word) -> bool | None:
        """The answer without asking a dictionary: None when only the dictionary could say."""
        answer = self._answers.get(word.key)
        if answer:  # most words: right by the dictionary, whatever the lists say
            return True
        if self._listed(word.form) or (word.alternatives and any(self._listed(form) for form in word.alternatives)):
            return True
        return answer

    def _listed(self, form: str) -> bool:
        personal, blog = self.personal, self.blog
        return (self._ignored.knows(form) or (personal is not None and personal.knows(form))
                or (blog is not None and blog.knows(form)))

    def _dictionary(self, word: Word) -> bool:
        answer = self._ask(word.form) or any(self._ask(form) for form in word.alternatives)
        if len(self._answers) >= MAX_CACHED:
            self._answers = {}
        self._answers[word.key] = answer
        return answer

    def _ask(self, form: str) -> bool:
        if "\u05d0" <= form[0] <= "\u05ea":
            if self.hebrew.check(form):
                return True
            # An abbreviation's geresh (גב', פרופ'): he_IL lists few of them; the word before it decides.
            return form.endswith("'") and len(form) > 2 and self.hebrew.check(form[:-1])
        return self.english is None or self.english.check(form)  # no English dictionary: not judged

    def suggestions(self, word: Word, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to `limit` replacements, written with the quote marks the writer used (רש״י, not רש"י)."""
        dictionary = self.hebrew if word.is_hebrew else self.english
        if dictionary is None:
            return []
        found: list[str] = []
        for suggestion in dictionary.suggest(word.form):
            parts = suggestion.split()
            if not parts or (len(parts) > 1 and min(map(len, parts)) < 2):
                continue  # Hunspell's split of a word into a word and a stray letter (הממשלה ה)
            styled = _in_writers_quotes(suggestion, word.text)
            if styled not in found and styled != word.text:
                found.append(styled)
            if len(found) == limit:
                break
        return found

    def dictionary_answers(self) -> dict[str, bool]:
        """What the dictionaries answered of each word asked so far (by the word's key), to be kept."""
        return dict(self._answers)

    def take_answers(self, answers: Mapping[str, bool]) -> None:
        """Answers the same dictionaries gave before (kept by the library): those words are not asked again."""
        for key, answer in answers.items():
            self._answers.setdefault(key, bool(answer))

    # -- the word lists -------------------------------------------------------------------------

    @property
    def ignored_words(self) -> list[str]:
        return self._ignored.words

    def ignore(self, text: str) -> None:
        """Accept the word for as long as this checker lives (the window's session)."""
        self._ignored = WordSet([*self._ignored.words, word_form(text)])

    def add_personal(self, text: str) -> str:
        if self.personal is None:
            raise SpellingError("there is no personal dictionary", "אין מילון אישי")
        return self.personal.add(text)

    def add_to_blog(self, text: str) -> str:
        if self.blog is None:
            raise SpellingError("no library is open for the blog's words", "אין ספרייה פתוחה למילון הבלוג")
        return self.blog.add(text)

    # -- texts ------------------------------------------------------------------------------

    def misspelled(self, line: str, ask_up_to: int | None = None) -> LineCheck:
        """The misspelled words of a Markdown line outside code. At most `ask_up_to` words not asked
        before are sent to a dictionary (None: all of them); the others are left unanswered."""
        return self._check(placed_runs(line), ask_up_to)

    def misspelled_after_edit(self, line: str, before: str, found: LineCheck,
                              ask_up_to: int | None = None) -> LineCheck:
        """misspelled(line) for a line edited from `before`, whose check was `found`: only the words
        around the edit are read (a key typed in a long paragraph costs a word or two, not the
        paragraph); the mistakes elsewhere are the ones found before, each asked again (a word list
        may have taken one in since)."""
        window = edit_window(before, line) if found.complete else None
        if window is None:
            return self.misspelled(line, ask_up_to)
        start, end_before, end = window
        inside = self._check(placed_runs(line, (start, end)), ask_up_to)
        moved_by = end - end_before
        earlier = [w for w in found.mistakes if w.start < start and not self.is_correct(w)]
        later = [moved(w, moved_by) for w in found.mistakes if w.start >= end_before and not self.is_correct(w)]
        return LineCheck(earlier + inside.mistakes + later, inside.complete, inside.asked)

    def _check(self, runs: Iterable[tuple[int, tuple[Word, ...]]], ask_up_to: int | None) -> LineCheck:
        bad: list[Word] = []
        complete, asked = True, 0
        for start, words in runs:  # words are placed in the line only when misspelled
            for word in words:
                answer = self.known_answer(word)
                if answer is None:
                    if ask_up_to is not None and asked >= ask_up_to:
                        complete = False
                        continue
                    asked += 1
                    answer = self._dictionary(word)
                if not answer:
                    bad.append(moved(word, start) if start else word)
        return LineCheck(bad, complete, asked)

    def lines_with_mistakes(self, lines: Iterable[str]) -> set[str]:
        """Of these lines (outside code), those holding a misspelled word; every word's answer is cached."""
        return {line for line in lines if self.misspelled(line).mistakes}

    def would_wait(self, text: str) -> bool:
        """Whether `misspellings(text)` would wait for the Hebrew dictionary, still loading: a word of the
        text has no answer yet (none given before, none in the word lists) and the dictionary is not loaded."""
        hebrew = self.hebrew
        if not isinstance(hebrew, PendingDictionary) or hebrew.is_loaded():
            return False
        return any(self.known_answer(word) is None
                   for _, line in prose_lines(text) for _, words in placed_runs(line) for word in words)

    def misspellings(self, text: str) -> list[Misspelling]:
        """The misspelled words of a Markdown text (fences skipped), in the order they first appear."""
        found: dict[str, list] = {}
        answers = self._answers  # most words: right by the dictionary, asked before (is_correct's first answer)
        for number, line in prose_lines(text):
            for _, words in placed_runs(line):  # where a word stands in its line does not matter here
                for word in words:
                    if answers.get(word.key) or self.is_correct(word):
                        continue
                    entry = found.setdefault(word.form, [word.text, number, 0])
                    entry[2] += 1
        return [Misspelling(text_, line, count) for text_, line, count in found.values()]


def _in_writers_quotes(suggestion: str, written: str) -> str:
    for ascii_, forms in (('"', "\u05f4\u201d\u201c"), ("'", "\u05f3\u2019")):
        used = next((c for c in forms if c in written), None)
        if used is not None:
            suggestion = suggestion.replace(ascii_, used)
    return suggestion


def load_dictionaries(places: SpellingPlaces) -> tuple[Dictionary, Dictionary | None]:
    """The Hebrew dictionary found in `places` and the English one when there is one (slow the first
    time: run it off the UI thread). SpellingError, saying where to put one, without a Hebrew one."""
    found = places.find(HEBREW)
    if found is None:
        raise missing_dictionary(places)
    return load_hunspell(found), load_english()


def open_spell_checker(places: SpellingPlaces | None = None, library=None, *, wait: bool = True) -> SpellChecker:
    """The spell check with the dictionaries of `places` (default: this user's folders), the personal
    dictionary and, given a library, the blog's words. `wait=False`: the Hebrew dictionary may still be
    loading (`engine.hunspell_soon`; the first word asked of it waits for it)."""
    places = places or SpellingPlaces.default()
    if wait:
        hebrew, english = load_dictionaries(places)
    else:
        found = places.find(HEBREW)
        if found is None:
            raise missing_dictionary(places)
        hebrew, english = hunspell_soon(found), load_english()
    return SpellChecker(hebrew, english, personal=PersonalWords(places.personal_words),
                        blog=BlogWords(library) if library is not None else None)


def missing_dictionary(places: SpellingPlaces) -> SpellingError:
    folder = places.user_dictionaries
    return SpellingError(
        f"spell check is off: no Hebrew dictionary was found. Install hunspell-he, or put he_IL.dic and "
        f"he_IL.aff in {folder}",
        f"בדיקת האיות כבויה: לא נמצא מילון עברי. אפשר להתקין את hunspell-he, או לשים את הקבצים he_IL.dic "
        f"ו-he_IL.aff בתיקייה \u2066{folder}\u2069")
