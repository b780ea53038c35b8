"""What waits to be committed to the team's repository: the marks the library's triggers leave
(`team_outbox`, schema version 2), read and cleared inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    id: int
    uid: str
    part: str  # "post" (its file, its images) or "review" (its review trail)
    reason: str  # the revision's reason, "status", "comment", "trash" or "delete"


def marks(db: sqlite3.Connection) -> list[Mark]:
    rows = db.execute("SELECT id, uid, part, reason FROM team_outbox ORDER BY id").fetchall()
    return [Mark(*row) for row in rows]


def clear(db: sqlite3.Connection, up_to: int) -> None:
    db.execute("DELETE FROM team_outbox WHERE id <= ?", (up_to,))


def last_id(db: sqlite3.Connection) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM team_outbox").fetchone()[0]


def drop_after(db: sqlite3.Connection, last: int) -> None:
    """Forget the marks made since `last`: what a sync brought in is in the repository already."""
    db.execute("DELETE FROM team_outbox WHERE id > ?", (last,))


def mark(db: sqlite3.Connection, uid: str, part: str, reason: str) -> None:
    db.execute("INSERT OR IGNORE INTO team_outbox (uid, part, reason) VALUES (?, ?, ?)", (uid, part, reason))


def clear_all(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM team_outbox")


def waiting_posts(library) -> int:
    """How many posts have changes not yet committed to the clone."""
    return library.query("SELECT count(DISTINCT uid) FROM team_outbox")[0][0]
