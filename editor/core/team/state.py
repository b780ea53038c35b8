"""A library's link to its team (kept in its settings table): the remote, the clone beside the file,
the commit the library holds, and how the last sync went."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor.core.models import utc_now

TEAM = "team"  # {"url": ..., "clone": <folder name beside the library file>}
TIP = "team.tip"  # the commit whose files the library holds (with its own changes on top)
LAST_SYNC = "team.last_sync"  # {"at", "ok", "offline", "summary", "summary_he", "problems"}
CLONE_SUFFIX = ".team"


@dataclass(frozen=True)
class TeamLink:
    url: str
    clone: Path


def clone_folder_for(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + CLONE_SUFFIX)


def link(library) -> TeamLink | None:
    """The library's team, or None when it is a library of its own."""
    value = library.get_setting(TEAM)
    if not isinstance(value, dict) or not value.get("url"):
        return None
    clone = value.get("clone") or clone_folder_for(library.path).name
    return TeamLink(str(value["url"]), library.path.parent / clone)


def set_link(library, url: str, clone: Path) -> None:
    library.set_setting(TEAM, {"url": url, "clone": clone.name})


def tip(library) -> str | None:
    value = library.get_setting(TIP)
    return value if isinstance(value, str) and value else None


def set_tip(library, commit: str) -> None:
    library.set_setting(TIP, commit)


@dataclass(frozen=True)
class LastSync:
    at: str
    synced_at: str  # the last sync that completed ("" before the first)
    ok: bool
    offline: bool
    summary: str
    summary_he: str
    problems: tuple[str, ...] = ()


def last_sync(library) -> LastSync | None:
    value = library.get_setting(LAST_SYNC)
    if not isinstance(value, dict):
        return None
    return LastSync(str(value.get("at", "")), str(value.get("synced_at", "")), bool(value.get("ok")), bool(value.get("offline")),
                    str(value.get("summary", "")), str(value.get("summary_he", "")),
                    tuple(str(p) for p in value.get("problems", ())))


def record_sync(library, *, ok: bool, offline: bool, summary: str, summary_he: str, problems: list[str]) -> None:
    now = utc_now()
    before = last_sync(library)
    synced_at = now if ok else (before.synced_at if before else "")
    library.set_setting(LAST_SYNC, {"at": now, "synced_at": synced_at, "ok": ok, "offline": offline,
                                    "summary": summary, "summary_he": summary_he, "problems": problems})
