"""The related posts of an export of all chosen in a forked copy from the command line's first moment:
the same pages as a full export, the copy's cache rows kept by the export, and the export choosing them
itself when the copy read another library than it exports, or died."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_export_incremental import _full_export, _sample_library, _tree

from editor.core.export import export_posts
from editor.core.export.related_aside import RelatedAside
from editor.core.forked import can_fork
from editor.core.library.store import Library

ROOT = Path(__file__).resolve().parents[3]
needs_fork = pytest.mark.skipif(not can_fork(), reason="the copy is forked")


def _kept_rows(path: Path) -> dict[int, str]:
    """The digest of each post's row as its kept suggestions were ranked from."""
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("SELECT post_id, row_digest FROM related_suggestions"))
    finally:
        db.close()


def _exported_once(tmp_path: Path) -> tuple[Library, Path]:
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)  # a first export: caches and a related snapshot kept
    return library, out


@needs_fork
def test_the_command_line_after_a_body_edit_writes_a_full_exports_bytes_and_keeps_what_the_copy_ranked(tmp_path):
    library, out = _exported_once(tmp_path)
    post = library.all_posts()[5]
    library.save_post(post.copy(body=post.body + "\n\nפסקה על רש\"י, על ה-AI ועל 1,200 תלמידים שנוספה.\n"))
    library.close()
    shutil.copytree(out, tmp_path / "full")
    before = _kept_rows(tmp_path / "lib.sqlite")

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--db", str(tmp_path / "lib.sqlite"),
                           "--all", "--jobs", "2", "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr

    _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")
    # The copy's rows reached the library: the edited post's row, as its suggestions were ranked again.
    after = _kept_rows(tmp_path / "lib.sqlite")
    assert after[post.id] != before[post.id]
    with Library.open(tmp_path / "lib.sqlite") as reopened:
        again = export_posts(reopened, out)
    assert again.written == []


def _command_line_export(library: Path, out: Path) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", "--db", str(library), "--all", "--jobs", "2",
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_fork
def test_the_command_line_after_a_title_edit_writes_the_index_and_pages_of_a_full_export(tmp_path):
    _sample_library(tmp_path / "lib.sqlite").close()
    out = tmp_path / "site"
    _command_line_export(tmp_path / "lib.sqlite", out)  # as a writer exports: spell-checked, its answers kept
    with Library.open(tmp_path / "lib.sqlite") as library:
        post = library.all_posts()[3]
        library.save_post(post.copy(title="כותרת חדשה: רש\"י ו-AI ב־2026"))
    shutil.copytree(out, tmp_path / "full")
    index_before = (out / "index.html").read_bytes()

    written = _command_line_export(tmp_path / "lib.sqlite", out)
    # The index, made while the copy chose the related posts, shows the new title.
    assert f"wrote {out / 'index.html'}" in written and (out / "index.html").read_bytes() != index_before
    assert "כותרת חדשה: רש" in (out / "index.html").read_text(encoding="utf-8")
    _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")


_BEGUN = """
import os, select, signal, sys
from pathlib import Path
from editor.core.export import export_posts
from editor.core.export.related_aside import RelatedAside
from editor.core.library.store import Library

path, out = Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None
aside = RelatedAside.start(path)
assert aside is not None
"""


def _in_a_process(script: str, *args: Path) -> None:
    """`script` run by a Python of its own (a process with no other thread, as the command line's when
    it begins the copy; this one has pytest-timeout's), once it began the copy (`aside`) of the library
    at `path`, the first argument (`out`: the second)."""
    done = subprocess.run([sys.executable, "-c", _BEGUN + textwrap.dedent(script), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="waits for the copy through /proc")
def test_a_library_changed_after_the_copy_read_it_is_exported_as_it_is_now(tmp_path):
    library, out = _exported_once(tmp_path)
    library.close()
    shutil.copytree(out, tmp_path / "full")
    # Meanwhile the writer retitles a post and gives another post the first one's text.
    _in_a_process("""
        stat = Path(f"/proc/{aside._aside._child}/stat")
        while stat.exists() and stat.read_text().split(") ")[1][0] != "Z":
            select.select([], [], [], 0.01)  # until the copy has answered: it chose from the library as it was
        with Library.open(path) as library:
            posts = library.all_posts()
            library.save_post(posts[2].copy(title="כותרת חדשה לגמרי"))
            library.save_post(posts[7].copy(body=posts[7].body + "\\n\\n" + posts[1].body))
            export_posts(library, out, related_aside=aside)
    """, tmp_path / "lib.sqlite", out)

    _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")


@needs_fork
def test_a_copy_killed_leaves_the_choosing_to_the_export(tmp_path):
    library, out = _exported_once(tmp_path)
    post = library.all_posts()[4]
    library.save_post(post.copy(body=post.body + "\n\nעוד פסקה, עם ניקוד: שָׁלוֹם.\n"))
    library.close()
    shutil.copytree(out, tmp_path / "full")
    _in_a_process("""
        os.kill(aside._aside._child, signal.SIGKILL)
        with Library.open(path) as library:
            export_posts(library, out, related_aside=aside)
    """, tmp_path / "lib.sqlite", out)

    _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")


@needs_fork
def test_a_first_export_begins_no_copy_but_a_later_one_does(tmp_path):
    _sample_library(tmp_path / "lib.sqlite").close()
    begun = """
        import sys
        from pathlib import Path
        from editor.core.export.related_aside import RelatedAside
        aside = RelatedAside.start(Path(sys.argv[1]))
        print("begun" if aside is not None else "none")
        if aside is not None:
            aside.abandon()
    """

    def begins() -> str:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(begun), str(tmp_path / "lib.sqlite")],
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert begins() == "none"  # nothing kept to answer from: no copy takes a core from the first export
    with Library.open(tmp_path / "lib.sqlite") as library:
        export_posts(library, tmp_path / "site")
    assert begins() == "begun"


def test_no_copy_is_begun_beside_another_thread(tmp_path):
    import threading

    _sample_library(tmp_path / "lib.sqlite").close()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert RelatedAside.start(tmp_path / "lib.sqlite") is None
    finally:
        stop.set()
        thread.join()


def test_whether_the_copy_may_answer_is_read_from_the_file_without_the_librarys_code(tmp_path):
    from editor.core.export.related_aside import may_answer_at

    folder = tmp_path / "ספרייה #1 ?של כולם%20"  # every character a file URI has to escape
    folder.mkdir()
    path = folder / "lib.sqlite"
    _sample_library(path).close()
    assert not may_answer_at(path)  # a first export: nothing kept for the copy to answer from
    with Library.open(path) as library:
        export_posts(library, tmp_path / "site")
    assert may_answer_at(path)
    link = tmp_path / "קישור.sqlite"
    link.symlink_to(path)
    assert may_answer_at(link)

    not_a_library = tmp_path / "notes.sqlite"
    not_a_library.write_text("רשימות, לא ספרייה", encoding="utf-8")
    assert not may_answer_at(not_a_library)
    assert not may_answer_at(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()  # looked at read-only: nothing made
