"""Forked export workers find their work in the memory they were forked with: nothing of it is pickled
to them (pickling the posts and their pages cost more than making them at 5,000 posts)."""

import hashlib
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from editor.core.export import parallel
from editor.core.models import Post, Status
from editor.core.related.analyzer import analyze

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


class Unsendable(Post):
    """A post that refuses to be pickled."""

    def __reduce__(self):
        raise TypeError("this post is not to be pickled")


@dataclass
class Pages:
    """Makes each post's page (can be sent to a spawned worker)."""

    def __call__(self, post):
        return {f"{post.slug}/index.html": f"<p>{post.title}</p>".encode()}

    def share(self, posts):
        return self


class UnsendablePages(Pages):
    """Makes each post's page; refuses to be pickled."""

    def __reduce__(self):
        raise TypeError("this maker is not to be pickled")


# Both ways a worker starts, each where this system has it.
START_METHODS = pytest.mark.parametrize("method", [
    pytest.param(method, marks=pytest.mark.skipif(method not in multiprocessing.get_all_start_methods(),
                                                  reason=f"no {method} here"))
    for method in ("fork", "spawn")])


def sendable_posts(count):
    """Posts a spawned worker can be sent."""
    return [Post(title=f"פוסט {n}", body="גוף", id=n, slug=f"post-{n}", status=Status.PUBLISHED)
            for n in range(1, count + 1)]


def posts(count):
    return [Unsendable(title=f"פוסט {n} על חינוך", body=f"גוף {n} על בתי ספר", id=n, slug=f"post-{n}",
                       status=Status.PUBLISHED) for n in range(1, count + 1)]


@needs_fork
def test_forked_workers_analyze_posts_that_cannot_be_pickled():
    batch = posts(4 * parallel.MIN_POSTS_PER_WORKER)
    seen = {}
    parallel.prepare_all([], 2, to_analyze=batch, meanwhile=seen.update, method="fork")
    assert seen == {post.id: analyze(post) for post in batch}


@needs_fork
def test_forked_workers_write_pages_whose_maker_cannot_be_pickled(tmp_path):
    batch = posts(4 * parallel.MIN_POSTS_PER_WORKER)
    written, unchanged = parallel.write_all(tmp_path, batch, 2, UnsendablePages(), first={},
                                            last=lambda: {"index.html": b"<ul></ul>"}, method="fork")
    assert unchanged == []
    assert sorted(path.relative_to(tmp_path).as_posix() for path in written) == sorted(
        [f"post-{post.id}/index.html" for post in batch] + ["index.html"])
    assert (tmp_path / "post-7" / "index.html").read_text(encoding="utf-8") == "<p>פוסט 7 על חינוך</p>"


@START_METHODS
def test_the_digests_the_workers_give_back_are_those_of_the_files_written(tmp_path, method):
    batch = sendable_posts(4 * parallel.MIN_POSTS_PER_WORKER)
    digests = {}
    written, _ = parallel.write_all(tmp_path, batch, 2, Pages(), first={"site.css": b"p {}"},
                                    last=lambda: {"index.html": b"<ul></ul>"}, method=method, digests=digests)
    on_disk = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in written}
    assert digests == {path: (hashlib.sha256(data).hexdigest(), len(data)) for path, data in on_disk.items()}


@START_METHODS
def test_a_check_that_blocks_beside_the_workers_leaves_nothing_written(tmp_path, method):
    batch = sendable_posts(4 * parallel.MIN_POSTS_PER_WORKER)
    made = []

    def blocked():
        made.append("checked")
        raise ValueError("the check found errors")

    with pytest.raises(ValueError, match="the check found errors"):
        parallel.write_all(tmp_path, batch, 2, Pages(), first={}, last=lambda: {"index.html": b"<ul></ul>"},
                           method=method, before=blocked)
    assert made == ["checked"]
    # nothing but the staging folder's records, which the export's folder removes (`staging.export_folder`)
    assert [p for p in tmp_path.rglob("*") if p.is_file() and ".ktav-staging" not in p.parts] == []




def test_with_no_worker_a_body_is_rendered_in_a_forked_copy_while_the_related_posts_are_chosen_here():
    from editor.core.render.pipeline import render_or_error

    bodies = ['## פרק א\n\nשורה על רש"י ועל **2026**.', "שנייה, עם [קישור](https://example.org).",
              "- " * 10_000 + "עמוק מדי"]  # refused there as here
    units = [parallel.Unit(body, None, []) for body in bodies] + [parallel.Unit(None, None, [])]
    meanwhile_in = []
    prepared = parallel.prepare_all(units, 2, meanwhile=lambda analyses: meanwhile_in.append(os.getpid()),
                                    render_aside=True)
    assert meanwhile_in == [os.getpid()]
    here = [render_or_error(body) for body in bodies]
    assert prepared.rendered[:2] == here[:2] and prepared.rendered[3] is None
    assert type(prepared.rendered[2]) is type(here[2]) and str(prepared.rendered[2]) == str(here[2])  # an exception


@needs_fork
def test_bodies_rendered_aside_come_from_another_process(monkeypatch):
    import editor.core.render.pipeline as pipeline

    monkeypatch.setattr(pipeline, "render_or_error", lambda body: (os.getpid(), body))
    prepared = parallel.prepare_all([parallel.Unit("שלום", None, [])], 2, render_aside=True)
    rendered_by, body = prepared.rendered[0]
    assert body == "שלום" and rendered_by != os.getpid()
    here = parallel.prepare_all([parallel.Unit("שלום", None, [])], 2)
    assert here.rendered[0][0] == os.getpid()


