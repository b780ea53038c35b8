"""Plain files under resources/: templates, CSS, word lists and sample posts."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"


def path(relative: str) -> Path:
    """The absolute path of a resource; refuses a path that escapes the resources folder."""
    candidate = (RESOURCES_DIR / relative).resolve()
    if not candidate.is_relative_to(RESOURCES_DIR):
        raise ValueError(f"resource path escapes the resources folder: {relative!r}")
    return candidate


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")


def read_bytes(relative: str) -> bytes:
    return path(relative).read_bytes()
