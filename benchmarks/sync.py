"""The team library at 5,000 posts: clone time, a sync with no change (goal < 1 s), a sync bringing one
changed post (goal < 2 s), and the repository's size.

The posts are made by recombining the corpus's sentences, titles and tags (benchmarks/related_speed.py),
a tenth of them with comments and status moves, some with images. The remote is served by
`git daemon` on 127.0.0.1 when git is installed (a network protocol, as a team has), else a path.
Each sync is timed twice: the call itself, and `python main.py sync` as cron would run it. Then the
window, open on the editor's library, syncs a change made meanwhile to the post it shows (Ctrl+Shift+S):
its UI thread's longest pause from the sync's start until the post, its list row and its related cards
have followed (goal: never over 16 ms).

    python benchmarks/sync.py [--posts 5000] [--path]
"""

from __future__ import annotations

import argparse
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from benchmarks.related_speed import generate_posts
from editor.core.library.store import Library
from editor.core.models import RevisionReason, Status
from editor.core.review import workflow
from editor.core.team.joining import join_team, share_library
from editor.core.team.sync import sync

SEED = 14


def png(seed: int) -> bytes:
    """A small real PNG, different for each seed."""
    width = height = 8
    rows = b"".join(b"\0" + bytes((seed * 7 + x * 13 + y * 29) % 256 for x in range(width * 3)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def fill(library: Library, count: int) -> None:
    rng = random.Random(SEED)
    workflow.set_user_name(library, "דנה")
    with library.transaction():
        for number, post in enumerate(generate_posts(count, SEED)):
            post.id = None
            if number % 100 == 0:
                image = library.add_image(png(number), filename=f"תמונה-{number}.png")
                post.body += f"\n\n![תמונה]({image.uri})\n"
            stored = library.add_post(post, author="דנה")
            if number % 10 == 0:
                workflow.add_comment(library, stored.id, "רוני", f"הערה על פוסט {number}",
                                     quote=stored.body.split()[rng.randint(0, 5)])
                if stored.status == Status.DRAFT:
                    workflow.change_status(library, stored.id, Status.IN_REVIEW, "דנה", "מוכן")


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cli_sync(db: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "sync", "--db", str(db)], check=True, capture_output=True)
    return time.perf_counter() - started


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def window_sync_pause(editor_db: Path, writer_db: Path) -> dict:
    """In a child process: the window on the editor's library; the writer changes the open post and
    syncs; the window syncs; the heartbeat's longest gap (on the clock, and the UI thread's own CPU). The
    window is as `ktav` starts it: the preview renders, and the related index lives, in processes of their own."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from benchmarks.heartbeat import Heartbeat
    from editor.core.child_process import RenderProcess
    from editor.ui.desk.launch import prepare_chromium

    prepare_chromium()
    app = QApplication(sys.argv[:1])
    from editor.ui.desk.main_window import MainWindow
    from editor.ui.settings_store import SettingsStore

    library = Library.open(editor_db, check_integrity=False)
    renderer = RenderProcess()  # the preview renders in a process of its own, as `ktav` starts it
    window = MainWindow(library, SettingsStore(QSettings(str(editor_db.with_suffix(".ini")), QSettings.IniFormat)),
                        render=renderer, related_elsewhere=True)
    window.open_first_post()
    window.show()

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or window.post_list.loading:
            app.processEvents()

    settle(3.0)
    open_uid = library.post_uid(window.controller.post_id)
    with Library.open(writer_db) as writer:
        post = writer.post_by_uid(open_uid)
        writer.save_post(post.copy(body=post.body + "\n\nעוד פסקה מהכותבת, בזמן שהעורכת קוראת.\n"),
                         revision=RevisionReason.SAVE, author="דנה")
        sync(writer)
    heartbeat = Heartbeat()
    done = []
    window.team.syncFinished.connect(done.append)
    heartbeat.start()
    started = time.perf_counter()
    window.team.sync_action.trigger()
    while not done and time.perf_counter() - started < 60:
        app.processEvents()
    settle(1.5)  # the list row, the related cards and the reloaded text follow the sync
    heartbeat.stop()
    shown = "עוד פסקה מהכותבת" in window.editor.toPlainText()
    window.close()
    renderer.close()
    library.close()
    return {"pause_ms": heartbeat.longest_ms, "busy_ms": heartbeat.busiest_ms, "shown": shown, "sync_s": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--window-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--path", action="store_true", help="a path remote even when git daemon could serve it")
    args = parser.parse_args()
    if args.window_child:
        import json

        print(json.dumps(window_sync_pause(*args.window_child)), flush=True)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="ktav-sync-bench-"))
    daemon = None
    try:
        served = folder / "served"
        served.mkdir()
        remote = served / "team.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=False, capture_output=True)
        if not remote.exists():
            import pygit2

            pygit2.init_repository(str(remote), bare=True, initial_head="main")
        url = str(remote)
        if not args.path and shutil.which("git"):
            from team_helpers import GitDaemon

            daemon = GitDaemon(served)
            url = daemon.url("team.git")
        writer_db, editor_db = folder / "writer.sqlite", folder / "editor.sqlite"
        with Library.open(writer_db) as writer:
            fill(writer, args.posts)
            share_time, _ = timed(lambda: share_library(writer, url))
        print(f"team repository: {args.posts:,} posts over {url.split(':')[0] if daemon else 'a path'}")
        print(f"share (the writer's library pushed):   {share_time:6.2f} s")
        clone_time, _ = timed(lambda: join_team(url, editor_db))
        print(f"clone (join: fetch and import):        {clone_time:6.2f} s")
        with Library.open(editor_db) as editor:
            idle, _ = timed(lambda: sync(editor))
        idle_cli = cli_sync(editor_db)
        print(f"sync with no change:                   {idle:6.3f} s (python main.py sync: {idle_cli:.2f} s; goal < 1 s)")
        with Library.open(writer_db) as writer:
            post = writer.all_posts()[len(writer.all_posts()) // 2]
            writer.save_post(post.copy(body=post.body + "\n\nפסקה חדשה שנכתבה אצל הכותבת.\n"),
                             revision=RevisionReason.SAVE, author="דנה")
            sync(writer)
            uid = writer.post_uid(post.id)
        with Library.open(editor_db) as editor:
            one, report = timed(lambda: sync(editor))
            assert report.brought == 1 and "פסקה חדשה" in editor.post_by_uid(uid).body
        with Library.open(writer_db) as writer:
            post = writer.post_by_uid(uid)
            writer.save_post(post.copy(title=post.title + " (עודכן)"), revision=RevisionReason.SAVE, author="דנה")
            sync(writer)
        one_cli = cli_sync(editor_db)
        print(f"sync bringing one changed post:        {one:6.3f} s (python main.py sync: {one_cli:.2f} s; goal < 2 s)")
        shown = subprocess.run([sys.executable, __file__, "--window-child", str(editor_db), str(writer_db)],
                               capture_output=True, text=True)
        line = next((row for row in shown.stdout.splitlines() if row.startswith("{")), None)
        if line is None:
            print(shown.stderr[-2000:], file=sys.stderr)
            return 1
        import json

        pause = json.loads(line)
        print(f"window syncing a change to its open post: longest UI pause {pause['pause_ms']:.0f} ms "
              f"(the UI thread's own work in it {pause['busy_ms']:.0f} ms; goal ≤ 16), the change shown: "
              f"{'yes' if pause['shown'] else 'NO'}")
        print(f"repository size (the remote):          {size_of(remote) / 1e6:6.1f} MB "
              f"(the clone beside a library: {size_of(editor_db.with_name(editor_db.name + '.team')) / 1e6:.1f} MB; "
              f"the library file: {editor_db.stat().st_size / 1e6:.1f} MB)")
    finally:
        if daemon is not None:
            daemon.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
