"""Test set-up shared by all tests: Qt offscreen before any QApplication, the sample corpus."""

import os
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def library(tmp_path):
    """A new, empty library in the test's folder."""
    from editor.core.library import Library

    with Library.open(tmp_path / "library.sqlite") as lib:
        yield lib


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.md"))


class SmallDisk:
    """A real, nearly empty 2 MB filesystem (tmpfs) mounted at `path`, that `fill()` fills up."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fill(self) -> Path:
        """Write a file until the filesystem is full; remove the file to free the space again."""
        filler = self.path / "filler.bin"
        with open(filler, "wb", buffering=0) as out:
            chunk = b"\0" * 4096
            try:
                while True:
                    out.write(chunk)
            except OSError:
                pass
        return filler


@pytest.fixture
def small_disk(tmp_path):
    """A SmallDisk; skipped where mounting is not allowed (not root, no mount namespace)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(mount_point)
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)
