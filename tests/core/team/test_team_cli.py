"""The team from the command line (`team share`, `team clone`, `sync`: a summary line and an exit code),
over `git daemon` on 127.0.0.1; a library from before the team keeps its posts and gains the outbox."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from team_helpers import GitDaemon, bare_remote, save

from editor.core.library import schema
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason
from editor.core.team import outbox

ROOT = Path(__file__).resolve().parents[3]


def ktav(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def daemon(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    bare_remote(served)
    running = GitDaemon(served)
    yield running
    running.stop()


@pytest.mark.slow
def test_share_clone_and_sync_over_git_daemon(tmp_path, daemon):
    url = daemon.url("team.git")
    writer_db, editor_db = tmp_path / "writer.sqlite", tmp_path / "editor.sqlite"
    with Library.open(writer_db) as writer:
        writer.add_post(Post(title="פוסט ראשון", body='טקסט עם רש"י.\n'))
    shared = ktav("team", "share", url, "--db", str(writer_db))
    assert shared.returncode == 0 and shared.stdout.startswith("shared: 1 post(s), sent"), shared.stderr
    joined = ktav("team", "clone", url, "--db", str(editor_db))
    assert joined.returncode == 0 and "joined: 1 post(s)" in joined.stdout, joined.stderr
    with Library.open(editor_db) as editor:
        post = editor.all_posts()[0]
        save(editor, post, "רוני", body='טקסט עם רש"י, ערוך בידי העורך.\n')
    synced = ktav("sync", "--db", str(editor_db))
    assert synced.returncode == 0 and synced.stdout.splitlines() == ["synced: 0 post(s) brought in, 1 change(s) sent"]
    synced = ktav("sync", "--db", str(writer_db))
    assert synced.stdout.strip() == "synced: 1 post(s) brought in, 0 change(s) sent"
    with Library.open(writer_db) as writer:
        assert writer.all_posts()[0].body == 'טקסט עם רש"י, ערוך בידי העורך.\n'
    daemon.stop()
    offline = ktav("sync", "--db", str(writer_db))
    assert offline.returncode != 0 and offline.stdout == ""
    assert "cannot be reached" in offline.stderr and len(offline.stderr.strip().splitlines()) == 1


def test_clone_refuses_a_folder_that_is_not_a_team_repository(tmp_path):
    bare_remote(tmp_path, "empty.git")
    result = ktav("team", "clone", str(tmp_path / "empty.git"), "--db", str(tmp_path / "new.sqlite"))
    assert result.returncode != 0 and "empty" in result.stderr
    assert not (tmp_path / "new.sqlite").exists() and not (tmp_path / "new.sqlite.team").exists()


def test_an_older_library_is_migrated_and_its_changes_are_marked_for_the_team(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with Library.open(path) as old:
        old.add_post(Post(title="פוסט ישן", body="טקסט"))
    monkeypatch.undo()
    with Library.open(path) as library:
        assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        post = library.all_posts()[0]
        library.save_post(post.copy(body="טקסט חדש"))  # an autosave: stays local
        assert outbox.waiting_posts(library) == 0
        library.add_revision(post.id, RevisionReason.SAVE, author="דנה")  # Ctrl+S: to be committed
        library.add_comment(post.id, "רוני", "הערה")
        with library.transaction() as db:
            assert sorted((m.part, m.reason) for m in outbox.marks(db)) == [("post", "save"), ("review", "comment")]
