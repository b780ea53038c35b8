"""Which forms' stems depend on which words: word → forms, read from a snapshot's flat arrays word by word.

A snapshot keeps the dependencies of every form the index ever decided, tens of thousands of words;
an export after one change asks about the few words that came or went. So the flat arrays a snapshot
holds are only indexed when loaded, and a word's set of forms is made the first time it is asked.
"""

from __future__ import annotations

import numpy as np

Packed = tuple[str, np.ndarray, np.ndarray]  # words joined by newlines, each word's count of forms, the forms


class WordDependencies:
    """word → the forms whose stem may change when the word comes into the library or leaves it."""

    def __init__(self, packed: Packed | None = None) -> None:
        self._sets: dict[str, set[int]] = {}
        self._packed = packed
        self._where: dict[str, int] | None = None  # word → its number in the packed words
        self._ends: np.ndarray | None = None  # where each packed word's forms end

    def forms_of(self, word: str) -> set[int]:
        """The forms depending on `word` (an empty set for none; not to be changed by the caller)."""
        found = self._sets.get(word)
        if found is None:
            found = self._unpacked(word)
        return found if found is not None else set()

    def add(self, word: str, form: int) -> None:
        found = self._sets.get(word)
        if found is None:
            found = self._sets[word] = self._unpacked(word) or set()
        found.add(form)

    def packed(self) -> Packed:
        """Everything, as the flat arrays a snapshot keeps."""
        words: list[str] = []
        lengths: list[int] = []
        parts: list[np.ndarray] = []
        if self._packed is not None:
            old_words, old_lengths, old_forms = self._packed
            split = old_words.split("\n") if old_words else []
            kept = np.fromiter((word not in self._sets for word in split), dtype=bool, count=len(split))
            words.extend(word for word, keep in zip(split, kept.tolist()) if keep)
            lengths.extend(old_lengths[kept].tolist())
            parts.append(old_forms[np.repeat(kept, old_lengths)])
        for word, forms in self._sets.items():
            words.append(word)
            lengths.append(len(forms))
            parts.append(np.fromiter(forms, dtype=np.int64, count=len(forms)))
        flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return "\n".join(words), np.asarray(lengths, dtype=np.int64), flat.astype(np.int64)

    def _unpacked(self, word: str) -> set[int] | None:
        if self._packed is None:
            return None
        words, lengths, forms = self._packed
        if self._where is None or self._ends is None:
            split = words.split("\n") if words else []
            self._where = dict(zip(split, range(len(split))))
            self._ends = np.cumsum(lengths)
        number = self._where.get(word)
        if number is None:
            return None
        end = int(self._ends[number])
        found = self._sets[word] = set(forms[end - int(lengths[number]):end].tolist())
        return found
