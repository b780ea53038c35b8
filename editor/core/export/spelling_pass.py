"""An export's spell check: the answers kept in the library, the texts left to ask (on the workers), and
what the pre-publish check asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from editor.core.export import caches
from editor.core.models import Post, stored_id

if TYPE_CHECKING:
    from editor.core.spelling import SpellChecker
    from editor.core.spelling.portable import PortableSpelling


class ExportSpelling:
    """The export's `SpellChecker` (None: spelling is not checked) with the library's answers."""

    def __init__(self, library, checker: SpellChecker | None) -> None:
        self.library = library
        self.checker = checker
        self._stored: caches.StoredSpelling | None = None
        self.new_bodies = True  # whether texts of bodies never rendered are to be spelled (the export says)

    def read(self, posts: list[Post]) -> None:
        """Answer the spell check of these posts' texts from the library where it was asked before."""
        if self.checker is not None:
            texts = [text for post in posts for text in (post.title, post.lead, post.body)]
            self._stored = caches.StoredSpelling(self.library, self.checker, texts)

    @cached_property
    def fingerprint(self) -> str:
        """What the answers depend on (`caches.spelling_fingerprint`), or "none" without a checker."""
        return "none" if self.checker is None else caches.spelling_fingerprint(self.checker)

    @cached_property
    def portable(self) -> PortableSpelling | None:
        """The checker as plain data for the workers, with the dictionaries' answers kept in the library,
        or None (no checker, or one that cannot be sent). Its dictionaries are loaded first (a forked
        worker finds them loaded), unless answers were kept and no new body is to be spelled (a word
        list changed): the words are then those asked before, and a worker loads the Hebrew one only
        for a word that needs it (were many new, each worker would load it)."""
        if self.checker is None:
            return None
        from editor.core.spelling.portable import portable

        return portable(self.checker, wait=self._waits)

    @property
    def _waits(self) -> bool:
        kept = self._answers_kept  # taken first in any case: the workers are given them
        return self.new_bodies or not kept

    @property
    def loading(self) -> bool:
        """Whether `portable` would wait for the Hebrew dictionary, still loading."""
        if not self.sendable or not self._waits:
            return False
        from editor.core.spelling.portable import still_loading

        return still_loading(self.checker)  # type: ignore[arg-type]

    @cached_property
    def _answers_kept(self) -> bool:
        """Whether the library kept what the dictionaries answered before, word by word (taken now)."""
        return self._stored is not None and self._stored.take_kept_answers()

    @cached_property
    def sendable(self) -> bool:
        """Whether `portable` is not None, known without waiting for the dictionaries."""
        if self.checker is None:
            return False
        from editor.core.spelling.portable import can_be_sent

        return can_be_sent(self.checker)

    def unanswered(self, posts: list[Post]) -> dict[int, list[str]]:
        """The texts of each post the library has no answers for (each text once, with the first post
        that has it), when the checker can be sent to workers; else none: the check asks them itself."""
        if self._stored is None or not self.sendable:
            return {}
        seen: set[str] = set()
        found: dict[int, list[str]] = {}
        for post in posts:
            texts = [t for t in self._stored.unanswered((post.title, post.lead, post.body)) if t not in seen]
            seen.update(texts)
            if texts:
                found[stored_id(post)] = texts
        return found

    def want_hebrew(self, unspelled: dict[int, list[str]], *, for_workers: bool) -> None:
        """Say whether this export will ask the Hebrew dictionary (`portable.want_hebrew`, for one left
        for later): when the library kept none of the dictionaries' answers, when workers are to be given
        it loaded (`portable`: new bodies to spell), or when a text to spell (the `unanswered` ones) has
        a word never asked."""
        from editor.core.spelling.portable import want_hebrew

        checker = self.checker
        want_hebrew(checker is not None and (not self._answers_kept or (for_workers and self.loading) or any(
            checker.would_wait(text) for texts in unspelled.values() for text in texts)))

    def would_wait(self, post: Post) -> bool:
        """Whether the check of this post's texts would wait for the Hebrew dictionary, still loading."""
        if self.checker is None:
            return False
        asked = self._stored if self._stored is not None else self.checker  # the library's answers first
        return any(asked.would_wait(text) for text in (post.title, post.lead, post.body))

    @property
    def ask(self) -> Callable[[str], list] | None:
        """The checker's own `misspellings` (for this process's share of the workers' texts)."""
        return self.checker.misspellings if self.checker is not None else None

    def learn(self, answers: dict[str, list[list]], words: dict[str, bool] | None = None) -> None:
        """Texts' misspellings found elsewhere (an export's workers), and what their dictionaries
        answered word by word (kept with this checker's)."""
        if self._stored is not None and answers:
            self._stored.learn(answers)
        if self.checker is not None and words:
            self.checker.take_answers(words)

    def keep(self) -> None:
        if self._stored is not None:
            self._stored.store()

    @property
    def for_check(self) -> Callable[[str], list] | None:
        """What the pre-publish check asks a text's misspelled words of: the library's answers first."""
        return self._stored or self.ask
