"""An export's files reach the disk before any is renamed into place, whichever way the disk is synced."""

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from export_helpers import small_library

from editor.core.errors import ExportError
from editor.core.export import atomic, disk_sync, export_posts
from editor.core.export.site import load_site_settings


@pytest.fixture
def library_and_posts(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    yield library, main, related
    library.close()


def test_the_filesystem_of_a_folder_comes_from_the_mount_table(tmp_path):
    shared = tmp_path / "דיסק משותף"
    (shared / "out").mkdir(parents=True)
    escaped = str(shared).replace(" ", "\\040")
    mountinfo = "\n".join([
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        f"40 22 0:50 / {tmp_path} rw,nosuid - tmpfs tmpfs rw",
        f"41 40 0:51 / {escaped} rw,relatime shared:7 master:2 - nfs4 server:/export rw,vers=4.2",
    ])
    assert disk_sync.filesystem_type(shared / "out" / "not-yet" / "made", mountinfo) == "nfs4"
    assert disk_sync.filesystem_type(shared, mountinfo) == "nfs4"
    assert disk_sync.filesystem_type(tmp_path / "דיסק", mountinfo) == "tmpfs"  # a name that only begins alike
    assert disk_sync.filesystem_type(tmp_path.parent, mountinfo) == "ext4"


def test_a_network_or_memory_filesystem_is_synced_file_by_file(tmp_path, monkeypatch):
    for kind, whole_disk in [("ext4", True), ("xfs", True), ("nfs4", False), ("fuse.sshfs", False), (None, False)]:
        monkeypatch.setattr(disk_sync, "filesystem_type", lambda folder, kind=kind: kind)
        monkeypatch.setattr(disk_sync, "_TYPES_BY_DEVICE", {})  # each kind as if it were another disk's
        assert disk_sync.whole_disk_sync_works(tmp_path) is (whole_disk and disk_sync._syncfs() is not None), kind


@pytest.mark.skipif(not Path("/dev/shm").is_dir() or not Path("/proc/self/mountinfo").exists(),
                    reason="needs Linux's /dev/shm (a memory filesystem) and mount table")
def test_each_disk_is_judged_by_its_own_filesystem_however_often_it_is_asked(tmp_path):
    memory = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        on_disk = disk_sync.filesystem_type(tmp_path) in disk_sync.SYNCFS_FILESYSTEMS
        for _ in range(3):  # asked again and again, in turns, as an export's chunks ask
            assert disk_sync.whole_disk_sync_works(memory / "site") is False  # tmpfs: fsync file by file
            assert disk_sync.whole_disk_sync_works(tmp_path / "site") is (on_disk and disk_sync._syncfs() is not None)
    finally:
        shutil.rmtree(memory, ignore_errors=True)


def _record(monkeypatch, calls):
    real_sync, real_replace, real_fsync = disk_sync.sync_whole_disk, os.replace, os.fsync

    def sync(folder):
        calls.append("sync")
        real_sync(folder)

    def replace(source, target):
        if "user-cache" not in str(target):  # not the templates' compiled code, kept by the first test to load them
            calls.append("replace")
        real_replace(source, target)

    def fsync(descriptor):
        calls.append("fsync")
        real_fsync(descriptor)

    monkeypatch.setattr(disk_sync, "sync_whole_disk", sync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.skipif(disk_sync._syncfs() is None, reason="syncfs is Linux's")
def test_a_big_export_syncs_the_disk_once_before_the_renames_and_once_after(library_and_posts, tmp_path,
                                                                             monkeypatch):
    library, _, _ = library_and_posts
    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: True)
    monkeypatch.setattr(atomic, "WHOLE_DISK_SYNC_FROM", 5)  # "big": as many files as this library has
    calls = []
    _record(monkeypatch, calls)
    result = export_posts(library, tmp_path / "out")
    assert len(result.written) >= 5
    assert calls == ["sync"] + ["replace"] * len(result.written) + ["sync"]


def test_a_small_export_fsyncs_its_files_even_where_the_disk_could_be_synced_whole(library_and_posts, tmp_path,
                                                                                   monkeypatch):
    library, main, _ = library_and_posts
    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: True)
    calls = []
    _record(monkeypatch, calls)
    result = export_posts(library, tmp_path / "out", [main.id])
    assert len(result.written) == 1 and "sync" not in calls
    assert calls == ["fsync", "replace", "fsync"]  # the page, its rename, its folder


def test_without_a_whole_disk_sync_every_file_and_folder_is_fsynced_before_it_counts(library_and_posts, tmp_path,
                                                                                   monkeypatch):
    library, _, _ = library_and_posts
    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: False)
    calls = []
    _record(monkeypatch, calls)
    result = export_posts(library, tmp_path / "out")
    first_rename = calls.index("replace")
    assert calls[:first_rename].count("fsync") == len(result.written)  # each temporary, before any rename
    folders = {path.parent for path in result.written}
    assert calls[first_rename:].count("fsync") == len(folders) and "sync" not in calls


