"""Test set-up shared by all tests: Qt offscreen before any QApplication, the sample corpus."""

import os
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
