"""The library: one SQLite file holding posts, tags, revisions, comments, images and settings."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import platformdirs

from editor.core.errors import KtavError, LibraryError, LibraryReadOnlyError, PostNotFoundError, isolate
from editor.core.giving_way import LOW_NICENESS, give_way
from editor.core.library import file as library_file
from editor.core.library import schema
from editor.core.library import search as search_index
from editor.core.models import Image, Post, PostSummary, Revision, RevisionReason, Status, utc_now
from editor.core.photos.decode import inspect as inspect_picture
from editor.core.text import hebrew
from editor.core.text.word_count import markdown_word_count

BUSY_TIMEOUT_MS = 5000
DEFAULT_FILENAME = "library.ktav.sqlite"
# The note of an OVERWRITTEN revision (notes are shown as they are, in the Hebrew history).
OVERWRITTEN_NOTE = ("נשמר בחלון או בתוכנה אחרת אחרי שהפוסט נפתח לעריכה, ושמירה מהעריכה ההיא כתבה "
                    "מעליו; נשמר כאן כדי שאפשר יהיה לשחזר אותו")


ROWS_PER_FETCH = 256
# SQLite's default: a save copies the write-ahead log into the file once it holds this many pages.
# A cache's commits leave that to the next save, the last close or `checkpoint` (see `cache_transaction`).
WAL_CHECKPOINT_PAGES = 1000


class Library:
    """A Ktav library file. Open with `Library.open(path)`; every write is one transaction."""

    def __init__(self, connection: library_file.Connection, path: Path, *, read_only: bool, created: bool,
                 read_only_reason: LibraryReadOnlyError | None = None):
        self._connection = connection
        self._db = connection.db
        self._lock = threading.RLock()
        self._depth = 0
        self._writer: int | None = None  # the thread inside a transaction: its reads see its own writes
        self._readers = threading.local()
        # Each thread's reader, with a lock held while it reads: closing waits for a read in flight
        # (closing a connection another thread is reading on crashes the process).
        self._reader_connections: list[tuple[sqlite3.Connection, threading.Lock]] = []
        self._readers_lock = threading.Lock()  # not the writers' lock: a new reader never waits for a save
        self._closed = False
        self._commit_listeners: list[Callable[[], None]] = []
        self.path = path
        self.read_only = read_only
        self.created = created
        # Why a library asked for writing was opened read-only (read-only media, no permission):
        # `message` / `message_he` say so to the user. None when writable or read-only was asked for.
        self.read_only_reason = read_only_reason
        self._verdict: threading.Event | None = None  # the whole-file check run aside (`check_aside`)
        self._damage_found: LibraryError | None = None

    # -- opening ---------------------------------------------------------------------------

    @staticmethod
    def default_path() -> Path:
        return Path(platformdirs.user_data_dir("Ktav", appauthor=False)) / DEFAULT_FILENAME

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, check_integrity: bool = True,
             check_aside: bool = False) -> Library:
        """Open (or create) a library, migrating it forward after a backup copy of the file.

        A library that cannot be written from here (read-only media, no permission) is opened
        read-only, with `read_only_reason` saying why. An empty (0-byte) file is refused untouched.
        The whole file is checked (SQLite's quick_check) before it is used; with `check_aside`, on a
        thread of its own while it is read (most of a second at 10,000 posts, a core the command
        line would leave idle): every write, and `sound()`, wait for its verdict.
        """
        path = Path(path).expanduser().absolute()
        exists = library_file.check_existing(path)
        if not exists:
            if read_only:
                raise LibraryError(f"{path}: no library at this path", f"{isolate(path)}: אין ספרייה בנתיב הזה")
            cls._make_folder(path.parent)
            if library_file.write_blocker(path) is not None:
                raise LibraryReadOnlyError(
                    f"{path}: a new library cannot be created here: the folder cannot be written "
                    "(read-only media, or no permission)",
                    f"{isolate(path)}: לא ניתן ליצור כאן ספרייה חדשה: אי אפשר לכתוב בתיקייה "
                    "(מדיה לקריאה בלבד או שאין הרשאה)")
        reason = None if read_only else library_file.write_blocker(path)
        try:
            connection = library_file.connect(path, read_only=read_only or reason is not None)
        except sqlite3.DatabaseError as error:
            raise library_file.known_error(error, path) from error
        except sqlite3.Error as error:
            raise LibraryError(f"{path}: cannot open the library ({error})",
                               f"{isolate(path)}: לא ניתן לפתוח את הספרייה") from error
        library = cls(connection, path, read_only=read_only or reason is not None, created=not exists,
                      read_only_reason=reason)
        try:
            library._prepare(existing=exists and check_integrity, aside=check_aside)
        except BaseException:
            connection.close()
            if not exists:
                _remove_new_file(path)
            raise
        return library

    def _check_aside(self) -> None:
        verdict = self._verdict = threading.Event()

        def check() -> None:
            # The export reads meanwhile and waits for the verdict only before it writes; ahead of the
            # dictionaries' loading, which would share with it the core it finds free then.
            give_way(LOW_NICENESS)
            try:
                self._damage_found = self.damage()
            finally:
                verdict.set()
        threading.Thread(target=check, name="ktav-library-check", daemon=True).start()

    def sound(self) -> None:
        """Wait for the whole-file check begun aside at opening (`check_aside`, else return at once);
        LibraryError when it found the file damaged."""
        if self._verdict is not None:
            self._verdict.wait()
            if self._damage_found is not None:
                raise self._damage_found

    @staticmethod
    def _make_folder(folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{folder}: cannot create the folder ({error.strerror})",
                               f"{isolate(folder)}: לא ניתן ליצור את התיקייה") from error

    def _prepare(self, *, existing: bool, aside: bool = False) -> None:
        try:
            self._prepare_connection(existing=existing, aside=aside)
        except sqlite3.DatabaseError as error:
            raise library_file.known_error(error, self.path) from error

    def _prepare_connection(self, *, existing: bool, aside: bool) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != schema.APPLICATION_ID:
            raise LibraryError(f"{self.path}: this SQLite file is not a Ktav library",
                               f"{isolate(self.path)}: קובץ ה-SQLite הזה אינו ספריית כתב")
        if version > schema.SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path}: made by a newer Ktav (library version {version}, this Ktav reads up to "
                f"{schema.SCHEMA_VERSION}); update Ktav to open it",
                f"{isolate(self.path)}: הספרייה נוצרה בגרסה חדשה יותר של כתב; יש לעדכן את כתב כדי לפתוח אותה",
            )
        if existing and tables:
            if aside and version == schema.SCHEMA_VERSION:  # a library to be migrated is checked first
                self._check_aside()
            else:
                self._check_integrity()
        if self.read_only:
            if version < schema.SCHEMA_VERSION:
                raise LibraryError(f"{self.path}: an older library cannot be upgraded read-only",
                                   f"{isolate(self.path)}: לא ניתן לשדרג ספרייה ישנה במצב קריאה בלבד")
            return
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if version < schema.SCHEMA_VERSION:
            if existing and version > 0:
                self._backup_before_migration(version)
            self._migrate(version)

    def _check_integrity(self) -> None:
        problem = integrity_problem(self._db)
        if problem is not None:
            raise LibraryError(f"{self.path}: the library file is damaged ({problem})",
                               f"{isolate(self.path)}: קובץ הספרייה פגום")

    def damage(self) -> LibraryError | None:
        """The library's file checked whole (SQLite's quick_check) on a connection of its own, so it
        may run on another thread while this one is used: the error to show when it is damaged.
        The window opens with `check_integrity=False` and asks this off its thread (0.8 s at 10,000 posts)."""
        try:
            connection = self._connection.reader()  # as the library was opened: in place, immutable or a copy
            try:
                problem = integrity_problem(connection)
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            problem = str(error)
        if problem is None:
            return None
        return LibraryError(f"{self.path}: the library file is damaged ({problem})",
                            f"{isolate(self.path)}: קובץ הספרייה פגום; כלום לא יישמר בו. "
                            "כדאי לשחזר אותו מגיבוי או לפתוח ספרייה אחרת")

    def _backup_before_migration(self, version: int) -> Path:
        backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
        target = sqlite3.connect(backup)
        try:
            self._db.backup(target)
        finally:
            target.close()
        return backup

    def _migrate(self, version: int) -> None:
        for step in range(version, schema.SCHEMA_VERSION):
            with self.transaction():
                schema.MIGRATIONS[step](self._db)
                self._db.execute(f"PRAGMA user_version = {step + 1}")
                self._db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")

    def close(self) -> None:
        with self._lock:
            with self._readers_lock:
                self._closed = True
                for reader, reading in self._reader_connections:
                    with reading:
                        reader.close()
                self._reader_connections.clear()
            self._connection.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def _ensure_open(self) -> None:
        if self._closed:  # e.g. a late request from a window that is closing
            raise LibraryError(f"{self.path}: the library is closed", f"{isolate(self.path)}: הספרייה סגורה")

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    def add_commit_listener(self, listener: Callable[[], None]) -> None:
        """Call `listener()` after every committed outermost transaction, on the thread that committed
        (the team's clone commits what a change marked: editor/core/team). It must not raise."""
        self._commit_listeners.append(listener)

    def remove_commit_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._commit_listeners:
            self._commit_listeners.remove(listener)

    def _committed(self) -> None:
        for listener in list(self._commit_listeners):
            try:
                listener()
            except Exception:  # what was saved stays saved; the listener's bug is reported, not raised
                traceback.print_exc(file=sys.stderr)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (a savepoint when nested); rolled back whole on any error."""
        self.sound()
        with self._lock:
            self._ensure_open()
            if self.read_only:
                reason = self.read_only_reason
                if reason is not None:
                    raise LibraryReadOnlyError(f"{reason.message}; nothing was saved",
                                               f"{reason.message_he}. השינויים לא נשמרו")
                raise LibraryReadOnlyError(
                    f"{self.path}: the library is open read-only; nothing was saved",
                    f"{isolate(self.path)}: הספרייה פתוחה לקריאה בלבד; שום דבר לא נשמר",
                )
            outer = self._depth == 0
            name = f"sp{self._depth}"
            try:
                self._db.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {name}")
            except sqlite3.DatabaseError as error:
                raise library_file.known_error(error, self.path) from error
            self._depth += 1
            self._writer = threading.get_ident()
            try:
                yield self._db
            except BaseException as error:
                self._depth -= 1
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK" if outer else f"ROLLBACK TO {name}")
                    if not outer:
                        self._db.execute(f"RELEASE {name}")
                if isinstance(error, sqlite3.DatabaseError):
                    raise library_file.known_error(error, self.path) from error
                raise
            self._depth -= 1
            if outer:
                self._writer = None
            try:
                self._db.execute("COMMIT" if outer else f"RELEASE {name}")
            except sqlite3.DatabaseError as error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise library_file.known_error(error, self.path) from error
        if outer:
            self._committed()

    @contextlib.contextmanager
    def cache_transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction of rows kept only so as not to make them again (caches): committed without
        waiting for the disk (synchronous NORMAL; after a power cut they may be missing, never half
        written), the user's own writes staying FULL. The next FULL commit makes them durable too."""
        with self._lock:
            outer = self._depth == 0 and not self.read_only
            if outer:
                self._set_synchronous("NORMAL", checkpoint_after=0)
            try:
                with self.transaction() as db:
                    yield db
            finally:
                if outer:
                    self._set_synchronous("FULL", checkpoint_after=WAL_CHECKPOINT_PAGES)

    def checkpoint(self) -> None:
        """The write-ahead log copied into the library's file now, as far as no reader holds it back,
        rather than by the next save or the last connection's close (a cache's commits leave it to
        them: an export's half-dozen of them each copied the log's megabytes and waited for the disk).
        An export does this while its files are being synced, when the disk is busy anyway."""
        with self._lock:
            if self._closed or self.read_only:
                return
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _set_synchronous(self, level: str, *, checkpoint_after: int) -> None:
        try:
            self._db.execute(f"PRAGMA synchronous = {level}")
            self._db.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_after}")
        except sqlite3.DatabaseError as error:
            raise library_file.known_error(error, self.path) from error
        except sqlite3.Error as error:  # closed meanwhile
            raise LibraryError(f"{self.path}: cannot write the library ({error})",
                               f"{isolate(self.path)}: לא ניתן לכתוב בספרייה") from error

    def _read(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        """Rows of a read. Outside its own transaction, each thread reads on a connection of its own:
        the window's reads never wait for a save or a list being read on a worker, nor they for it."""
        if self._writer == threading.get_ident():
            return self._read_on(self._db, sql, params)
        mine = getattr(self._readers, "connection", None)
        if mine is None:
            with self._readers_lock:
                self._ensure_open()
                try:
                    mine = (self._connection.reader(), threading.Lock())
                except sqlite3.DatabaseError as error:
                    raise library_file.known_error(error, self.path) from error
                self._reader_connections.append(mine)
            self._readers.connection = mine
        reader, reading = mine
        with reading:
            self._ensure_open()
            return self._read_on(reader, sql, params)

    def _read_on(self, connection: sqlite3.Connection, sql: str, params: Iterable) -> list[sqlite3.Row]:
        try:
            # In batches: one fetchall of 10,000 posts holds the interpreter ~0.1 s at a stretch, and a
            # read on a worker would freeze the window's thread for that long.
            cursor = connection.execute(sql, tuple(params))
            rows = cursor.fetchmany(ROWS_PER_FETCH)
            while len(rows) % ROWS_PER_FETCH == 0 and (more := cursor.fetchmany(ROWS_PER_FETCH)):
                rows.extend(more)
            return rows
        except sqlite3.ProgrammingError as error:  # closed meanwhile by another thread
            self._ensure_open()
            raise LibraryError(f"{self.path}: cannot read the library ({error})",
                               f"{isolate(self.path)}: לא ניתן לקרוא את הספרייה") from error
        except sqlite3.DatabaseError as error:
            raise library_file.known_error(error, self.path) from error

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        """Rows of a read outside any transaction, for core packages with tables of their own (team)."""
        return self._read(sql, params)

    def data_version(self) -> int:
        """A number that changes whenever this or another connection commits."""
        with self._lock:
            self._ensure_open()
            other = self._db.execute("PRAGMA data_version").fetchone()[0]
            return self._db.total_changes + other

    # -- posts -----------------------------------------------------------------------------

    def add_post(self, post: Post, *, author: str = "", reason: RevisionReason = RevisionReason.CREATE,
                 uid: str | None = None) -> Post:
        """Store a new post (a new id, a unique slug) with its first revision."""
        now = utc_now()
        title = post.title.strip()
        with self.transaction() as db:
            wanted = _checked_slug(post.slug, title)
            slug = self._unique_slug(wanted)
            cursor = db.execute(
                "INSERT INTO posts (uid, slug, slug_auto, title, lead, body, author, pub_date, status,"
                " word_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (uid or uuid.uuid4().hex, slug, 0 if post.slug else 1, title, post.lead, post.body,
                 post.author, _date_text(post.date), Status(post.status).value,
                 markdown_word_count(post.body), post.created_at or now, now),
            )
            post_id = _inserted_id(cursor)
            self._write_tags(post_id, post.tags)
            self._write_search(post_id)
            self.add_revision(post_id, reason, author=author)
        return self.get_post(post_id)

    def save_post(self, post: Post, *, revision: RevisionReason | None = None, author: str = "",
                  note: str = "", expected_version: str | None = None) -> Post:
        """Save a post in one transaction; `revision` appends a revision of the saved state.

        Without a revision (an autosave) an unchanged post is not written at all.
        `expected_version` is the post's `updated_at` as the caller loaded it (an edit session).
        When the stored post has changed since (another window, another process), the save still
        wins, but the stored text is first kept as an OVERWRITTEN revision, and the status (a
        review decision made there) stays as stored.
        """
        if post.id is None:
            return self.add_post(post, author=author)
        post_id = post.id
        with self.transaction() as db:
            stored = self.get_post(post_id)
            if expected_version is not None and stored.updated_at != expected_version:
                post = self._keep_overwritten(post, stored, author)
            slug, slug_auto = self._slug_for_save(post, stored)
            changed = post.content_fields() | {"slug": slug} != stored.content_fields()
            if changed:
                db.execute(
                    "UPDATE posts SET slug=?, slug_auto=?, title=?, lead=?, body=?, author=?, pub_date=?,"
                    " status=?, word_count=?, updated_at=? WHERE id=?",
                    (slug, slug_auto, post.title.strip(), post.lead, post.body, post.author,
                     _date_text(post.date), Status(post.status).value, markdown_word_count(post.body),
                     utc_now(), post_id),
                )
                self._write_tags(post_id, post.tags)
                self._write_search(post_id)
            if revision is not None:
                self.add_revision(post_id, revision, author=author, note=note)
        return self.get_post(post_id)

    def _keep_overwritten(self, post: Post, stored: Post, author: str) -> Post:
        """Keep the stored version a save is about to replace unseen; the post as it will be saved."""
        post = post.copy(status=stored.status)
        if stored.status == Status.PUBLISHED:
            post.slug = stored.slug
            post.date = post.date or stored.date
        if post.content_fields() != stored.content_fields() and stored.id is not None:
            self.add_revision(stored.id, RevisionReason.OVERWRITTEN, author=author, note=OVERWRITTEN_NOTE)
        return post

    def _slug_for_save(self, post: Post, stored: Post) -> tuple[str, int]:
        auto = self._read("SELECT slug_auto FROM posts WHERE id=?", (post.id,))[0][0]
        if stored.status == Status.PUBLISHED:
            if post.slug and post.slug != stored.slug:
                raise KtavError(
                    f"post {post.id}: the address (slug) of a published post cannot change",
                    "לא ניתן לשנות את הכתובת (slug) של פוסט שכבר פורסם",
                )
            return stored.slug, auto
        if post.slug and post.slug != stored.slug:
            return self._unique_slug(_checked_slug(post.slug, post.title), exclude=post.id), 0
        if auto and post.title.strip() != stored.title:
            return self._unique_slug(hebrew.slugify(post.title), exclude=post.id), 1
        return stored.slug, auto

    def _unique_slug(self, wanted: str, exclude: int | None = None) -> str:
        taken = {
            row[0]
            for row in self._read(
                # GLOB, not LIKE: case-sensitive, so the slug index serves it (slugs hold no * ? [)
                "SELECT slug FROM posts WHERE (slug = ? OR slug GLOB ?) AND id IS NOT ?",
                (wanted, wanted + "-*", exclude),
            )
        }
        if wanted not in taken:
            return wanted
        number = 2
        while f"{wanted}-{number}" in taken:
            number += 1
        return f"{wanted}-{number}"

    def _write_tags(self, post_id: int, tags: list[str]) -> None:
        db = self._db
        db.execute("DELETE FROM post_tags WHERE post_id=?", (post_id,))
        seen: set[str] = set()
        for position, name in enumerate(t.strip() for t in tags):
            if not name or name in seen:
                continue
            seen.add(name)
            db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            tag_id = db.execute("SELECT id FROM tags WHERE name=?", (name,)).fetchone()[0]
            db.execute("INSERT INTO post_tags (post_id, tag_id, position) VALUES (?,?,?)",
                       (post_id, tag_id, position))
        db.execute("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM post_tags WHERE tag_id = tags.id)")

    def _write_search(self, post_id: int) -> None:
        post = self.get_post(post_id)
        self._db.execute("DELETE FROM post_search WHERE rowid=?", (post_id,))
        self._db.execute(
            "INSERT INTO post_search (rowid, title, lead, body, tags) VALUES (?,?,?,?,?)",
            (post_id, search_index.index_text(post.title), search_index.index_text(post.lead),
             search_index.index_text(post.body), search_index.index_text(" ".join(post.tags))),
        )

    def get_post(self, post_id: int) -> Post:
        rows = self._read("SELECT * FROM posts WHERE id=?", (post_id,))
        if not rows:
            raise PostNotFoundError(f"no post with id {post_id}", f"אין פוסט עם המספר {post_id}")
        return self._post_from_row(rows[0])

    def _post_from_row(self, row: sqlite3.Row, tags: list[str] | None = None) -> Post:
        if tags is None:
            tags = [r[0] for r in self._read(
                "SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id"
                " WHERE pt.post_id=? ORDER BY pt.position", (row["id"],))]
        return Post(
            id=row["id"], title=row["title"], lead=row["lead"], body=row["body"], author=row["author"],
            date=dt.date.fromisoformat(row["pub_date"]) if row["pub_date"] else None, tags=tags,
            slug=row["slug"], status=Status(row["status"]), created_at=row["created_at"],
            updated_at=row["updated_at"], deleted_at=row["deleted_at"],
        )

    def post_by_slug(self, slug: str) -> Post | None:
        rows = self._read("SELECT * FROM posts WHERE slug=?", (slug,))
        return self._post_from_row(rows[0]) if rows else None

    def post_by_uid(self, uid: str) -> Post | None:
        rows = self._read("SELECT * FROM posts WHERE uid=?", (uid,))
        return self._post_from_row(rows[0]) if rows else None

    def post_uid(self, post_id: int) -> str:
        rows = self._read("SELECT uid FROM posts WHERE id=?", (post_id,))
        if not rows:
            raise PostNotFoundError(f"no post with id {post_id}", f"אין פוסט עם המספר {post_id}")
        return rows[0][0]

    def post_uids(self) -> dict[int, str]:
        """Every post's uid (those in the trash too), by id, in one read."""
        return {post_id: uid for post_id, uid in self._read("SELECT id, uid FROM posts")}

    def list_posts(self, *, search: str | None = None, status: Status | None = None,
                   trash: bool = False, order: str = "date") -> list[PostSummary]:
        """Posts for the list: newest first by publication date ("date") or last change ("updated")."""
        where = ["deleted_at IS NOT NULL" if trash else "deleted_at IS NULL"]
        params: list = []
        if status is not None:
            where.append("status = ?")
            params.append(Status(status).value)
        if search and search.strip():
            expression = search_index.match_expression(search)
            if expression is None:
                return []
            where.append("id IN (SELECT rowid FROM post_search WHERE post_search MATCH ?)")
            params.append(expression)
        order_by = schema.LIST_ORDERS[order]
        rows = self._read(f"SELECT {_SUMMARY_COLUMNS} FROM posts WHERE {' AND '.join(where)} ORDER BY {order_by}",
                          params)
        return [_summary_from_row(r) for r in rows]

    def newest_post_id(self, order: str = "date") -> int | None:
        """The post the list shows first ("date": by publication date, "updated": by last change)."""
        rows = self._read(f"SELECT id FROM posts WHERE deleted_at IS NULL ORDER BY {schema.LIST_ORDERS[order]} LIMIT 1")
        return rows[0]["id"] if rows else None

    def post_summary(self, post_id: int) -> PostSummary | None:
        """One post's row of the list (None: no such post)."""
        rows = self._read(f"SELECT {_SUMMARY_COLUMNS} FROM posts WHERE id = ?", (post_id,))
        return _summary_from_row(rows[0]) if rows else None

    def all_posts(self, statuses: Iterable[Status] | None = None) -> list[Post]:
        """Full posts not in the trash, by id; only those in `statuses` when given."""
        rows = self._read("SELECT * FROM posts WHERE deleted_at IS NULL ORDER BY id")
        wanted = {Status(s) for s in statuses} if statuses is not None else None
        tags: dict[int, list[str]] = {}
        for post_id, name in self._read("SELECT pt.post_id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id"
                                        " ORDER BY pt.post_id, pt.position"):
            tags.setdefault(post_id, []).append(name)  # one read for every post's tags, not one each
        posts = [self._post_from_row(r, tags.get(r["id"], [])) for r in rows]
        return [p for p in posts if wanted is None or p.status in wanted]

    def move_to_trash(self, post_id: int) -> None:
        self.get_post(post_id)
        with self.transaction() as db:
            db.execute("UPDATE posts SET deleted_at=? WHERE id=? AND deleted_at IS NULL", (utc_now(), post_id))

    def restore_from_trash(self, post_id: int) -> None:
        self.get_post(post_id)
        with self.transaction() as db:
            db.execute("UPDATE posts SET deleted_at=NULL WHERE id=?", (post_id,))

    def empty_trash(self) -> int:
        """Delete the posts in the trash for good (with their revisions); returns how many."""
        with self.transaction() as db:
            ids = [r[0] for r in db.execute("SELECT id FROM posts WHERE deleted_at IS NOT NULL")]
            for post_id in ids:
                db.execute("DELETE FROM post_search WHERE rowid=?", (post_id,))
                db.execute("DELETE FROM posts WHERE id=?", (post_id,))
            db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM post_tags)")
        return len(ids)

    def set_status(self, post_id: int, status: Status, *, author: str = "", note: str = "") -> Post:
        """Move a post to `status`, recording who, when and why, with a revision.

        Publishing a post without a date dates it today. Which moves are allowed is decided by
        `editor.core.review.workflow`, which calls this.
        """
        status = Status(status)
        with self.transaction() as db:
            post = self.get_post(post_id)
            now = utc_now()
            date = post.date or (dt.date.today() if status == Status.PUBLISHED else None)
            db.execute("UPDATE posts SET status=?, pub_date=?, updated_at=? WHERE id=?",
                       (status.value, _date_text(date), now, post_id))
            self.add_status_change(post_id, post.status.value, status.value, author=author, note=note, at=now)
            self.add_revision(post_id, RevisionReason.STATUS, author=author, note=note)
        return self.get_post(post_id)

    def add_status_change(self, post_id: int, from_status: str | None, to_status: str, *, author: str = "",
                          note: str = "", at: str | None = None) -> None:
        """Record a status change made elsewhere (a review bundle), without moving the post."""
        with self.transaction() as db:
            db.execute("INSERT INTO status_changes (post_id, from_status, to_status, author, note, at)"
                       " VALUES (?,?,?,?,?,?)", (post_id, from_status, to_status, author, note, at or utc_now()))

    def status_history(self, post_id: int) -> list[dict]:
        rows = self._read("SELECT from_status, to_status, author, note, at FROM status_changes"
                          " WHERE post_id=? ORDER BY id", (post_id,))
        return [{"from": r[0], "to": r[1], "author": r[2], "note": r[3], "at": r[4]} for r in rows]

    def all_tags(self) -> list[str]:
        return [r[0] for r in self._read("SELECT name FROM tags ORDER BY name")]

    # -- revisions -------------------------------------------------------------------------

    def add_revision(self, post_id: int, reason: RevisionReason, *, author: str = "", note: str = "",
                     snapshot: dict | None = None, created_at: str | None = None,
                     uid: str | None = None) -> Revision:
        """Append a revision: by default a snapshot of the post as stored now."""
        if snapshot is None:
            snapshot = self.get_post(post_id).content_fields() | {"related": self.related_choices(post_id)}
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO revisions (uid, post_id, created_at, author, reason, note, snapshot)"
                " VALUES (?,?,?,?,?,?,?)",
                (uid or uuid.uuid4().hex, post_id, created_at or utc_now(), author,
                 RevisionReason(reason).value, note, json.dumps(snapshot, ensure_ascii=False, sort_keys=True)),
            )
        return self.get_revision(_inserted_id(cursor))

    def revisions(self, post_id: int) -> list[Revision]:
        rows = self._read("SELECT * FROM revisions WHERE post_id=? ORDER BY id", (post_id,))
        return [_revision_from_row(r) for r in rows]

    def revision_uids(self, post_id: int) -> dict[str, int]:
        return {r[0]: r[1] for r in self._read("SELECT uid, id FROM revisions WHERE post_id=?", (post_id,))}

    def revision_owner(self, uid: str) -> int | None:
        """The id of the post holding the revision `uid` (uids are unique in a library), or None."""
        rows = self._read("SELECT post_id FROM revisions WHERE uid=?", (uid,))
        return rows[0][0] if rows else None

    def comment_owner(self, uid: str) -> int | None:
        """The id of the post holding the comment `uid`, or None."""
        rows = self._read("SELECT post_id FROM comments WHERE uid=?", (uid,))
        return rows[0][0] if rows else None

    def get_revision(self, revision_id: int) -> Revision:
        rows = self._read("SELECT * FROM revisions WHERE id=?", (revision_id,))
        if not rows:
            raise KtavError(f"no revision with id {revision_id}", f"אין גרסה עם המספר {revision_id}")
        return _revision_from_row(rows[0])

    # -- related-post choices --------------------------------------------------------------

    def related_choices(self, post_id: int) -> list[int]:
        rows = self._read("SELECT related_id FROM related_choices WHERE post_id=? ORDER BY position", (post_id,))
        return [r[0] for r in rows]

    def all_related_choices(self) -> dict[int, list[int]]:
        """Every post's related choices in their order (posts without any are left out), in one read."""
        chosen: dict[int, list[int]] = {}
        for post_id, related_id in self._read("SELECT post_id, related_id FROM related_choices ORDER BY post_id, position"):
            chosen.setdefault(post_id, []).append(related_id)
        return chosen

    def set_related_choices(self, post_id: int, ids: list[int]) -> None:
        unique = [i for n, i in enumerate(ids) if i not in ids[:n] and i != post_id]
        with self.transaction() as db:
            for related_id in unique:
                self.get_post(related_id)
            db.execute("DELETE FROM related_choices WHERE post_id=?", (post_id,))
            db.executemany("INSERT INTO related_choices (post_id, related_id, position) VALUES (?,?,?)",
                           [(post_id, rid, pos) for pos, rid in enumerate(unique)])

    # -- images ----------------------------------------------------------------------------

    def add_image(self, data: bytes, *, filename: str = "") -> Image:
        """Store a picture as it came (once per content), under the type its bytes show, whatever its
        name or its sender says, with its size as shown (EXIF orientation applied). Refuses, storing
        nothing, bytes that are not a whole PNG, JPEG, GIF, WebP or HEIC picture (HEIC needs
        pillow-heif) and decompression bombs (a `PictureRefused`, with its Hebrew message)."""
        info = inspect_picture(data, Path(filename).name)
        sha = hashlib.sha256(data).hexdigest()
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO images (sha256, mime, filename, width, height, data, created_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (sha, info.mime, Path(filename).name, info.width, info.height, data, utc_now()))
        return self.get_image(sha)

    def get_image(self, sha256: str) -> Image:
        rows = self._read("SELECT * FROM images WHERE sha256=?", (sha256,))
        if not rows:
            raise KtavError(f"image {sha256[:12]}… is not in the library", "התמונה אינה נמצאת בספרייה")
        r = rows[0]
        return Image(id=r["id"], sha256=r["sha256"], mime=r["mime"], filename=r["filename"],
                     width=r["width"], height=r["height"], data=bytes(r["data"]))

    def has_image(self, sha256: str) -> bool:
        return bool(self._read("SELECT 1 FROM images WHERE sha256=?", (sha256,)))

    def images(self) -> list[Image]:
        rows = self._read("SELECT id, sha256, mime, filename, width, height FROM images ORDER BY id")
        return [Image(id=r[0], sha256=r[1], mime=r[2], filename=r[3], width=r[4], height=r[5]) for r in rows]

    # -- covers ----------------------------------------------------------------------------

    def cover_image(self, post_id: int) -> str | None:
        """The sha256 of the picture chosen as the post's cover, or None (its first image is used)."""
        rows = self._read("SELECT cover_image FROM posts WHERE id=?", (post_id,))
        if not rows:
            raise PostNotFoundError(f"no post with id {post_id}", f"אין פוסט עם המספר {post_id}")
        return rows[0][0]

    def set_cover_image(self, post_id: int, sha256: str | None) -> None:
        """Choose the post's cover among the library's pictures (None: its first image)."""
        self.get_post(post_id)
        if sha256 is not None and not self.has_image(sha256):
            raise KtavError(f"image {sha256[:12]}… is not in the library", "התמונה אינה נמצאת בספרייה")
        with self.transaction() as db:
            db.execute("UPDATE posts SET cover_image=? WHERE id=?", (sha256, post_id))

    def cover_images(self) -> dict[int, str]:
        """Every chosen cover, by post id (posts without one are left out)."""
        return {r[0]: r[1] for r in self._read("SELECT id, cover_image FROM posts WHERE cover_image IS NOT NULL")}

    # -- comments --------------------------------------------------------------------------

    def add_comment(self, post_id: int, author: str, body: str, *, quote: str = "", paragraph: int = 0,
                    parent_id: int | None = None, anchor: dict | None = None, uid: str | None = None,
                    created_at: str | None = None, resolved_at: str | None = None) -> int:
        self.get_post(post_id)
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO comments (uid, post_id, parent_id, author, body, quote, paragraph, anchor,"
                " created_at, resolved_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (uid or uuid.uuid4().hex, post_id, parent_id, author, body, quote, paragraph,
                 json.dumps(anchor, ensure_ascii=False) if anchor is not None else None,
                 created_at or utc_now(), resolved_at))
        return _inserted_id(cursor)

    def comments(self, post_id: int) -> list[dict]:
        rows = self._read("SELECT * FROM comments WHERE post_id=? ORDER BY id", (post_id,))
        return [dict(r) | {"anchor": json.loads(r["anchor"]) if r["anchor"] else None} for r in rows]

    _COMMENT_FIELDS = frozenset({"body", "quote", "paragraph", "anchor", "resolved_at", "author"})

    def update_comment(self, comment_id: int, **fields) -> None:
        unknown = set(fields) - self._COMMENT_FIELDS
        if unknown:
            raise ValueError(f"cannot update comment fields {sorted(unknown)}")
        if "anchor" in fields and fields["anchor"] is not None:
            fields["anchor"] = json.dumps(fields["anchor"], ensure_ascii=False)
        if not fields:
            return
        assignments = ", ".join(f"{name}=?" for name in fields)
        with self.transaction() as db:
            db.execute(f"UPDATE comments SET {assignments} WHERE id=?", (*fields.values(), comment_id))

    # -- settings --------------------------------------------------------------------------

    def get_setting(self, key: str, default=None):
        rows = self._read("SELECT value FROM settings WHERE key=?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (key, json.dumps(value, ensure_ascii=False)))


def _remove_new_file(path: Path) -> None:
    """Remove the empty file a failed creation left (with its -wal and -shm), so that the next start
    does not take it for a failed copy; a file that holds anything is left alone."""
    with contextlib.suppress(OSError):
        if path.stat().st_size != 0:
            return
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _date_text(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _checked_slug(slug: str, title: str) -> str:
    cleaned = hebrew.slug_of(slug, title)
    if slug and not hebrew.is_valid_slug(cleaned):
        raise KtavError(f"{slug!r} cannot be a post address", f"‏'{slug}' אינה יכולה לשמש ככתובת פוסט")
    return cleaned


_SUMMARY_COLUMNS = "id, slug, title, status, pub_date, updated_at, word_count, lead, deleted_at"


def _summary_from_row(r: sqlite3.Row) -> PostSummary:
    return PostSummary(id=r["id"], slug=r["slug"], title=r["title"], status=Status(r["status"]),
                       date=dt.date.fromisoformat(r["pub_date"]) if r["pub_date"] else None,
                       updated_at=r["updated_at"], word_count=r["word_count"], lead=r["lead"],
                       deleted_at=r["deleted_at"])


def integrity_problem(connection: sqlite3.Connection) -> str | None:
    result = connection.execute("PRAGMA quick_check").fetchone()[0]
    return None if result == "ok" else str(result)


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise LibraryError("the library did not store the row", "הספרייה לא שמרה את השורה")
    return row_id


def _revision_from_row(row: sqlite3.Row) -> Revision:
    return Revision(id=row["id"], post_id=row["post_id"], created_at=row["created_at"], author=row["author"],
                    reason=RevisionReason(row["reason"]), note=row["note"], snapshot=json.loads(row["snapshot"]))


__all__ = ["Library"]