@pytest.mark.parametrize("failure", [errno.EIO, errno.ENOSPC])
def test_a_disk_that_fails_to_sync_keeps_the_previous_export(library_and_posts, tmp_path, monkeypatch, failure):
    library, main, _ = library_and_posts
    out = tmp_path / "out"
    export_posts(library, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    main.body += "\n\nעוד פסקה, שלא תגיע לדיסק."
    library.save_post(main)

    def failing_sync(folder):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: True)
    monkeypatch.setattr(atomic, "WHOLE_DISK_SYNC_FROM", 1)
    monkeypatch.setattr(disk_sync, "sync_whole_disk", failing_sync)
    with pytest.raises(ExportError) as raised:
        export_posts(library, out)
    assert "intact" in raised.value.message and "נשמרו כפי שהיו" in raised.value.message_he
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # no temporary left either


def test_a_disk_that_refuses_a_whole_sync_gets_an_fsync_per_file(library_and_posts, tmp_path, monkeypatch):
    library, main, _ = library_and_posts

    def refusing_sync(folder):
        raise OSError(errno.EINVAL, "not here")

    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: True)
    monkeypatch.setattr(atomic, "WHOLE_DISK_SYNC_FROM", 1)
    monkeypatch.setattr(disk_sync, "sync_whole_disk", refusing_sync)
    fsynced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda descriptor: (fsynced.append(descriptor), real_fsync(descriptor)))
    result = export_posts(library, tmp_path / "out")
    assert len(fsynced) >= len(result.written) > 0
    page = tmp_path / "out" / load_site_settings(library).post_path(main)
    assert "קרן רש\"י".encode() in page.read_bytes()


@pytest.mark.skipif(disk_sync._syncfs() is None, reason="syncfs is Linux's")
def test_each_process_of_an_export_stages_its_files_in_a_folder_of_its_own_that_only_this_user_reads(
        tmp_path, monkeypatch):
    import stat

    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import sample_paths
    from editor.core.library.store import Library
    from editor.core.models import Status

    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: True)
    monkeypatch.setattr(atomic, "WHOLE_DISK_SYNC_FROM", 5)
    out = tmp_path / "out"
    seen: list[dict[str, tuple[int, int]]] = []  # the staging folder at the sync before the renames
    real_sync = disk_sync.sync_whole_disk

    def sync(folder):
        if not seen:
            staging = out / ".ktav-staging"
            seen.append({p.name: (stat.S_IMODE(p.stat().st_mode), len(list(p.glob("*.tmp"))))
                         for p in staging.iterdir() if p.is_dir()})
        real_sync(folder)

    monkeypatch.setattr(disk_sync, "sync_whole_disk", sync)
    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        result = export_posts(library, out, workers=2)
    folders = seen[0]
    assert len(folders) == 2  # this process's and its worker's: neither waits on the other to make a file
    assert all(mode == 0o700 for mode, _ in folders.values())
    assert sum(count for _, count in folders.values()) == len(result.written)
    assert not (out / ".ktav-staging").exists()


def _in_the_file_alone(library_path, tmp_path, sql: str):
    """What `sql` reads of the library's file as it is on disk without its write-ahead log."""
    import shutil
    import sqlite3

    alone = tmp_path / "file-alone.sqlite"
    shutil.copyfile(library_path, alone)  # no -wal beside it: only what was checkpointed into the file
    db = sqlite3.connect(alone)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def test_an_export_copies_the_librarys_log_into_its_file_while_the_pages_are_synced(library_and_posts, tmp_path,
                                                                                     monkeypatch):
    library, _, _ = library_and_posts
    calls = []
    _record(monkeypatch, calls)
    real_checkpoint = library.checkpoint
    monkeypatch.setattr(library, "checkpoint", lambda: (calls.append("checkpoint"), real_checkpoint()))
    result = export_posts(library, tmp_path / "out")
    assert calls[calls.index("checkpoint"):].count("replace") == len(result.written)  # before the pages' renames
    # The renders kept by this export are in the file itself, not only in its log (the library still open).
    kept = library._read("SELECT count(*) AS n FROM rendered_bodies")[0]["n"]
    assert kept >= 2 and _in_the_file_alone(library.path, tmp_path, "SELECT count(*) FROM rendered_bodies") == kept


@pytest.mark.parametrize("files", [3, 80])  # fsynced one by one, or the disk synced whole
def test_what_runs_while_the_files_are_synced_comes_before_any_rename_and_its_failure_writes_nothing(tmp_path, files):
    pages = {f"פוסט-{n}/index.html": f"<p>עמוד {n}, רש\"י</p>".encode() for n in range(files)}
    seen = []
    atomic.write_files(tmp_path / "site", pages, meanwhile=lambda: seen.append(list((tmp_path / "site").rglob("*.html"))))
    assert seen == [[]] and len(list((tmp_path / "site").rglob("*.html"))) == files

    def failing() -> None:
        raise RuntimeError("נכשל")

    changed = {path: data + b"!" for path, data in pages.items()}
    with pytest.raises(RuntimeError):
        atomic.write_files(tmp_path / "site", changed, meanwhile=failing)
    assert {str(p.relative_to(tmp_path / "site")): p.read_bytes() for p in (tmp_path / "site").rglob("*")
            if p.is_file()} == pages  # no page changed, no temporary left
