"""The files Ktav ships with: found installed or in a checkout, and a missing one named, never "0 added"."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.errors import ResourceMissing

ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_resource_is_named_in_both_languages():
    with pytest.raises(ResourceMissing) as missing:
        resources.read_text("templates/אין-כזו.html")
    assert "templates/אין-כזו.html" in missing.value.message and "reinstall" in missing.value.message
    assert "templates/אין-כזו.html" in missing.value.message_he and "חסר" in missing.value.message_he
    with pytest.raises(ValueError, match="escapes"):
        resources.path("../pyproject.toml")


def installed_copy(tmp_path: Path, *, remove: list[str]) -> Path:
    """The package as a wheel installs it (editor/ with editor/resources/), less the files in `remove`."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "editor", site / "editor", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", site / "editor" / "resources")
    for pattern in remove:
        for path in (site / "editor" / "resources").glob(pattern):
            path.unlink()
    return site


def ktav_in(site: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "editor", "--db", str(tmp_path / "lib.sqlite"), *args],
                          cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True)


def test_an_installation_without_its_samples_says_so_and_fails(tmp_path):
    site = installed_copy(tmp_path, remove=["samples/*.md"])
    result = ktav_in(site, tmp_path, "import", "--samples")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "samples/*.md is missing" in result.stderr and str(site / "editor" / "resources") in result.stderr
    assert "added" not in result.stdout


def test_an_installation_without_its_stop_words_names_the_file(tmp_path):
    site = installed_copy(tmp_path, remove=["stopwords_he.txt"])
    assert ktav_in(site, tmp_path, "import", "--samples").returncode == 0
    result = ktav_in(site, tmp_path, "related", "--id", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "stopwords_he.txt is missing" in result.stderr


def test_the_installed_package_data_is_read_rather_than_a_checkout(tmp_path):
    site = installed_copy(tmp_path, remove=[])
    code = "from editor.core import resources; print(resources.root())"
    found = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                           capture_output=True, text=True)
    assert Path(found.stdout.strip()) == site / "editor" / "resources", found.stderr
    assert resources.root() == ROOT / "resources"  # this checkout, where the tests run
