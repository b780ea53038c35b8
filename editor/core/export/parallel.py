"""A big export on worker processes: the Markdown while this one chooses related posts, then the files.

Workers are forked where the system can fork (they start at once, with the modules loaded) and
spawned elsewhere (Windows, macOS, a frozen Ktav there); either way they are given what they need as
their task's arguments, and send back only results: the output is the same byte for byte.
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from editor.core.errors import ExportError
from editor.core.export.atomic import StagedFiles

MIN_POSTS_PER_WORKER = 16


class PostFiles(Protocol):
    """Makes a post's files (`post_files(post)` -> {path: bytes}) without the library, and can be pickled."""

    def __call__(self, post: Any) -> dict[str, bytes]: ...

    def share(self, posts: list) -> PostFiles:
        """What making these posts' files needs and no more (sent to one worker)."""
        ...


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def start_method(requested: str | None = None) -> str:
    """`fork` where this system has it, else `spawn`; or the method asked for (a test asks for spawn)."""
    available = multiprocessing.get_all_start_methods()
    if requested is not None:
        if requested not in available:
            raise ExportError(f"start method {requested!r} is not available here ({', '.join(available)})",
                              f"שיטת ההפעלה {requested} אינה זמינה במערכת הזו ({', '.join(available)})")
        return requested
    return "fork" if "fork" in available else "spawn"


def _usable(workers: int, posts: list) -> int:
    return min(workers, len(posts) // MIN_POSTS_PER_WORKER)


def use_workers(workers: int, posts: list) -> bool:
    return _usable(workers, posts) >= 2


def render_all(posts: list, workers: int, *, meanwhile: Callable[[], None] = lambda: None,
               folders: tuple[Path, list[str]] | None = None, method: str | None = None) -> tuple[dict, list[Path]]:
    """Rendered posts by id, with `workers` processes in all: this one runs `meanwhile` (choosing the
    related posts takes about as long as the Markdown) while `workers - 1` others render. With one
    worker or few posts, `meanwhile` runs first and this process renders.

    `folders` (the export folder and the posts' folders in it) are made by the workers once their
    Markdown is done, while this one still chooses related posts; the folders made are returned with the
    rendered posts, for the writing to adopt (or the caller to remove if the export stops before it).
    Workers get the posts' bodies and send back only the rendered results; they never touch the
    library. A post the render refuses comes back as its RenderTooComplex (and gets no folder).
    """
    from editor.core.render.pipeline import render_or_error

    workers = _usable(workers, posts)
    if workers < 2:
        meanwhile()
        return {post.id: render_or_error(post.body) for post in posts}, []
    processes = workers - 1
    chunks = [range(start, len(posts), processes) for start in range(processes)]
    tasks = [([posts[n].body for n in chunk],
              None if folders is None else (folders[0], [folders[1][n] for n in chunk])) for chunk in chunks]
    results: list = [None] * len(posts)
    made: list[Path] = []
    with _pool(processes, method) as pool:
        pending = pool.map_async(_render, tasks)
        meanwhile()
        for chunk, (rendered, folders_made) in zip(chunks, pending.get()):
            made.extend(folders_made)
            for number, result in zip(chunk, rendered):
                results[number] = result
    return {post.id: result for post, result in zip(posts, results)}, made


def pool_maker(method: str | None = None) -> Callable[[int], object]:
    """What makes worker processes for an export's other batch work (its pictures): like the ones
    here, they die with this process; forked where the system can, else spawned (`method` overrides)."""
    return functools.partial(_pool, method=method)


def _pool(processes: int, method: str | None):
    """Worker processes that die with this process (a parent killed outright leaves no worker running)."""
    context = multiprocessing.get_context(start_method(method))
    return context.Pool(processes, initializer=_die_with_parent, initargs=(os.getpid(),))


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """In a worker: ask Linux for SIGKILL when the parent dies, and leave if it died already
    (between the worker's start and this call)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a worker then ends when its pipe to the parent does
        pass
    if os.getppid() != parent:
        os._exit(1)


def _render(task: tuple[list[str], tuple[Path, list[str]] | None]) -> tuple[list, list[Path]]:
    from editor.core.render.pipeline import render_or_error

    bodies, folders = task
    rendered = [render_or_error(body) for body in bodies]
    if folders is None:
        return rendered, []
    out_dir, relative = folders
    with StagedFiles(out_dir) as staged:
        for folder, result in zip(relative, rendered):
            if not isinstance(result, Exception):
                staged.make_folder(out_dir / folder)
        _, made = staged.detach()
    return rendered, made


def write_all(out_dir: Path, posts: list, workers: int, post_files: PostFiles, *,
              first: dict[str, bytes], last: Callable[[], dict[str, bytes]],
              made: Sequence[Path] = (), method: str | None = None) -> tuple[list[Path], list[Path]]:
    """Make and stage the files of `posts` on `workers` processes (this one too), each its share of the
    posts, then rename them all into place here: `first`, each post's in the order of `posts`, then
    `last()` (made here while the others work). As `atomic.write_files`: all or, failing, nothing staged
    (nor the folders `made` for this export beforehand).

    Each worker is sent its share of `post_files` (which must not touch the library).
    """
    workers = _usable(workers, posts)
    shares = [posts[start::workers] for start in range(workers)]
    results: dict[int, tuple] = {}
    failure: BaseException | None = None
    with _pool(workers - 1, method) as pool:
        pending = [pool.apply_async(_stage_share, ((Path(out_dir), share, post_files.share(share)),))
                   for share in shares[1:]]
        try:
            results[0] = _stage_share((Path(out_dir), shares[0], post_files))
            closing = last()
        except BaseException as error:
            failure, closing = error, {}
        for number, result in enumerate(pending, start=1):
            try:
                results[number] = result.get()
            except BaseException as error:
                failure = failure or error
    with StagedFiles(out_dir) as staged:
        staged.adopt([], list(made))
        for _, share_made in results.values():
            staged.adopt([], share_made)
        if failure is not None:
            for by_post, _ in results.values():
                staged.adopt([entry for entries in by_post.values() for entry in entries], [])
            raise failure  # leaving the block discards what was staged
        for path, data in first.items():
            staged.add(path, data)
        by_post = {post_id: entries for by, _ in results.values() for post_id, entries in by.items()}
        for post in posts:
            staged.adopt(by_post[post.id], [])
        for path, data in closing.items():
            staged.add(path, data)
        return staged.commit()


def _stage_share(task: tuple[Path, list, Callable[[Any], dict[str, bytes]]]) -> tuple[dict[int, list], list[Path]]:
    """A share's files, staged: their temporaries by post id, and the folders made."""
    out_dir, share, post_files = task
    # Every file first, then the staging: staging threads waking from fsync while this thread renders
    # would take the interpreter lock from it again and again.
    made_files = [(post.id, post_files(post)) for post in share]
    by_post = {}
    with StagedFiles(out_dir) as staged:
        for post_id, files in made_files:
            for path, data in files.items():
                staged.add(path, data)
            by_post[post_id] = list(files)
        entries, made = staged.detach()
    found = iter(entries)
    return {post_id: [next(found) for _ in names] for post_id, names in by_post.items()}, made
