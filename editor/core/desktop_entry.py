"""`ktav --install-desktop`: Ktav in this user's applications menu (freedesktop.org), with its icon and
`.ktav` bundles opened by it. A packager installs the same files from resources/desktop/ instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from editor.core import resources

APP_ID = "ktav"
DESKTOP = "desktop"
MIME_TYPE = "application/x-ktav-bundle"
_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')  # desktop entry spec: such an argument is quoted


@dataclass
class Installed:
    """The files written, and what the system's caches said (or that their tools are missing)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def data_home() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the freedesktop default)."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this Ktav: the frozen program itself, `python main.py` of a checkout,
    else this interpreter's `-m editor` (a wheel, pipx or editable install)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "main.py" and script.is_file():
        return [sys.executable, str(script.resolve())]
    return [sys.executable, "-m", "editor"]


def quote(argument: str) -> str:
    """One argument of an Exec line, quoted as the desktop entry specification asks."""
    if not argument or _RESERVED & set(argument):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{escaped}"'
    return argument.replace("%", "%%")


def desktop_file(command: list[str]) -> str:
    """The shipped ktav.desktop with Exec (and TryExec) naming `command`, which need not be on PATH."""
    exec_line = " ".join(quote(part) for part in command) + " open %F"
    exec_line = exec_line.replace("\\", "\\\\")  # then a string value's own escaping
    lines = []
    for line in resources.read_text(f"{DESKTOP}/{APP_ID}.desktop").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install_desktop(target: Path | None = None, command: list[str] | None = None) -> Installed:
    """Write the desktop entry, the icon and the `.ktav` MIME type under `target` (default: the user's
    data folder), then refresh the MIME and desktop databases where their tools are installed."""
    home = target or data_home()
    result = Installed()
    files = {
        home / "applications" / f"{APP_ID}.desktop": desktop_file(command or launcher()).encode("utf-8"),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": resources.read_bytes(f"{DESKTOP}/{APP_ID}.svg"),
        home / "mime" / "packages" / f"{APP_ID}.xml": resources.read_bytes(f"{DESKTOP}/{APP_ID}-mime.xml"),
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        result.files.append(path)
    for tool, folder in (("update-mime-database", home / "mime"), ("update-desktop-database", home / "applications")):
        result.notes.append(_refresh(tool, folder))
    return result


def _refresh(tool: str, folder: Path) -> str:
    found = shutil.which(tool)
    if found is None:
        return f"{tool} is not installed: the menu picks the files up at the next login"
    done = subprocess.run([found, str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        return f"{tool} {folder} failed: {done.stderr.strip() or done.returncode}"
    return f"{tool} {folder}: done"
