"""The web copies a whole export needs: found in the cache, the missing ones made on worker processes.

Each picture is read from its source and decoded once for all its missing copies. Workers take a
picture's bytes and return what they made (already written to the cache); they never touch the
library. A picture that cannot be decoded is reported, not raised: the caller says what it means.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import KtavError
from editor.core.photos.cache import CachedCopy, CopyCache
from editor.core.photos.decode import PictureRefused
from editor.core.photos.shapes import Ask

# Fewer pictures to make than this are made here: starting processes would cost more.
MIN_PICTURES_FOR_WORKERS = 4


@dataclass
class Copies:
    """The copies found or made, by (picture sha256, shape), and the pictures that failed (sha256 ->
    the KtavError saying why)."""

    found: dict[tuple[str, Ask], CachedCopy] = field(default_factory=dict)
    failed: dict[str, KtavError] = field(default_factory=dict)
    made: int = 0  # how many copies had to be made (0 on an export whose pictures did not change)

    def get(self, sha256: str, ask: Ask) -> CachedCopy | None:
        return self.found.get((sha256, ask))


@dataclass(frozen=True)
class _Task:
    sha256: str
    mime: str
    data: bytes
    asks: tuple[Ask, ...]
    folder: Path


def ensure_copies(cache: CopyCache, wanted: dict[str, set[Ask]],
                  picture: Callable[[str], tuple[str, bytes] | None], *, workers: int = 1,
                  pool: Callable[[int], object] | None = None) -> Copies:
    """Every wanted copy (picture sha256 -> its asks: shape and encoding). `picture(sha256)` gives (mime, bytes) of an
    original, or None when it is missing (then left out); it is called here, one picture at a time,
    only for pictures with a copy to make. `pool(n)` makes n worker processes (a multiprocessing
    Pool); without it, or with one worker, everything is made in this process."""
    copies = Copies()
    missing: dict[str, tuple[Ask, ...]] = {}
    for sha256, asks in sorted(wanted.items()):
        for ask in sorted(asks):
            found = cache.get(sha256, *ask)
            if found is None:
                missing[sha256] = (*missing.get(sha256, ()), ask)
            else:
                copies.found[(sha256, ask)] = found
    if not missing:
        return copies
    tasks = _tasks(missing, cache.folder, picture)
    if pool is not None and workers >= 2 and len(missing) >= MIN_PICTURES_FOR_WORKERS:
        with pool(min(workers, len(missing))) as processes:  # type: ignore[attr-defined]
            _collect(copies, processes.imap_unordered(_make, tasks))
    else:
        _collect(copies, map(_make, tasks))
    return copies


def _tasks(missing: dict[str, tuple[Ask, ...]], folder: Path,
           picture: Callable[[str], tuple[str, bytes] | None]) -> Iterator[_Task]:
    for sha256, asks in missing.items():
        original = picture(sha256)
        if original is not None:
            yield _Task(sha256, original[0], original[1], asks, folder)


def _collect(copies: Copies, results: Iterable[tuple[str, dict[Ask, CachedCopy] | tuple[str, str]]]) -> None:
    for sha256, made in results:
        if isinstance(made, tuple):
            copies.failed[sha256] = PictureRefused(*made)
            continue
        copies.made += len(made)
        copies.found.update(((sha256, ask), copy) for ask, copy in made.items())


def _make(task: _Task) -> tuple[str, dict[Ask, CachedCopy] | tuple[str, str]]:
    """In a worker (or here): one picture's missing copies, kept in the cache; or why it failed, as
    (message, message_he), which crosses processes whole."""
    try:
        from editor.core.photos.variants import make_copies  # Pillow, only when a copy is made

        made = make_copies(task.data, list(task.asks), mime=task.mime)
    except KtavError as error:
        return task.sha256, (error.message, error.message_he)
    cache = CopyCache(task.folder)
    return task.sha256, {ask: cache.put(task.sha256, *ask, copy) for ask, copy in made.items()}
