"""An export killed outright (SIGKILL, the parent process only) leaves no worker running, no temporary
where a web server would serve it, and the next export removes what it left and completes the site.

A real `python main.py export --all --jobs 2` of 624 posts is killed at several moments: once its
workers are forked, while it stages its files, and when nearly all are staged (it is renaming them).
"""

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Status

ROOT = Path(__file__).resolve().parents[3]
STAGING = ".ktav-staging"
COPIES = 12  # of the 48 samples: an export of a few seconds
DEADLINE = 60.0  # seconds a moment or a process's end is waited for at most


def export_command(db: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "export", "--db", str(db), "--out", str(out), "--all", "--jobs", "2"]


@pytest.fixture(scope="module")
def pristine_site(tmp_path_factory):
    """A library that no export has touched, and its complete export made without interruption from
    a copy of it: {relative path: bytes}."""
    folder = tmp_path_factory.mktemp("killed")
    db = folder / "pristine.sqlite"
    with Library.open(db) as library:
        import_samples(library)
        samples = library.all_posts()
        with library.transaction():
            for copy in range(1, COPIES + 1):
                for post in samples:
                    library.add_post(post.copy(id=None, slug=f"{post.slug}-{copy}", status=Status.PUBLISHED))
    reference = folder / "reference"
    subprocess.run(export_command(shutil.copy(db, folder / "reference.sqlite"), reference), check=True,
                   capture_output=True)
    return db, files_of(reference)


@pytest.fixture
def site(pristine_site, tmp_path):
    """Each test's own copy of the library, without the caches an export keeps in it (so that its
    export has the whole site to render and write, as the first export of a library does)."""
    db, reference = pristine_site
    return shutil.copy(db, tmp_path / "lib.sqlite"), reference


