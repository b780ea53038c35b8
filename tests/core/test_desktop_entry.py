"""`ktav --install-desktop`: a menu entry in Hebrew that starts this Ktav, its icon, and .ktav bundles
known as Ktav's (the freedesktop.org files, in the user's XDG data folder)."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as etree

import pytest

from editor.core.desktop_entry import MIME_TYPE, desktop_file, quote

ROOT = Path(__file__).resolve().parents[2]


def entry_values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def exec_command(exec_line: str) -> list[str]:
    """The Exec line as a launcher runs it (the spec's string unescaping, then its quoting) less `open %F`."""
    parts = shlex.split(exec_line.replace("\\\\", "\\"))
    assert parts[-2:] == ["open", "%F"]
    return [part.replace("%%", "%") for part in parts[:-2]]


@pytest.fixture
def installed(tmp_path):
    data = tmp_path / "נתונים"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--install-desktop"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return data, result.stdout


def test_the_menu_entry_is_in_hebrew_and_starts_this_ktav(installed, tmp_path):
    data, said = installed
    desktop = data / "applications" / "ktav.desktop"
    assert f"wrote {desktop}" in said
    values = entry_values(desktop.read_text(encoding="utf-8"))
    assert values["Name[he]"] == "כתב" and values["Name"] == "Ktav" and values["Icon"] == "ktav"
    assert values["MimeType"] == f"{MIME_TYPE};" and values["Terminal"] == "false"
    command = exec_command(values["Exec"])
    assert Path(values["TryExec"]).is_absolute() and command[0] == values["TryExec"]
    imported = subprocess.run([*command, "import", "--db", str(tmp_path / "lib.sqlite"), "--samples"], cwd="/",
                              capture_output=True, text=True)
    assert imported.returncode == 0 and "48 added" in imported.stdout, imported.stderr
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_the_icon_and_the_bundle_type_are_installed(installed):
    data, said = installed
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "ktav.svg"
    assert etree.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    mime = etree.parse(data / "mime" / "packages" / "ktav.xml").getroot()
    kind = mime.find("{http://www.freedesktop.org/standards/shared-mime-info}mime-type")
    assert kind.get("type") == MIME_TYPE
    if shutil.which("update-mime-database"):
        assert "update-mime-database" in said and "done" in said
        assert f"{MIME_TYPE}:*.ktav" in (data / "mime" / "globs2").read_text()
    else:
        assert "update-mime-database is not installed" in said


def test_an_exec_argument_with_spaces_or_quotes_is_quoted():
    command = ["/opt/my apps/python3", '/home/דנה/say "hi"/main.py', "50%"]
    values = entry_values(desktop_file(command))
    assert exec_command(values["Exec"]) == command
    assert quote("/usr/bin/ktav") == "/usr/bin/ktav"
