"""The files Ktav ships with (templates, CSS, translations, word lists, sample posts), found in one place.

They live in `resources/` at the repository root. An installed Ktav (a wheel, an sdist, a frozen
build) carries them as the package data `editor/resources/`, read through `importlib.resources`; a
source checkout (editable install or not) has no `editor/resources/` and reads the root folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as package_resources
from pathlib import Path

from editor.core.errors import ResourceMissing

PACKAGE_FOLDER = "resources"  # editor/resources/ in a wheel or a frozen build


@cache
def root() -> Path:
    """The folder holding the resources: the installed package data, else the checkout's `resources/`."""
    package = package_resources.files("editor")
    installed = package / PACKAGE_FOLDER
    if installed.is_dir():
        if not isinstance(installed, Path):  # a zipped install: Qt and Jinja need real files
            raise ResourceMissing(PACKAGE_FOLDER, f"{installed} (not a folder on disk)")
        return installed
    checkout = Path(str(package)).parent / "resources"
    if checkout.is_dir():
        return checkout
    raise ResourceMissing(PACKAGE_FOLDER + "/", f"{installed} and {checkout}")


def path(relative: str, *, must_exist: bool = True) -> Path:
    """The absolute path of a resource; refuses a path that escapes the resources folder, and names a
    missing one (ResourceMissing) unless `must_exist` is False."""
    base = root().resolve()
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base):
        raise ValueError(f"resource path escapes the resources folder: {relative!r}")
    if must_exist and not candidate.exists():
        raise ResourceMissing(relative, str(base))
    return candidate


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")


def read_bytes(relative: str) -> bytes:
    return path(relative).read_bytes()
