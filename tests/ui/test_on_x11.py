"""The window on a real X display (Qt's xcb platform, as on a Debian/Ubuntu desktop), here a virtual one
(Xvfb): the system libraries README.md lists are enough for it to start and show a rendered post."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from editor.core.library.store import Library
from editor.core.models import Post

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def display():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()  # Xvfb writes its display number once it accepts clients
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_the_window_starts_on_an_x_display(display, tmp_path):
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_post(Post(title="על מסך אמיתי", body='## כותרת\n\nפסקה עם רש"י ו-English.'))
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    shot = tmp_path / "x11.png"
    result = subprocess.run([sys.executable, "main.py", "--db", str(db), "--open", "1", "--screenshot", str(shot)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert "Could not load the Qt platform plugin" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600
