"""A library where it lies: read-only media, a full disk, an empty file left by a failed copy."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.app import main
from editor.core.errors import DiskFullError, LibraryError, LibraryReadOnlyError
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason

ROOT = Path(__file__).resolve().parents[3]


def make_library(path: Path, *titles: str) -> None:
    with Library.open(path) as lib:
        for title in titles:
            lib.add_post(Post(title=title, body=f'פסקה על {title} עם רש"י, 4-5 יחידות and English.'))


def test_an_empty_file_is_refused_and_left_as_it_is(tmp_path, capsys):
    path = tmp_path / "העתקה שנכשלה.sqlite"
    path.write_bytes(b"")
    for read_only in (False, True):
        with pytest.raises(LibraryError) as refused:
            Library.open(path, read_only=read_only)
        assert "empty (0 bytes)" in refused.value.message and "0 בתים" in refused.value.message_he
    assert main(["list", "--db", str(path)]) == 1
    assert "empty (0 bytes)" in capsys.readouterr().err
    assert path.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_library_on_read_only_media_is_read_and_says_why_nothing_can_be_saved(tmp_path, read_only_view, capsys):
    folder = tmp_path / "ספרייה"
    folder.mkdir()
    make_library(folder / "lib.sqlite", "ערוגה בשכונה", "כיתת מצוינות")
    before = sorted(os.listdir(folder))
    media = read_only_view(folder)
    with Library.open(media / "lib.sqlite") as lib:  # a window asks for writing
        assert lib.read_only
        assert "read-only media" in lib.read_only_reason.message
        assert "לקריאה בלבד" in lib.read_only_reason.message_he
        assert sorted(p.title for p in lib.all_posts()) == ["כיתת מצוינות", "ערוגה בשכונה"]
        assert lib.list_posts(search="בערוגה")[0].title == "ערוגה בשכונה"
        assert lib.damage() is None  # the window's check off its thread reads it as it was opened
        post = lib.get_post(1)
        with pytest.raises(LibraryReadOnlyError) as refused:
            lib.save_post(post.copy(body="שינוי"), revision=RevisionReason.SAVE)
        assert "read-only media" in refused.value.message and "לא נשמרו" in refused.value.message_he
    with Library.open(media / "lib.sqlite", read_only=True) as lib:  # the command line asks for reading
        assert lib.read_only and lib.read_only_reason is None and len(lib.all_posts()) == 2
    assert main(["list", "--db", str(media / "lib.sqlite")]) == 0
    assert "ערוגה בשכונה" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["export", "--db", str(media / "lib.sqlite"), "--out", str(out), "--id", "1", "--force"]) == 0
    assert "ערוגה בשכונה" in next(out.rglob("*.html")).read_text(encoding="utf-8")
    assert sorted(os.listdir(folder)) == before


def test_changes_left_in_the_wal_by_a_crash_are_read_from_read_only_media(tmp_path, read_only_view):
    folder = tmp_path / "lib"
    folder.mkdir()
    path = folder / "lib.sqlite"
    make_library(path, "ראשון")
    crash = textwrap.dedent(f"""
        import os, signal
        from editor.core.library.store import Library
        from editor.core.models import Post
        lib = Library.open({str(path)!r})
        lib._db.execute("PRAGMA wal_autocheckpoint = 0")  # the new post stays in the -wal file
        lib.add_post(Post(title="נכתב רגע לפני הקריסה"))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", crash], cwd=ROOT, capture_output=True)
    assert done.returncode == -signal.SIGKILL
    wal = path.with_name("lib.sqlite-wal")
    assert wal.stat().st_size > 0
    for keep_shm in (True, False):
        if not keep_shm:
            path.with_name("lib.sqlite-shm").unlink()  # copied without it, as some copies do
        media = read_only_view(folder)
        with Library.open(media / "lib.sqlite") as lib:
            assert lib.read_only
            assert [p.title for p in lib.all_posts()] == ["ראשון", "נכתב רגע לפני הקריסה"]
    assert wal.stat().st_size > 0  # nothing was checkpointed into the media


def test_a_new_library_cannot_be_made_on_read_only_media(tmp_path, read_only_view):
    folder = tmp_path / "empty"
    folder.mkdir()
    media = read_only_view(folder)
    with pytest.raises(LibraryReadOnlyError, match="cannot be created here"):
        Library.open(media / "new.sqlite")


def test_a_full_disk_is_said_to_be_full(small_disk):
    path = small_disk.path / "lib.sqlite"
    make_library(path, "פוסט על דיסק מלא")
    filler = small_disk.fill()
    with pytest.raises(DiskFullError) as refused:
        Library.open(path)
    assert "disk" in refused.value.message and "full" in refused.value.message
    assert "הדיסק מלא" in refused.value.message_he
    filler.unlink()
    with Library.open(path) as lib:
        assert lib.get_post(1).title == "פוסט על דיסק מלא"


def test_a_new_library_on_a_full_disk_leaves_no_empty_file_behind(small_disk):
    filler = small_disk.fill()
    path = small_disk.path / "new.sqlite"
    with pytest.raises(DiskFullError):
        Library.open(path)
    assert not path.exists()  # else the next start would take it for a failed copy
    filler.unlink()
    with Library.open(path) as lib:
        assert lib.created and lib.list_posts() == []
