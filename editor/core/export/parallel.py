"""A big export on forked processes: the Markdown while this one chooses related posts, then the files."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

from editor.core.export.atomic import StagedFiles

MIN_POSTS_PER_WORKER = 16


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _usable(workers: int, posts: list) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(workers, len(posts) // MIN_POSTS_PER_WORKER)


def use_workers(workers: int, posts: list) -> bool:
    return _usable(workers, posts) >= 2


def render_all(posts: list, workers: int, *, meanwhile: Callable[[], None] = lambda: None,
               folders: tuple[Path, list[str]] | None = None) -> tuple[dict, list[Path]]:
    """Rendered posts by id, with `workers` processes in all: this one runs `meanwhile` (choosing the
    related posts takes about as long as the Markdown) while `workers - 1` forked ones render. Without
    fork, with one worker or few posts, `meanwhile` runs first and this process renders.

    `folders` (the export folder and the posts' folders in it) are made by the workers once their
    Markdown is done, while this one still chooses related posts; the folders made are returned with the
    rendered posts, for the writing to adopt (or the caller to remove if the export stops before it).
    Workers get the posts' bodies as they are forked and send back only the rendered results; they
    never touch the library. A post the render refuses comes back as its RenderTooComplex (and gets
    no folder).
    """
    from editor.core.render.pipeline import render_or_error

    workers = _usable(workers, posts)
    if workers < 2:
        meanwhile()
        return {post.id: render_or_error(post.body) for post in posts}, []
    global _bodies, _folders
    _bodies = [post.body for post in posts]
    _folders = folders
    processes = workers - 1
    chunks = [range(start, len(posts), processes) for start in range(processes)]
    results: list = [None] * len(posts)
    made: list[Path] = []
    try:
        with _pool(processes) as pool:
            pending = pool.map_async(_render, chunks)
            meanwhile()
            for chunk, (rendered, folders_made) in zip(chunks, pending.get()):
                made.extend(folders_made)
                for number, result in zip(chunk, rendered):
                    results[number] = result
    finally:
        _bodies, _folders = [], None
    return {post.id: result for post, result in zip(posts, results)}, made


_bodies: list[str] = []  # the bodies of the batch being rendered, inherited by the forked workers
_folders: tuple[Path, list[str]] | None = None  # the folders they make afterwards


def _pool(processes: int):
    """Forked workers that die with this process (a parent killed outright leaves no worker running)."""
    return multiprocessing.get_context("fork").Pool(processes, initializer=_die_with_parent, initargs=(os.getpid(),))


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """In a forked worker: ask Linux for SIGKILL when the parent dies, and leave if it died already
    (between the fork and this call)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: a worker then ends when its pipe to the parent does
        pass
    if os.getppid() != parent:
        os._exit(1)


def _render(numbers: range) -> tuple[list, list[Path]]:
    from editor.core.render.pipeline import render_or_error

    rendered = [render_or_error(_bodies[number]) for number in numbers]
    if _folders is None:
        return rendered, []
    out_dir, relative = _folders
    with StagedFiles(out_dir) as staged:
        for folder, result in zip(relative[numbers.start::numbers.step], rendered):
            if not isinstance(result, Exception):
                staged.make_folder(out_dir / folder)
        _, made = staged.detach()
    return rendered, made


def write_all(out_dir: Path, posts: list, workers: int, post_files: Callable[[object], dict[str, bytes]], *,
              first: dict[str, bytes], last: Callable[[], dict[str, bytes]],
              made: list[Path] = ()) -> tuple[list[Path], list[Path]]:
    """Make and stage the files of `posts` on `workers` processes (this one too), each its share of the
    posts, then rename them all into place here: `first`, each post's in the order of `posts`, then
    `last()` (made here while the others work). As `atomic.write_files`: all or, failing, nothing staged
    (nor the folders `made` for this export beforehand).

    Workers are forked with everything they need read already (`post_files` must not touch the library).
    """
    global _share_job
    workers = _usable(workers, posts)
    shares = [posts[start::workers] for start in range(workers)]
    _share_job = (Path(out_dir), shares, post_files)
    results: dict[int, tuple] = {}
    failure: BaseException | None = None
    try:
        with _pool(workers - 1) as pool:
            pending = [pool.apply_async(_stage_share, (number,)) for number in range(1, workers)]
            try:
                results[0] = _stage_share(0)
                closing = last()
            except BaseException as error:
                failure, closing = error, {}
            for number, result in enumerate(pending, start=1):
                try:
                    results[number] = result.get()
                except BaseException as error:
                    failure = failure or error
    finally:
        _share_job = None
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


_share_job = None  # (folder, shares, post_files) of the files being made, inherited by the forked workers


def _stage_share(number: int) -> tuple[dict[int, list], list[Path]]:
    """Share `number`'s files, staged: their temporaries by post id, and the folders made."""
    out_dir, shares, post_files = _share_job
    # Every file first, then the staging: staging threads waking from fsync while this thread renders
    # would take the interpreter lock from it again and again.
    made_files = [(post.id, post_files(post)) for post in shares[number]]
    by_post = {}
    with StagedFiles(out_dir) as staged:
        for post_id, files in made_files:
            for path, data in files.items():
                staged.add(path, data)
            by_post[post_id] = list(files)
        entries, made = staged.detach()
    found = iter(entries)
    return {post_id: [next(found) for _ in names] for post_id, names in by_post.items()}, made
