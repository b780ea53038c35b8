"""An export after a change redoes only what changed, and gives the very bytes a full export gives."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from export_helpers import png

from editor.core.export import export_posts
from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Status

CACHE_TABLES = ("related_analysis", "rendered_bodies", "related_suggestions", "exported_files", "checked_spelling",
                "related_snapshot", "checked_posts")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _sample_library(path: Path) -> Library:
    library = Library.open(path)
    import_samples(library)
    for post in library.all_posts():
        library.set_status(post.id, Status.APPROVED)
    first = library.all_posts()[0]
    image = library.add_image(png(3, 2), filename="תמונה.png")
    library.save_post(first.copy(body=first.body + f"\n\n![ציור קטן](ktav-image:{image.sha256})\n"))
    return library


def _full_export(library_path: Path, out: Path, tmp_path: Path):
    """An export from a copy of the library without any of its caches, into an empty folder."""
    copy = tmp_path / "no-caches.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{library_path}{suffix}").exists():
            shutil.copy(f"{library_path}{suffix}", f"{copy}{suffix}")
    db = sqlite3.connect(copy)
    for table in CACHE_TABLES:
        db.execute(f"DELETE FROM {table}")
    db.commit()
    db.close()
    with Library.open(copy) as library:
        return export_posts(library, out)


def test_an_export_after_two_changes_rewrites_only_their_pages_and_matches_a_full_export(tmp_path):
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    first = export_posts(library, out)
    posts = library.all_posts()
    assert len(posts) >= 32  # the export's batch ranking, whose suggestions are kept
    assert len(first.written) > len(posts)

    again = export_posts(library, out)
    assert [p.name for p in again.written] == []  # nothing changed: nothing rewritten

    retitled, edited = posts[3], posts[10]
    library.save_post(retitled.copy(title=retitled.title + " (מעודכן)"))
    library.save_post(edited.copy(body=edited.body + "\n\nפסקה חדשה על תלמידים ומורים בנגב.\n"))
    # The full export goes into a copy of the folder as it was (an export removes no file: the page of
    # the retitled post's old address stays in both).
    shutil.copytree(out, tmp_path / "full")
    incremental = export_posts(library, out)

    full = _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")
    written = {str(p.relative_to(out)) for p in incremental.written}
    assert {"index.html", "feed.xml"} <= written | {str(p.relative_to(out)) for p in incremental.unchanged}
    assert len(written) < len(full.written + full.unchanged) / 2  # most pages were left as they were
    pages = {path for path in written if path.endswith("/index.html") and path != "index.html"}
    assert any(retitled.slug in path for path in pages) and any(edited.slug in path for path in pages)
    library.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_files_an_export_keeps_are_those_it_wrote(tmp_path, workers):
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    result = export_posts(library, out, workers=workers)
    kept = {path: entry[:2] for row in library._read("SELECT files FROM exported_files")
            for path, entry in json.loads(row["files"]).items()}
    on_disk = {path.relative_to(out).as_posix(): path.read_bytes() for path in result.written}
    assert kept == {path: [hashlib.sha256(data).hexdigest(), len(data)] for path, data in on_disk.items()}
    again = export_posts(library, out, workers=workers)  # the files kept by what they were made from
    assert again.written == [] and len(again.unchanged) == len(result.written)
    library.close()


def test_a_page_deleted_or_altered_in_the_folder_is_written_again(tmp_path):
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)
    before = _tree(out)
    post = library.all_posts()[5]
    page = next(p for p in out.rglob("index.html") if post.slug in str(p.parent))
    page.write_bytes(page.read_bytes().replace(b"<article", b"<article data-x=\"1\"", 1))
    image = next(out.rglob("assets/*"))  # a picture's web copy (WebP by default)
    image.unlink()
    result = export_posts(library, out)
    assert _tree(out) == before
    assert {page, image} <= set(result.written)
    library.close()


def test_a_page_whose_times_are_kept_is_still_written_again_once_altered_to_the_same_size(tmp_path, monkeypatch):
    from editor.core.export import caches

    monkeypatch.setattr(caches, "SETTLED_NS", -1)  # every file's times count as settled at once
    monkeypatch.setattr(caches, "SETTLED_FINE_NS", -1)
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)
    export_posts(library, out)  # the pages checked byte by byte once, and their times kept
    kept = [json.loads(row["files"]) for row in library._read("SELECT files FROM exported_files")]
    assert kept and all(len(entry) == 4 for files in kept for entry in files.values())
    before = _tree(out)
    page = next(p for p in out.rglob("index.html") if p != out / "index.html")  # a post's page
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<article", b"<ARTICLE", 1))  # the same size, other bytes
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))  # a time set back: its change time is new
    assert page.read_bytes() != data and len(page.read_bytes()) == len(data)
    result = export_posts(library, out)
    assert _tree(out) == before
    assert page in result.written
    library.close()


def test_the_index_is_made_again_only_when_what_it_shows_changed(tmp_path, monkeypatch):
    from editor.core.export import listing

    made = []
    index_page = listing.index_page
    monkeypatch.setattr(listing, "index_page", lambda *a, **k: made.append(1) or index_page(*a, **k))
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)
    post = library.all_posts()[3]
    library.save_post(post.copy(body=post.body + "\n\nפסקה שנוספה.\n"))
    made.clear()
    body_changed = export_posts(library, out)
    assert out / "index.html" in body_changed.unchanged  # it shows no body
    assert made == []  # nor the post's times, which the edit changed: not even made again in memory
    assert out / "feed.xml" in body_changed.written  # its entries carry theirs (every sample post is one)
    library.save_post(library.get_post(post.id).copy(lead=post.lead + " (מעודכן)"))
    lead_changed = export_posts(library, out)
    assert {out / "index.html", out / "feed.xml"} <= set(lead_changed.written)
    assert out / "index.html" in export_posts(library, out).unchanged
    _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")
    library.close()


def test_a_read_only_library_exports_without_its_caches(tmp_path):
    path = tmp_path / "lib.sqlite"
    _sample_library(path).close()
    with Library.open(path, read_only=True) as library:
        export_posts(library, tmp_path / "site")
    full = _full_export(path, tmp_path / "full", tmp_path)
    assert full.written and _tree(tmp_path / "site") == _tree(tmp_path / "full")


def test_rounds_of_changes_brought_into_the_kept_related_index_export_what_a_full_export_does(tmp_path):
    import random

    from editor.core.models import Post

    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)
    chance = random.Random(15)
    for round_ in range(3):
        posts = library.all_posts()
        edited, retagged, trashed = chance.sample(posts, 3)
        library.save_post(edited.copy(body=edited.body + f"\n\nסבב {round_}: תלמידים, מורים ו-AI בנגב (רש\"י).\n"))
        library.save_post(retagged.copy(tags=[*retagged.tags, "קהילה"]))
        library.move_to_trash(trashed.id)
        library.add_post(Post(title=f"פוסט חדש {round_}", body=chance.choice(posts).body, tags=["חינוך"],
                              status=Status.APPROVED))
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        shutil.copytree(out, tmp_path / "full")
        export_posts(library, out)
        _full_export(tmp_path / "lib.sqlite", tmp_path / "full", tmp_path)
        assert _tree(out) == _tree(tmp_path / "full"), f"round {round_}"
    assert library._read("SELECT count(*) FROM related_snapshot")[0][0] == 1
    library.close()


def test_temporaries_an_older_ktav_left_beside_the_pages_are_removed_by_the_next_export(tmp_path):
    from editor.core.export import caches

    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    _full_export(tmp_path / "lib.sqlite", out, tmp_path)  # the folder as another library's export left it
    pages = sorted(p for p in out.rglob("index.html") if p != out / "index.html")
    # A Ktav from before staging, killed mid-way, left its temporaries beside the files.
    left = [pages[0].with_name(".index.html.4242-1.tmp"), out / ".feed.xml.4242-7.tmp"]
    for path in left:
        path.write_bytes(b"<html>half")
    keep = pages[1].with_name("notes.tmp")  # not one of Ktav's: the writer's own
    keep.write_text("שלי", encoding="utf-8")
    assert not caches.swept(library, out)
    export_posts(library, out)
    assert not any(path.exists() for path in left)
    assert keep.read_text(encoding="utf-8") == "שלי"
    assert caches.swept(library, out)  # the next export into it needs no walk of the whole folder
    library.close()


def test_the_command_line_after_a_body_edit_writes_the_bytes_of_a_full_export(tmp_path):
    """`export --all --jobs 2` after one body edited: its Markdown rendered in a forked copy while the related
    posts are chosen, its page and no other written again."""
    db, out = tmp_path / "lib.sqlite", tmp_path / "site"
    with _sample_library(db) as library:
        edited = library.all_posts()[5]
    command = [sys.executable, str(Path(__file__).resolve().parents[3] / "main.py"), "export", "--db", str(db),
               "--out", str(out), "--all", "--jobs", "2"]
    subprocess.run(command, check=True, capture_output=True)
    with Library.open(db) as library:
        library.save_post(edited.copy(body=edited.body + '\n\n## סיכום\n\nלפי רש"י, ב-2026 נוספו 3 כיתות **חדשות**.\n'))
    shutil.copytree(out, tmp_path / "full")
    again = subprocess.run(command, check=True, capture_output=True, text=True)
    full = _full_export(db, tmp_path / "full", tmp_path)
    assert _tree(out) == _tree(tmp_path / "full")
    assert 'לפי רש"י, ב-2026 נוספו 3 כיתות <strong>חדשות</strong>.' in (out / edited.slug / "index.html").read_text("utf-8")
    rewritten = [line for line in again.stdout.splitlines() if line.startswith("wrote ") and line.endswith("index.html")]
    assert any(f"/{edited.slug}/" in line for line in rewritten) and len(rewritten) < len(full.written + full.unchanged) / 2


def test_the_caches_keep_the_newest_entries_and_no_more_than_the_library_needs(tmp_path, monkeypatch):
    from editor.core.export import caches

    monkeypatch.setattr(caches, "KEEP_EXTRA", 2)
    library = _sample_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    export_posts(library, out)
    posts = library.all_posts()
    edited = posts[3]
    for turn in range(1, 6):  # each turn a body never seen: a render, a check and files more to keep
        library.save_post(edited.copy(body=f"{edited.body}\n\nפסקה {turn} על רש\"י, שנוספה בסבב {turn}.\n"))
        export_posts(library, out)
    count = len(posts) + 2  # the index and the feed are kept as posts are
    for table, per_post in (("exported_files", 1), ("rendered_bodies", 1), ("checked_posts", 1), ("checked_spelling", 3)):
        rows = library._read(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]
        assert rows <= (count + caches.KEEP_EXTRA) * per_post, table
    newest = library._read("SELECT body_hash FROM rendered_bodies ORDER BY rowid DESC LIMIT 1")[0]["body_hash"]
    assert newest == caches.body_hash(library.get_post(edited.id).body)  # the last turn's render is kept
    before = {path: os.stat(path).st_mtime_ns for path in out.rglob("index.html")}
    assert export_posts(library, out).written == []  # what is kept still makes the next export a no-op
    assert {path: os.stat(path).st_mtime_ns for path in out.rglob("index.html")} == before
