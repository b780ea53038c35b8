"""The Markdown of a big export rendered on forked processes, while this one does other work."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

MIN_POSTS_PER_WORKER = 16


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_all(posts: list, workers: int, *, meanwhile: Callable[[], None] = lambda: None) -> dict:
    """Rendered posts by id; `meanwhile` runs in this process while forked workers render (or before
    rendering here: without fork, with one worker or few posts).

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
    chunks = [range(start, len(posts), workers) for start in range(workers)]
    results: list = [None] * len(posts)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
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
