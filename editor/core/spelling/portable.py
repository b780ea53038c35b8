"""The spell check sent to another process (an export's workers), and its dictionaries loaded ahead of need."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from editor.core.errors import SpellingError
from editor.core.giving_way import give_way
from editor.core.spelling.checker import SpellChecker
from editor.core.spelling.engine import PendingDictionary, hunspell_later, hunspell_soon, load_english, load_hunspell
from editor.core.spelling.places import HEBREW, FoundDictionary, SpellingPlaces
from editor.core.spelling.word_lists import BlogWords, PersonalWords, WordSet


@dataclass(frozen=True)
class PortableSpelling:
    """What a SpellChecker answers from, as plain data: its dictionaries' files, its word lists as they
    are now and what its dictionaries answered so far, word by word. `checker()` in another process
    answers as the original does; its Hebrew dictionary is loaded there when a word not answered before
    needs it (a process forked once it was loaded here finds it loaded)."""

    hebrew: FoundDictionary
    english: bool
    personal: tuple[str, ...]
    blog: tuple[str, ...]
    ignored: tuple[str, ...]
    answers: Mapping[str, bool] = field(default_factory=dict)

    def checker(self) -> SpellChecker:
        english = load_english() if self.english else None
        # The checker only asks its lists whether they know a word; a worker never adds to them.
        checker = SpellChecker(PendingDictionary(self.hebrew), english, personal=cast(PersonalWords, WordSet(self.personal)),
                               blog=cast(BlogWords, WordSet(self.blog)))
        checker.take_answers(self.answers)
        for word in self.ignored:
            checker.ignore(word)
        return checker

    def new_answers(self, checker: SpellChecker) -> dict[str, bool]:
        """What `checker` (made by `checker()`) asked its dictionaries beyond the answers it was given."""
        given = self.answers
        return {key: answer for key, answer in checker.dictionary_answers().items() if key not in given}


def can_be_sent(checker: SpellChecker) -> bool:
    """Whether `portable(checker)` would give it (its Hebrew dictionary is loaded from files), without waiting."""
    return isinstance(getattr(getattr(checker, "hebrew", None), "found", None), FoundDictionary)


def still_loading(checker: SpellChecker) -> bool:
    """Whether `portable(checker)` would wait for its Hebrew dictionary to load."""
    hebrew = getattr(checker, "hebrew", None)
    return isinstance(hebrew, PendingDictionary) and not hebrew.is_loaded()


def portable(checker: SpellChecker, *, wait: bool = True) -> PortableSpelling | None:
    """The checker as plain data, or None when its Hebrew dictionary was not loaded from files. A
    dictionary still loading is waited for (`wait`): a process forked then finds it loaded; else a
    process that needs it loads it itself."""
    found = getattr(getattr(checker, "hebrew", None), "found", None)
    if not isinstance(found, FoundDictionary):
        return None
    if wait and isinstance(checker.hebrew, PendingDictionary):
        checker.hebrew.loaded()
    words = [tuple(lst.words) if lst is not None else () for lst in (checker.personal, checker.blog)]
    return PortableSpelling(found, checker.english is not None, words[0], words[1], tuple(checker.ignored_words),
                            checker.dictionary_answers())


def load_ahead(places: SpellingPlaces | None = None, *, hebrew_when_wanted: bool = False) -> threading.Thread:
    """Start loading the dictionaries on threads (enchant loads them without holding the interpreter
    lock, so the program's own start goes on meanwhile): the Hebrew one on a thread of its own
    (`engine.hunspell_soon`, started once the English one is loaded on this). `open_spell_checker` then
    finds them loaded, or the Hebrew one loading (`wait=False`). A failure is left for
    `open_spell_checker` or the first word to report.

    `hebrew_when_wanted`: the Hebrew one (~0.3 s of a core and 50 MB) is loaded only once the program
    says it will be asked (`want_hebrew(True)`), then at the priority of the thread that called this; `want_hebrew(False)`
    leaves it unloaded (a word asked of it all the same loads it where it is asked). An export that finds
    every word of its texts answered before (a library's kept answers) never needs it, and loaded behind
    everything else it still took that much of the cores an export after one change runs on."""
    hebrew = None
    if hebrew_when_wanted:
        hebrew = (places or SpellingPlaces.default()).find(HEBREW)
        if hebrew is not None:
            hunspell_later(hebrew)  # before `open_spell_checker` could start its load
    _decision.clear()

    def load() -> None:
        try:
            # The English one first and at full speed: `open_spell_checker` waits for it (the check's
            # fingerprint names it), where the Hebrew one is waited for only by a word it must answer.
            load_english()
            if hebrew is not None:
                _decision.wait()
                if _wanted:
                    load_hunspell(hebrew)
                return
            give_way()  # an export whose texts' words were all asked before never needs the Hebrew one
            found = (places or SpellingPlaces.default()).find(HEBREW)
            if found is not None:
                hunspell_soon(found)
        except (SpellingError, OSError):
            pass

    thread = threading.Thread(target=load, name="ktav-dictionaries", daemon=True)
    thread.start()
    return thread


_decision = threading.Event()  # said by `want_hebrew`
_wanted = False


def want_hebrew(wanted: bool) -> None:
    """Say whether the Hebrew dictionary left for later (`load_ahead(hebrew_when_wanted=True)`) will be
    asked: it is then loaded at once on `load_ahead`'s thread, at the priority of the thread that began it
    (not behind everything else: the program will wait for it). Only the first word counts."""
    global _wanted
    if not _decision.is_set():
        _wanted = wanted
        _decision.set()
