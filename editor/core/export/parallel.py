"""The Markdown of a big export rendered on forked processes, while this one does other work."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

MIN_POSTS_PER_WORKER = 16


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_all(posts: list, workers: int, *, meanwhile: Callable[[], None] = lambda: None) -> dict:
    """Rendered posts by id, with `workers` processes in all: this one runs `meanwhile` (choosing the
    related posts takes about as long as the Markdown) while `workers - 1` forked ones render. Without
    fork, with one worker or few posts, `meanwhile` runs first and this process renders.

    Workers get the posts' bodies as they are forked and send back only the rendered results; they
    never touch the library.
    """
    from editor.core.render import render_markdown

    workers = min(workers, len(posts) // MIN_POSTS_PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        meanwhile()
        return {post.id: render_markdown(post.body) for post in posts}
    global _bodies
    _bodies = [post.body for post in posts]
    processes = workers - 1
    chunks = [range(start, len(posts), processes) for start in range(processes)]
    results: list = [None] * len(posts)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pending = pool.map_async(_render, chunks)
            meanwhile()
            for chunk, rendered in zip(chunks, pending.get()):
                for number, result in zip(chunk, rendered):
                    results[number] = result
    finally:
        _bodies = []
    return {post.id: result for post, result in zip(posts, results)}


_bodies: list[str] = []  # the bodies of the batch being rendered, inherited by the forked workers


def _render(numbers: range) -> list:
    from editor.core.render import render_markdown

    return [render_markdown(_bodies[number]) for number in numbers]
