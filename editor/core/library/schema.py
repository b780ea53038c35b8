"""The library's SQLite schema and its forward migrations, one transaction each."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x4B544156  # "KTAV"

_V1 = """
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    slug        TEXT NOT NULL UNIQUE,
    slug_auto   INTEGER NOT NULL DEFAULT 1,
    title       TEXT NOT NULL,
    lead        TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    pub_date    TEXT,
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'in_review', 'changes_requested', 'approved', 'published')),
    word_count  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX posts_status ON posts (status);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
CREATE TABLE post_tags (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, tag_id)
);

CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    snapshot    TEXT NOT NULL
);
CREATE INDEX revisions_post ON revisions (post_id, id);

CREATE TABLE status_changes (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
);

CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author       TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    quote        TEXT NOT NULL DEFAULT '',
    paragraph    INTEGER NOT NULL DEFAULT 0,
    anchor       TEXT,
    created_at   TEXT NOT NULL,
    resolved_at  TEXT
);
CREATE INDEX comments_post ON comments (post_id);

CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    mime        TEXT NOT NULL,
    filename    TEXT NOT NULL DEFAULT '',
    width       INTEGER,
    height      INTEGER,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE related_choices (
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    related_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (post_id, related_id)
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- A normalized copy of each post's text (niqqud, final letters, prefixes folded) for search.
CREATE VIRTUAL TABLE post_search USING fts5 (
    title, lead, body, tags,
    tokenize = 'unicode61 remove_diacritics 0'
);
"""


def _migrate_to_1(connection: sqlite3.Connection) -> None:
    for statement in _statements(_V1):
        connection.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a schema script into statements (our scripts hold no ';' inside literals)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# Version 2: what waits to be committed to a team's repository (editor/core/team). Triggers mark a
# post when a change that keeps a revision, a status move, a comment or a move to or from the trash
# is written, in the same transaction, whoever writes it (the window, the command line, a bundle);
# autosaves (no revision) and a post's first keystroke (its "create" revision) stay local.
_V2 = [
    """CREATE TABLE team_outbox (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        uid     TEXT NOT NULL,
        part    TEXT NOT NULL CHECK (part IN ('post', 'review')),
        reason  TEXT NOT NULL,
        UNIQUE (uid, part)
    )""",
    """CREATE TRIGGER team_outbox_revision AFTER INSERT ON revisions
       WHEN NEW.reason NOT IN ('create', 'overwritten')
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason)
             SELECT uid, 'post', NEW.reason FROM posts WHERE id = NEW.post_id; END""",
    """CREATE TRIGGER team_outbox_status AFTER INSERT ON status_changes
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason)
             SELECT uid, 'review', 'status' FROM posts WHERE id = NEW.post_id; END""",
    """CREATE TRIGGER team_outbox_comment AFTER INSERT ON comments
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason)
             SELECT uid, 'review', 'comment' FROM posts WHERE id = NEW.post_id; END""",
    """CREATE TRIGGER team_outbox_resolution AFTER UPDATE OF resolved_at ON comments
       WHEN OLD.resolved_at IS NOT NEW.resolved_at
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason)
             SELECT uid, 'review', 'comment' FROM posts WHERE id = NEW.post_id; END""",
    """CREATE TRIGGER team_outbox_trash AFTER UPDATE OF deleted_at ON posts
       WHEN OLD.deleted_at IS NOT NEW.deleted_at
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason) VALUES (NEW.uid, 'post', 'trash'); END""",
    """CREATE TRIGGER team_outbox_delete AFTER DELETE ON posts
       BEGIN INSERT OR IGNORE INTO team_outbox (uid, part, reason) VALUES (OLD.uid, 'post', 'delete'); END""",
    "CREATE INDEX post_tags_tag ON post_tags (tag_id)",  # unused tags found without reading every post's
]


def _migrate_to_2(connection: sqlite3.Connection) -> None:
    for statement in _V2:  # one by one: a trigger's body holds ';'
        connection.execute(statement)


# The post list's orders (Library.list_posts); the first two have an index each (version 3), so the
# newest post is found without reading every row (bodies and all: 0.85 s at 10,000 posts, cold).
LIST_ORDERS = {
    "date": "coalesce(pub_date, substr(created_at, 1, 10)) DESC, id DESC",
    "updated": "updated_at DESC, id DESC",
    "title": "title COLLATE NOCASE, id",
}


def _migrate_to_3(connection: sqlite3.Connection) -> None:
    connection.execute(f"CREATE INDEX posts_by_date ON posts ({LIST_ORDERS['date']}) WHERE deleted_at IS NULL")
    connection.execute(f"CREATE INDEX posts_by_change ON posts ({LIST_ORDERS['updated']}) WHERE deleted_at IS NULL")


# Version 4, caches (library/cache_rows.py, related/stored.py, export/caches.py): what can be made
# again from the posts, kept so that it is
# not. Each row says what it was made from (a content hash) and by which version of the code; a row
# that no longer matches is simply made again. Additive: older tables are untouched.
_CACHES = [
    # The related engine's analysis of each post (its forms, their counts, how it writes them).
    """CREATE TABLE related_analysis (
        post_id       INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        content_hash  TEXT NOT NULL,
        version       INTEGER NOT NULL,
        forms         TEXT NOT NULL,
        counts        BLOB NOT NULL,
        surfaces      TEXT NOT NULL
    )""",
    # A post body rendered to HTML, by the body's hash and the render pipeline's version.
    """CREATE TABLE rendered_bodies (
        body_hash  TEXT NOT NULL,
        pipeline   TEXT NOT NULL,
        html       TEXT NOT NULL,
        parts      TEXT NOT NULL,
        PRIMARY KEY (body_hash, pipeline)
    )""",
    # Each post's row in the related index as the ranking read it (a digest; its terms, as 64-bit
    # hashes, and their weights), and the related posts the export's ranking gave it with the
    # candidates they were chosen from: kept while none of what they depend on changed.
    """CREATE TABLE related_suggestions (
        post_id      INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        row_digest   TEXT NOT NULL,
        terms        BLOB NOT NULL,
        weights      BLOB NOT NULL,
        inputs_hash  TEXT NOT NULL DEFAULT '',
        related_ids  TEXT NOT NULL DEFAULT '[]',
        pool         TEXT NOT NULL DEFAULT '[]'
    )""",
    # A post's exported files, by the hash of everything they were made from: each file's path,
    # the hash of its bytes and its size.
    """CREATE TABLE exported_files (
        inputs_hash  TEXT PRIMARY KEY,
        files        TEXT NOT NULL
    )""",
    # The words the spell check did not know in a text, by the hash of the text and the dictionaries.
    """CREATE TABLE checked_spelling (
        inputs_hash   TEXT PRIMARY KEY,
        misspellings  TEXT NOT NULL
    )""",
]


def _migrate_caches(connection: sqlite3.Connection) -> None:
    for statement in _CACHES:
        connection.execute(statement)


def _migrate_to_5(connection: sqlite3.Connection) -> None:
    """A post's cover picture (its social card and its related cards): the sha256 of one of the
    library's images, or NULL for the first image of its text."""
    connection.execute("ALTER TABLE posts ADD COLUMN cover_image TEXT")


def _migrate_to_6(connection: sqlite3.Connection) -> None:
    """Two caches: the related index whole, as the last export left it, by the version of the code
    that made it (`related.snapshot`: brought up to date rather than built again); and the pre-publish
    check's findings of a post, by the hash of all they were found from (`export.caches`)."""
    connection.execute("""CREATE TABLE related_snapshot (
        version  TEXT PRIMARY KEY,
        data     BLOB NOT NULL
    )""")
    connection.execute("""CREATE TABLE checked_posts (
        inputs_hash  TEXT PRIMARY KEY,
        findings     TEXT NOT NULL
    )""")


# MIGRATIONS[n] brings a library from user_version n to n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_to_1, _migrate_to_2, _migrate_to_3,
                                                           _migrate_caches, _migrate_to_5, _migrate_to_6]
SCHEMA_VERSION = len(MIGRATIONS)
