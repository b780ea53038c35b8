"""Test set-up shared by all tests: Qt offscreen before any QApplication, the sample corpus."""

import contextlib
import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

# The property tests draw the same examples on every run (a CI run is reproducible and a failure
# shows again on the next run), and report a failing example as found: shrinking one can outlast
# the per-test timeout, whose exception Hypothesis takes for one more failure to shrink (a CI run
# hung so). `pytest --hypothesis-profile=fuzz` explores many new examples and shrinks them.
hypothesis_settings.register_profile("repeatable", max_examples=300, derandomize=True, database=None,
                                     phases=[Phase.explicit, Phase.reuse, Phase.generate])
hypothesis_settings.register_profile("fuzz", max_examples=3000, database=None)
hypothesis_settings.load_profile("repeatable")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(autouse=True)
def _picture_cache_in_the_tests_folder(tmp_path, monkeypatch):
    """The web copies of pictures (platformdirs' user cache folder) go to the test's own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def library(tmp_path):
    """A new, empty library in the test's folder."""
    from editor.core.library.store import Library

    with Library.open(tmp_path / "library.sqlite") as lib:
        yield lib


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.md"))


@pytest.fixture
def sample_library(library, sample_paths):
    """The `library` with every sample post in it, published."""
    from editor.core.importing.readers import parse_front_matter_markdown
    from editor.core.models import Status

    with library.transaction():
        for path in sample_paths:
            parsed = parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name)
            library.add_post(parsed.copy(id=None, status=Status.PUBLISHED))
    return library


class SmallDisk:
    """A real, nearly empty 2 MB filesystem (tmpfs) mounted at `path`, that `fill()` fills up."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fill(self) -> Path:
        """Write a file until the filesystem is full; remove the file to make room again."""
        filler = self.path / "filler.bin"
        with contextlib.suppress(OSError), filler.open("wb") as file:
            while True:
                file.write(b"\0" * 4096)
                file.flush()
        probe = self.path / "probe"
        try:
            probe.write_bytes(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        else:
            raise AssertionError("the disk did not fill")
        finally:
            probe.unlink(missing_ok=True)
        return filler


def _mount(*args: str) -> None:
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {done.stderr.strip() or done.returncode}")


def _unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB tmpfs (a SmallDisk); skipped, saying why, where mounting is not permitted."""
    point = tmp_path / "small-disk"
    point.mkdir()
    _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point))
    yield SmallDisk(point)
    _unmount(point)


@pytest.fixture
def read_only_view(tmp_path):
    """`view(folder)` mounts `folder` read-only at a new path (a bind mount, remounted ro)."""
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
