"""The costly part of a big export (Markdown and related-post choice) spread over forked processes."""

from __future__ import annotations

import multiprocessing
import os

MIN_POSTS_PER_WORKER = 16

_child_job = None  # set in each forked worker only: the job it inherited, with its own library connection


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_and_relate(job, posts: list, workers: int) -> dict:
    """Rendered posts by id; related posts are chosen on the way (kept by the job) when run in parallel.

    Processes are forked, so they inherit the related index instead of rebuilding it; each opens its own
    read-only connection to the library. Without fork, with one worker or few posts: in this process.
    """
    from editor.core.render import render_markdown

    workers = min(workers, len(posts) // MIN_POSTS_PER_WORKER)
    library_path = getattr(job.library, "path", None)
    if workers < 2 or library_path is None or "fork" not in multiprocessing.get_all_start_methods():
        return {post.id: render_markdown(post.body) for post in posts}
    job.related_index  # built once here, inherited by every worker
    chunks = [[post.id for post in posts[start::workers]] for start in range(workers)]
    rendered = {}
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(job, library_path)) as pool:
        for results in pool.imap_unordered(_work, chunks):
            for post_id, post_rendered, related_ids in results:
                rendered[post_id] = post_rendered
                job.remember_related(post_id, related_ids)
    return rendered


def _start_worker(job, library_path) -> None:
    from editor.core.library import Library

    global _child_job
    job.library = Library.open(library_path, read_only=True)
    _child_job = job


def _work(post_ids: list[int]) -> list[tuple]:
    from editor.core.render import render_markdown

    job = _child_job
    results = []
    for post_id in post_ids:
        post = job.post_by_id(post_id)
        results.append((post_id, render_markdown(post.body), [p.id for p in job.related(post)]))
    return results
