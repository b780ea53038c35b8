"""Real failing disks for tests: a read-only bind mount and a small tmpfs that can be filled.

Import the fixtures into a test module (`from mounts import read_only_view, small_disk, fill`);
a test is skipped, saying why, where mounting is not permitted.
"""

import contextlib
import errno
import shutil
import subprocess
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {done.stderr.strip() or done.returncode}")


def _unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def read_only_view(tmp_path):
    """`view(folder)` mounts `folder` read-only at a new path (mount --bind, remount ro) and returns it."""
    points: list[Path] = []

    def view(folder: Path) -> Path:
        point = tmp_path / f"read-only-{len(points)}"
        point.mkdir()
        _mount("--bind", str(folder), str(point))
        points.append(point)
        _mount("-o", "remount,ro,bind", str(point))
        return point

    yield view
    for point in reversed(points):
        _unmount(point)


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs, to be filled with `fill`."""
    point = tmp_path / "small-disk"
    point.mkdir()
    _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point))
    yield point
    _unmount(point)


def fill(folder: Path) -> Path:
    """Write into `folder` until its disk is full; the filler file, to delete to make room again."""
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as file:
        while True:
            file.write(b"\0" * 4096)
            file.flush()
    probe = folder / "probe"
    try:
        probe.write_bytes(b"\0" * 4096)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    else:
        raise AssertionError("the disk did not fill")
    finally:
        probe.unlink(missing_ok=True)
    return filler
