"""Shared pieces of the team tests: a bare repository on this machine, a writer's and an editor's
library sharing it, a `git daemon` on 127.0.0.1, and a person who edits the repository by hand with git."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pygit2
import pytest

from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason
from editor.core.review import workflow
from editor.core.team.joining import join_team, share_library

BODY = ("הפסקה הראשונה מספרת על בית הספר בדימונה, שבו לומדים 4-5 יחידות מתמטיקה.\n\n"
        'הפסקה השנייה מביאה את דברי רש"י ואת דברי המנהלת, with a few English words.\n\n'
        "הפסקה השלישית: שָׁלוֹם, עם ניקוד, ועם מספרים כמו 1,500 ו-3.14.\n")


def bare_remote(folder: Path, name: str = "team.git") -> str:
    path = folder / name
    pygit2.init_repository(str(path), bare=True, initial_head="main")
    return str(path)


@dataclass
class Team:
    url: str
    writer: Library
    editor: Library
    post_uid: str  # a post both have

    def post(self, library: Library, uid: str | None = None) -> Post:
        found = library.post_by_uid(uid or self.post_uid)
        assert found is not None
        return found

    def close(self) -> None:
        self.writer.close()
        self.editor.close()


def make_team(folder: Path, url: str | None = None) -> Team:
    """The writer's library (two posts, a comment) shared to a bare repository; the editor joins it."""
    url = url or bare_remote(folder)
    writer = Library.open(folder / "writer.sqlite")
    workflow.set_user_name(writer, "דנה")
    first = writer.add_post(Post(title="מתמטיקה בדימונה", body=BODY, tags=["חינוך"], lead="חמש יחידות"))
    writer.add_post(Post(title="מרכז לילה לנערות", body="המרכז פתוח בלילות.\n"))
    workflow.add_comment(writer, first.id, "דנה", "לבדוק את המספר", quote="4-5 יחידות")
    share_library(writer, url)
    join_team(url, folder / "editor.sqlite")
    editor = Library.open(folder / "editor.sqlite")
    workflow.set_user_name(editor, "רוני")
    return Team(url, writer, editor, writer.post_uid(first.id))


def save(library: Library, post: Post, author: str, **changes) -> Post:
    """An explicit save (Ctrl+S): the text kept as a revision, so it is committed."""
    return library.save_post(post.copy(**changes), revision=RevisionReason.SAVE, author=author)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GitDaemon:
    """`git daemon` serving `base` (push allowed) on 127.0.0.1; `url(name)` for a repository in it."""

    def __init__(self, base: Path) -> None:
        if shutil.which("git") is None:
            pytest.skip("git is not installed here (git daemon)")
        self.base = base
        self.port = free_port()
        self.process = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--informative-errors",
             f"--base-path={base}", "--listen=127.0.0.1", f"--port={self.port}", str(base)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)  # `git` starts git-daemon
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.skip(f"git daemon does not run here: {self.process.stderr.read().decode(errors='replace')}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        self.stop()
        pytest.skip("git daemon did not start listening")

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        """Stop the daemon and the processes it started (the whole process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process.stderr.close()


def git(*args: str, cwd: Path) -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed here")
    done = subprocess.run(["git", "-c", "user.name=עורך ידני", "-c", "user.email=hand@example.org", *args],
                          cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def by_hand(url: str, folder: Path, edit) -> None:
    """A person clones the team repository with git, changes files (`edit(worktree)`), commits, pushes."""
    worktree = folder / "by-hand"
    if worktree.exists():
        shutil.rmtree(worktree)
    git("clone", "-q", url, str(worktree), cwd=folder)
    edit(worktree)
    git("add", "-A", cwd=worktree)
    git("commit", "-q", "-m", "עריכה ידנית", cwd=worktree)
    git("push", "-q", "origin", "main", cwd=worktree)
