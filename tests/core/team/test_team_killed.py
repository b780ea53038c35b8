"""A sync killed outright (SIGKILL) at random moments, many times over, while it commits, fetches,
merges, brings the merge in and pushes: after every kill the library opens and the clone is whole;
then a clean sync completes and both libraries hold every word either side wrote.

The sync is a real `python main.py sync` process; the remote is served by `git daemon` on
127.0.0.1 (a separate receive-pack process, as on a server), and is a path (a shared folder: libgit2
writes into it from the killed process itself).
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygit2
import pytest
from team_helpers import GitDaemon, bare_remote, make_team, save

from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason
from editor.core.review import workflow
from editor.core.team import outbox, state
from editor.core.team.sync import sync

ROOT = Path(__file__).resolve().parents[3]
STOPPED_WANTED = 15  # kills that stopped a sync before it finished
MAX_ROUNDS = 60
POSTS = 60
CHANGED = 20  # posts each side changes a round, so that a sync has real work in every phase
SEED = int(os.environ.get("KTAV_KILL_SEED", "14"))


def sync_command(db: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "sync", "--db", str(db)]


def run_for(seconds: float, db: Path) -> None:
    process = subprocess.Popen(sync_command(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)  # the kill's moment is the point of the test
    process.send_signal(signal.SIGKILL)
    process.wait()


def timed(db: Path) -> float:
    started = time.monotonic()
    subprocess.run(sync_command(db), check=False, capture_output=True)
    return time.monotonic() - started


def median_startup(folder: Path) -> float:
    """How long `sync` takes to get going: Python, the imports, the library opened (then it refuses)."""
    return sorted(timed(folder / "no-team.sqlite") for _ in range(3))[1]


def body(n: int) -> str:
    return "\n\n".join(f"פוסט {n}, פסקה {p}: טקסט עם ניקוד שָׁלוֹם ועם רש\"י." for p in range(6)) + "\n"


def check_whole(db: Path, remote_path: Path) -> bool:
    """The library opens (SQLite's check included) and the commit it holds is whole in the clone;
    whether the sync was stopped before it finished (something still to commit, send or take)."""
    with Library.open(db) as library:
        tip = state.tip(library)
        clone = pygit2.Repository(str(state.link(library).clone))
        for item in clone[tip].tree["posts"]:
            assert item.type_str == "tree"
            for post in clone[item.id]:
                assert clone[post.id].data.startswith(b"---\n")
        assert len(library.all_posts()) >= POSTS
        waiting = outbox.waiting_posts(library)
    remote_tip = str(pygit2.Repository(str(remote_path)).references["refs/heads/main"].target)
    return waiting > 0 or remote_tip != tip


def edit_round(library: Library, who: str, round_number: int, posts: list[str], paragraph: int) -> list[str]:
    """Change one paragraph of a few posts (explicit saves) and comment on one; the words written."""
    written = []
    for uid in posts:
        post = library.post_by_uid(uid)
        pieces = post.body.rstrip("\n").split("\n\n")
        word = f"{who}-סבב-{round_number}-{uid[:6]}"
        pieces[paragraph] = pieces[paragraph] + f" {word}"
        save(library, post, who, body="\n\n".join(pieces) + "\n")
        written.append(word)
    comment = f"הערה של {who} בסבב {round_number}"
    workflow.add_comment(library, library.post_by_uid(posts[0]).id, who, comment)
    return written + [comment]


@pytest.fixture(params=["git daemon", "path"])
def remote(request, tmp_path):
    """(url, path of the bare repository): served by git daemon, or a path (libgit2 pushes in-process)."""
    if request.param == "path":
        yield bare_remote(tmp_path), tmp_path / "team.git"
        return
    if shutil.which("git") is None:
        pytest.skip("git is not installed here (git daemon)")
    served = tmp_path / "served"
    served.mkdir()
    bare_remote(served)
    daemon = GitDaemon(served)
    yield daemon.url("team.git"), served / "team.git"
    daemon.stop()


@pytest.mark.slow
def test_syncs_killed_at_random_moments_leave_everything_consistent_and_the_next_sync_completes(tmp_path, remote):
    url, remote_path = remote
    team = make_team(tmp_path, url)
    with team.writer.transaction():
        for n in range(POSTS):
            made = team.writer.add_post(Post(title=f"פוסט מספר {n}", body=body(n)))
            team.writer.add_revision(made.id, RevisionReason.SAVE, author="דנה")
    sync(team.writer)
    sync(team.editor)
    uids = sorted(team.writer.post_uid(p.id) for p in team.writer.all_posts() if p.title.startswith("פוסט מספר"))
    writer_db, editor_db = team.writer.path, team.editor.path
    team.close()
    startup = median_startup(tmp_path)
    chooser = random.Random(SEED)
    expected: list[str] = []
    durations = []
    interrupted = 0
    moments: list[str] = []
    for round_number in range(MAX_ROUNDS):
        if interrupted >= STOPPED_WANTED:
            break
        with Library.open(editor_db) as editor:
            expected += edit_round(editor, "רוני", round_number, chooser.sample(uids, CHANGED), paragraph=1)
            sync(editor)
        with Library.open(writer_db) as writer:
            expected += edit_round(writer, "דנה", round_number, chooser.sample(uids, CHANGED), paragraph=4)
        if round_number % 6 == 0:
            durations.append(timed(writer_db))  # one sync left whole now and then, to know how long one takes
            continue
        whole = sorted(durations)[len(durations) // 2]
        moment = chooser.uniform(startup * 0.7, whole)  # mostly while it syncs, some while it starts
        run_for(moment, writer_db)
        stopped = check_whole(writer_db, remote_path)
        interrupted += stopped
        moments.append(f"{moment:.2f}{'*' if stopped else ''}")
    assert interrupted >= STOPPED_WANTED, (f"only {interrupted} kills stopped a sync midway (startup {startup:.2f} s, "
                                        f"a sync {durations} s, kills at {moments} s): the moments missed the sync")
    with Library.open(writer_db) as writer, Library.open(editor_db) as editor:
        sync(writer)
        sync(editor)
        sync(writer)
        for library in (writer, editor):
            text = " ".join(p.body for p in library.all_posts())
            comments = {c["body"] for p in library.all_posts() for c in library.comments(p.id)}
            missing = [word for word in expected if word not in text and word not in comments]
            assert not missing, f"lost after the kills: {missing[:5]}"
        for post in writer.all_posts():
            assert post.content_fields() == editor.post_by_uid(writer.post_uid(post.id)).content_fields()
        assert len(writer.all_posts()) == len(editor.all_posts())