def files_of(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def children(pid: int) -> set[int]:
    try:
        return {int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def running(pid: int) -> bool:
    """Still a live process (a zombie waiting for its reaper is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def processes_writing_to(out: Path) -> list[int]:
    """Processes whose command line names `out` (the export and its forked workers share it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(out).encode() in (entry / "cmdline").read_bytes() and running(int(entry.name)):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def paths_in(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*")}


def staged(out: Path) -> int:
    """Temporaries in the staging folder (each process stages in a folder of its own there)."""
    return sum(len([name for name in names if name.endswith(".tmp")]) for _, _, names in os.walk(out / STAGING))


MOMENTS = {
    "workers forked": lambda export, out, total: bool(children(export.pid)),
    "staging": lambda export, out, total: staged(out) >= total // 5,
    "renaming": lambda export, out, total: staged(out) >= total * 9 // 10,
}


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"waited {DEADLINE:.0f} s for {what}"
        time.sleep(0.001)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_export_leaves_nothing_behind_and_the_next_one_completes_the_site(site, tmp_path, moment):
    db, reference = site
    out = tmp_path / "site"
    export = subprocess.Popen(export_command(db, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()

    def reached() -> bool:
        workers.update(children(export.pid))
        assert export.poll() is None, f"the export ended before the moment {moment!r}"
        return MOMENTS[moment](export, out, len(reference))

    wait_for(reached, moment)
    workers.update(children(export.pid))
    os.kill(export.pid, signal.SIGKILL)  # the parent only: its workers are not told
    assert export.wait(timeout=DEADLINE) == -signal.SIGKILL
    export.stderr.close()
    at_death = paths_in(out)
    wait_for(lambda: not any(running(pid) for pid in workers), "the workers to die with their parent")
    assert workers, "the export had forked its workers"
    assert processes_writing_to(out) == []
    # A worker left running would go on rendering, then make its folders or stage its files.
    assert paths_in(out) == at_death

    # What the killed export left: temporaries only in the staging folder, which only this user can read.
    outside = [p for p in out.rglob("*.tmp") if STAGING not in p.parts]
    assert outside == []
    if (out / STAGING).exists():
        assert stat.S_IMODE((out / STAGING).stat().st_mode) == 0o700

    again = subprocess.run(export_command(db, out), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert files_of(out) == reference  # every file, byte for byte; no temporary, no staging folder
    assert not (out / STAGING).exists()
    assert [folder for folder, subfolders, files in os.walk(out) if not subfolders and not files] == []
    assert processes_writing_to(out) == []


def test_a_second_export_into_the_same_folder_at_the_same_time_is_refused(site, tmp_path):
    db, _ = site
    out = tmp_path / "site"
    first = subprocess.Popen(export_command(db, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: (out / STAGING).exists() or first.poll() is not None, "the first export to start")
        if first.poll() is not None:
            pytest.skip("the first export finished before the second could start")
        second = subprocess.run(export_command(db, out), capture_output=True, text=True)
        if first.poll() is None:
            assert second.returncode != 0 and "another export is writing to this folder" in second.stderr
            assert "Traceback" not in second.stderr
    finally:
        first.wait(timeout=DEADLINE)
    assert first.returncode == 0


def spawned_workers(pid: int) -> list[int]:
    """The export's spawned workers (not multiprocessing's resource tracker)."""
    found = []
    for child in children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
        except OSError:
            pass
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime




@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize("moment", ["rendering", "staging"])
def test_spawned_workers_die_with_a_killed_export_too(site, tmp_path, moment):
    """Spawned workers (Windows' and macOS's way, forced here) ask Linux to kill them with the parent as
    forked ones do, and the next export still completes the site."""
    db, reference = site
    out = tmp_path / "site"
    export = subprocess.Popen([*export_command(db, out), "--start-method", "spawn"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()

    def reached() -> bool:
        workers.update(children(export.pid))
        assert export.poll() is None, f"the export ended before the moment {moment!r}"
        if moment == "rendering":  # the worker is well into its posts (half a second of work left)
            return any(cpu_seconds(pid) >= 0.5 for pid in spawned_workers(export.pid))
        return staged(out) >= len(reference) // 5

    wait_for(reached, moment)
    workers.update(children(export.pid))
    os.kill(export.pid, signal.SIGKILL)
    assert export.wait(timeout=DEADLINE) == -signal.SIGKILL
    export.stderr.close()
    at_death = paths_in(out)
    wait_for(lambda: not any(running(pid) for pid in workers), "the spawned workers to die with their parent")
    assert paths_in(out) == at_death  # a worker left running would go on making folders or staging files
    again = subprocess.run(export_command(db, out), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert files_of(out) == reference


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize("moment", ["rendering", "staging"])
def test_a_worker_killed_mid_export_ends_it_with_a_message_and_replaces_no_file(site, tmp_path, moment):
    """A worker killed outright (the system short of memory kills the biggest process; a user's `kill`)
    never sends back what it took on: the export says so and stops, instead of waiting for ever."""
    db, reference = site
    out = tmp_path / "site"
    for path, data in reference.items():  # the site as the last export left it
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    with Library.open(db) as library, library.transaction():  # every page changes: all of them to replace
        for post in library.all_posts():
            library.save_post(post.copy(title=f"{post.title} (מהדורה 2)"))
    export = subprocess.Popen(export_command(db, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed: list[int] = []

    def reached() -> bool:
        assert export.poll() is None, f"the export ended before the moment {moment!r}"
        workers = children(export.pid)
        if moment == "rendering":  # the first pass's worker at work (it has a few tenths of a second of it), nothing staged
            chosen = [pid for pid in workers if cpu_seconds(pid) >= 0.05]
            ready = bool(chosen) and staged(out) == 0
        else:
            chosen = list(workers)
            ready = bool(chosen) and staged(out) >= len(reference) // 5
        if ready:
            killed.extend(chosen)
        return ready

    wait_for(reached, moment)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    _, stderr = export.communicate(timeout=DEADLINE)  # it ends: a dead worker's result is never waited for
    assert export.returncode not in (0, -signal.SIGKILL)
    assert "worker process stopped unexpectedly" in stderr and "Traceback" not in stderr, stderr
    left = files_of(out)
    assert {path: data for path, data in left.items() if STAGING not in Path(path).parts} == reference
    wait_for(lambda: processes_writing_to(out) == [], "the export's other processes to end")

    again = subprocess.run(export_command(db, out), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    fresh = tmp_path / "fresh"
    subprocess.run(export_command(shutil.copy(db, tmp_path / "fresh.sqlite"), fresh), check=True, capture_output=True)
    assert files_of(out) == files_of(fresh)  # every page replaced, byte for byte; nothing of the stopped one left
    assert "(מהדורה 2)" in (out / "index.html").read_text(encoding="utf-8")
