"""Ktav built and installed the way a user or a packager does it: the sdist and the wheel built from it,
installed into a fresh virtual environment outside the source tree, then used from another folder.

The environment sees this interpreter's packages (a .pth file naming its site-packages, which works
whether this interpreter is a venv or not), so PySide6 and the rest are not downloaded again; Ktav
itself must come from the wheel, which the test checks first.
"""

import os
import shutil
import struct
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = shutil.ignore_patterns("__pycache__", "*.pyc", ".git", ".venv", "build", "dist", "*.egg-info", ".pytest_cache",
                                    "*.sqlite", "*.sqlite-*", "shots", "out")
SAMPLES = len(list((ROOT / "resources" / "samples").glob("*.md")))

pytestmark = pytest.mark.slow


def run(command: list, **options) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(the sdist, the wheel built from it), from a copy of the repository's files."""
    folder = tmp_path_factory.mktemp("build")
    source = folder / "ktav-source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    run([sys.executable, "-m", "build", "--outdir", folder / "dist", source])  # the wheel is built from the sdist
    return next((folder / "dist").glob("ktav-*.tar.gz")), next((folder / "dist").glob("ktav-*.whl"))


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed, and a folder far from the source tree to work in."""
    folder = tmp_path_factory.mktemp("user")
    venv = folder / "venv"
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    own_site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (own_site / "this-interpreters-packages.pth").write_text("\n".join(sorted(ours)) + "\n")
    run([python, "-m", "pip", "install", "--no-index", "--quiet", built[1]], cwd=folder)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", QT_QPA_PLATFORM="offscreen")
    work = folder / "עבודה"
    work.mkdir()
    where = run([python, "-c", "import editor; print(editor.__file__)"], cwd=work, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(ROOT), where
    return {"ktav": venv / "bin" / "ktav", "env": env, "work": work, "venv": venv}


def ktav(installed: dict, *args) -> subprocess.CompletedProcess:
    return run([installed["ktav"], *args], cwd=installed["work"], env=installed["env"], timeout=240)


def test_the_sdist_and_the_wheel_carry_the_resources(built):
    sdist, wheel = built
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
        shipped_qm = archive.read("editor/resources/translations/ktav_he.qm")
    for name in ("templates/post.html", "stopwords_he.txt", "site.css", "code.css", "preview/update_page.js",
                 "samples/01-five-units-math-negev.md", "desktop/ktav.desktop", "desktop/ktav.svg"):
        assert f"resources/{name}" in in_sdist and f"editor/resources/{name}" in in_wheel, name
    assert "resources/translations/ktav_he.ts" in in_sdist  # the translation's source travels with the source
    assert not [name for name in in_wheel if name.endswith(".ts")]  # the program reads the compiled .qm
    assert shipped_qm == (ROOT / "resources" / "translations" / "ktav_he.qm").read_bytes()
    assert sum(name.startswith("editor/resources/samples/") and name.endswith(".md") for name in in_wheel) == SAMPLES


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_installed_ktav_imports_relates_exports_and_shows_its_window(installed):
    work = installed["work"]
    db = work / "ספרייה.sqlite"
    imported = ktav(installed, "import", "--db", db, "--samples")
    assert f"samples: {SAMPLES} added" in imported.stdout and SAMPLES == 48
    related = ktav(installed, "related", "--db", db, "--id", "1")
    assert len(related.stdout.strip().splitlines()) >= 3
    out = work / "אתר"
    ktav(installed, "export", "--db", db, "--out", out, "--all")
    assert len(list(out.glob("*/index.html"))) == SAMPLES
    assert (out / "index.html").is_file() and "<entry>" in (out / "feed.xml").read_text(encoding="utf-8")
    shot = work / "חלון.png"
    ktav(installed, "--db", db, "--open", "1", "--screenshot", shot)
    width, height = png_size(shot)
    assert width >= 1000 and height >= 600 and shot.stat().st_size > 20_000


def test_the_installed_ktav_puts_itself_in_the_menu(installed, tmp_path):
    env = dict(installed["env"], XDG_DATA_HOME=str(tmp_path / "data"))
    run([installed["ktav"], "--install-desktop"], cwd=installed["work"], env=env)
    entry = (tmp_path / "data" / "applications" / "ktav.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={installed['venv'] / 'bin' / 'python'} -m editor open %F"