@needs_fork
def test_an_exports_post_folders_are_made_by_one_worker_at_a_time_never_by_the_export_itself(tmp_path, monkeypatch):
    from editor.core.export import export_posts
    from editor.core.library.store import Library

    library = Library.open(tmp_path / "lib.sqlite")
    for n in range(6 * parallel.MIN_POSTS_PER_WORKER):
        library.add_post(Post(title=f"פוסט {n} על רש\"י ועל AI", body=f"פסקה {n} על חינוך ב־2026.\n\nעוד פסקה.",
                              status=Status.APPROVED))
    record = tmp_path / "mkdirs.txt"
    _recorded_mkdirs(monkeypatch, record)
    out = tmp_path / "site"
    result = export_posts(library, out, workers=2, start_method="fork")
    library.close()
    pages = {path.parent for path in result.written if path.name == "index.html" and path.parent != out}
    assert len(pages) == 6 * parallel.MIN_POSTS_PER_WORKER
    made = _made(record, pages)
    assert len(made) == len(pages)
    assert os.getpid() not in {pid for pid, _, _ in made}  # the render worker, then the files' worker
    _one_at_a_time(made)


def _recorded_mkdirs(monkeypatch, record: Path) -> None:
    real_mkdir = os.mkdir

    def recording(path, *args, **kwargs):
        start = time.monotonic_ns()
        try:
            return real_mkdir(path, *args, **kwargs)
        finally:
            line = f"{os.getpid()}\t{start}\t{time.monotonic_ns()}\t{os.fspath(path)}\n".encode()
            descriptor = os.open(record, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            os.write(descriptor, line)
            os.close(descriptor)

    monkeypatch.setattr(os, "mkdir", recording)  # forked workers inherit it


def _made(record: Path, folders) -> list[tuple[int, int, int]]:
    return [(int(pid), int(start), int(end)) for pid, start, end, path in
            (line.split("\t") for line in record.read_text(encoding="utf-8").splitlines()) if Path(path) in folders]


def _one_at_a_time(made: list[tuple[int, int, int]]) -> None:
    made = sorted(made, key=lambda entry: entry[1])
    for (pid, _, end), (next_pid, next_start, _) in zip(made, made[1:]):
        assert pid == next_pid or end <= next_start  # two processes never make folders in one at once


@needs_fork
def test_the_folders_to_make_first_are_made_by_one_worker_before_anything_is_staged(tmp_path, monkeypatch):
    batch = posts(4 * parallel.MIN_POSTS_PER_WORKER)
    out = tmp_path / "site"
    first = [out / f"post-{post.id}" for post in batch[::2]]  # as if this process had rendered them
    record = tmp_path / "mkdirs.txt"
    _recorded_mkdirs(monkeypatch, record)
    staged = []
    real_stage = parallel._stage_claimed

    def noting(*args, **kwargs):
        staged.append((os.getpid(), time.monotonic_ns()))
        return real_stage(*args, **kwargs)

    monkeypatch.setattr(parallel, "_stage_claimed", noting)
    written, _ = parallel.write_all(out, batch, 2, UnsendablePages(), first={}, last=lambda: {}, method="fork",
                                    folders_first=first)
    assert len(written) == len(batch)
    made = _made(record, set(first))
    assert len(made) == len(first) and len({pid for pid, _, _ in made}) == 1  # one worker made them all
    assert os.getpid() not in {pid for pid, _, _ in made}
    here = [at for pid, at in staged if pid == os.getpid()]
    assert here and here[0] >= max(end for _, _, end in made)  # this one staged only once they were made


@needs_fork
def test_every_render_a_worker_sends_back_comes_to_its_post_in_order(monkeypatch):
    import editor.core.render.pipeline as pipeline

    monkeypatch.setattr(pipeline, "render_or_error", lambda body: (os.getpid(), body))
    # more chunks than a worker sends at once, and a last send of fewer
    count = 3 * parallel.SEND_CHUNKS * parallel.CHUNK_UNITS + 5
    bodies = [f'פסקה {n} על רש"י' for n in range(count)]
    # this process busy choosing related posts meanwhile: the worker renders most
    prepared = parallel.prepare_all([parallel.Unit(body, None, []) for body in bodies], 2,
                                    meanwhile=lambda analyses: time.sleep(0.2), method="fork")
    assert [body for _, body in prepared.rendered] == bodies
    assert {pid for pid, _ in prepared.rendered} - {os.getpid()}  # a worker rendered some (this one was busy)


@needs_fork
def test_a_render_that_fails_in_a_worker_stops_the_first_pass_with_its_error(monkeypatch):
    import editor.core.render.pipeline as pipeline

    here = os.getpid()

    def render(body):
        if os.getpid() != here:
            raise RuntimeError(f"cannot render {body}")
        return body

    monkeypatch.setattr(pipeline, "render_or_error", render)
    units = [parallel.Unit(f"גוף {n}", None, []) for n in range(4 * parallel.SEND_CHUNKS * parallel.CHUNK_UNITS)]
    with pytest.raises(RuntimeError, match="cannot render"):
        parallel.prepare_all(units, 2, meanwhile=lambda analyses: time.sleep(0.2), method="fork")


def _killed_on_three(number):
    """A task whose worker is killed outright (SIGKILL, as the system does short of memory) at task 3."""
    import signal

    if number == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return number


@needs_fork
def test_a_picture_worker_killed_mid_batch_ends_the_batch_with_worker_lost():
    import multiprocessing

    pool = parallel.pool_maker("fork")(2)
    with pool as processes, pytest.raises(parallel.WorkerLost):
        list(processes.imap_unordered(_killed_on_three, range(40)))
    assert all(not worker.is_alive() for worker in pool._pool)  # none left running, none started in its place
    assert multiprocessing.active_children() == []
