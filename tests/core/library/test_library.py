"""The library file: posts, revisions, search, and what happens with bad or unusual files."""

import datetime as dt
import os
import sqlite3
import sys
import threading

import pytest

from editor.core.errors import DiskFullError, KtavError, LibraryError, LibraryReadOnlyError, PostNotFoundError
from editor.core.giving_way import LOW_NICENESS, LOWEST_NICENESS
from editor.core.library import schema
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


def _post(title="חדשנות חברתית הלכה למעשה", **fields):
    return Post(title=title, **fields)


def test_new_library_has_our_pragmas(tmp_path):
    path = tmp_path / "new.sqlite"
    with Library.open(path) as lib:
        assert lib.created
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.close()
    with Library.open(path) as again:
        assert not again.created


def _rendered_in_the_file_alone(path, tmp_path) -> int:
    import shutil

    alone = tmp_path / "file-alone.sqlite"
    shutil.copyfile(path, alone)  # without its -wal: what was copied into the file itself
    db = sqlite3.connect(alone)
    try:
        return db.execute("SELECT count(*) FROM rendered_bodies").fetchone()[0]
    finally:
        db.close()


def test_a_caches_commits_leave_the_log_to_the_next_save_and_a_checkpoint(library, tmp_path):
    library.checkpoint()  # the new library's tables in its file
    # Eight megabytes of cache rows: past the log's checkpoint size, which a save would copy at its commit.
    with library.cache_transaction() as db:
        db.executemany("INSERT INTO rendered_bodies (body_hash, pipeline, html, parts) VALUES (?, 'p', ?, '[]')",
                       [(f"h{n}", "<p>שלום עולם</p>" * 4000) for n in range(80)])
    assert _rendered_in_the_file_alone(library.path, tmp_path) == 0
    library.add_post(_post())  # the user's save: committed with the log copied into the file after it
    assert _rendered_in_the_file_alone(library.path, tmp_path) == 80
    with library.cache_transaction() as db:
        db.execute("DELETE FROM rendered_bodies WHERE body_hash = 'h0'")
    library.checkpoint()
    assert _rendered_in_the_file_alone(library.path, tmp_path) == 79


def test_add_and_get_round_trip_keeps_hebrew_exactly(library):
    post = library.add_post(_post(
        body='קרן רש"י ו-Social Finance Israel: **4-5 יחידות**. שָׁלוֹם',
        lead="פסקת פתיחה", author="מיכל", date=dt.date(2019, 12, 23), tags=["חדשנות", "אג\"ח"],
    ))
    again = library.get_post(post.id)
    assert again.body == 'קרן רש"י ו-Social Finance Israel: **4-5 יחידות**. שָׁלוֹם'
    assert again.tags == ["חדשנות", 'אג"ח']
    assert again.date == dt.date(2019, 12, 23)
    assert again.slug == "חדשנות-חברתית-הלכה-למעשה"
    assert again.status is Status.DRAFT


def test_slugs_are_unique_and_follow_the_title_until_edited(library):
    first = library.add_post(_post())
    second = library.add_post(_post())
    assert second.slug == first.slug + "-2"
    second.title = "כותרת אחרת לגמרי"
    second = library.save_post(second)
    assert second.slug == "כותרת-אחרת-לגמרי"
    second.slug = "כתובת-שלי"
    second = library.save_post(second)
    second.title = "ושוב כותרת"
    assert library.save_post(second).slug == "כתובת-שלי"


def test_a_published_posts_slug_never_changes(library):
    post = library.add_post(_post())
    post = library.set_status(post.id, Status.PUBLISHED)
    post.title = "כותרת חדשה"
    assert library.save_post(post).slug == "חדשנות-חברתית-הלכה-למעשה"
    post.slug = "אחרת"
    with pytest.raises(KtavError):
        library.save_post(post)


def test_explicit_save_and_status_change_append_revisions_autosave_does_not(library):
    post = library.add_post(_post(body="גרסה ראשונה"))
    post.body = "גרסה שנייה"
    post = library.save_post(post)  # autosave
    assert [r.reason for r in library.revisions(post.id)] == [RevisionReason.CREATE]
    post.body = "גרסה שלישית"
    library.save_post(post, revision=RevisionReason.SAVE, author="דנה")
    library.set_status(post.id, Status.IN_REVIEW, author="דנה", note="מוכן לעריכה")
    revisions = library.revisions(post.id)
    assert [r.reason for r in revisions] == [RevisionReason.CREATE, RevisionReason.SAVE, RevisionReason.STATUS]
    assert revisions[1].snapshot["body"] == "גרסה שלישית" and revisions[1].author == "דנה"
    assert library.status_history(post.id)[0]["note"] == "מוכן לעריכה"


def test_unchanged_autosave_writes_nothing(library):
    post = library.add_post(_post(body="טקסט"))
    version = library.data_version()
    library.save_post(post)
    assert library.data_version() == version


@pytest.mark.parametrize("query", ["חדשנות", "החדשנות", "חדשנו", "שלום", "רש\"י", "רש״י", "social", "חינוך"])
def test_search_ignores_niqqud_finals_quotes_and_prefixes(library, query):
    post = library.add_post(_post(title="פוסט", body='והחדשנות של קרן רש"י עם Social Finance. שָׁלוֹם!',
                                  tags=["בחינוך"]))
    library.add_post(_post(title="אחר", body="טקסט שאינו קשור"))
    assert [s.id for s in library.list_posts(search=query)] == [post.id]


def test_search_needs_every_word_and_filters_by_status(library):
    a = library.add_post(_post(title="מתמטיקה בנגב", body="חמש יחידות"))
    b = library.add_post(_post(title="מתמטיקה בצפון", body="ארבע יחידות"))
    library.set_status(b.id, Status.PUBLISHED)
    assert {s.id for s in library.list_posts(search="מתמטיקה")} == {a.id, b.id}
    assert [s.id for s in library.list_posts(search="מתמטיקה בנגב")] == [a.id]
    assert [s.id for s in library.list_posts(status=Status.PUBLISHED)] == [b.id]
    assert library.list_posts(search="!!!") == []


def test_search_follows_edits(library):
    post = library.add_post(_post(body="תפוחים"))
    post.body = "אגסים"
    library.save_post(post)
    assert library.list_posts(search="תפוחים") == []
    assert len(library.list_posts(search="אגסים")) == 1


def test_trash_restore_and_empty(library):
    post = library.add_post(_post())
    library.move_to_trash(post.id)
    assert library.list_posts() == [] and len(library.list_posts(trash=True)) == 1
    library.restore_from_trash(post.id)
    assert len(library.list_posts()) == 1
    library.move_to_trash(post.id)
    assert library.empty_trash() == 1
    with pytest.raises(PostNotFoundError):
        library.get_post(post.id)


def test_images_are_stored_once_with_their_size(library):
    from export_helpers import png as make_png

    png = make_png(32, 16)
    image = library.add_image(png, filename="/tmp/תמונה.png")
    assert (image.mime, image.width, image.height, image.filename) == ("image/png", 32, 16, "תמונה.png")
    assert library.add_image(png).id == image.id
    assert library.get_image(image.sha256).data == png
    with pytest.raises(KtavError):
        library.add_image(b"not an image")


def test_settings_and_related_choices(library):
    a, b, c = (library.add_post(_post(title=t)) for t in ("א", "ב", "ג"))
    library.set_related_choices(a.id, [c.id, b.id, c.id, a.id])
    assert library.related_choices(a.id) == [c.id, b.id]
    library.set_setting("site_name", "הבלוג")
    assert library.get_setting("site_name") == "הבלוג"
    assert library.get_setting("missing", 7) == 7


def test_a_failed_transaction_leaves_nothing_behind(library):
    with pytest.raises(RuntimeError), library.transaction():
        library.add_post(_post(title="לא יישמר"))
        raise RuntimeError("interrupted")
    assert library.list_posts() == []


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("זה לא מסד נתונים", encoding="utf-8")
    with pytest.raises(LibraryError, match="not a Ktav library"):
        Library.open(path)
    assert path.read_text(encoding="utf-8") == "זה לא מסד נתונים"


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE x (y)")
    db.commit()
    db.close()
    with pytest.raises(LibraryError, match="not a Ktav library"):
        Library.open(path)


def test_a_corrupt_library_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_post(_post(body="מילים " * 2000))
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match="damaged"):
        Library.open(path)


def test_a_library_from_a_newer_ktav_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    Library.open(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer Ktav"):
        Library.open(path)
    assert path.read_bytes() == before


def test_read_only_library_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        post = lib.add_post(_post())
    with Library.open(path, read_only=True) as lib:
        assert lib.get_post(post.id).title == post.title
        post.body = "שינוי"
        with pytest.raises(LibraryReadOnlyError) as caught:
            lib.save_post(post)
        assert "קריאה בלבד" in caught.value.message_he
    with Library.open(path) as lib:
        assert lib.get_post(post.id).body == ""


def test_disk_full_during_a_save_keeps_the_previous_state(library):
    post = library.add_post(_post(body="הגרסה השמורה"))
    pages = library._db.execute("PRAGMA page_count").fetchone()[0]
    library._db.execute(f"PRAGMA max_page_count = {pages}")
    post.body = "טקסט ארוך מאוד " * 20000
    with pytest.raises(DiskFullError):
        library.save_post(post, revision=RevisionReason.SAVE)
    assert library.get_post(post.id).body == "הגרסה השמורה"
    assert len(library.revisions(post.id)) == 1


def test_an_old_library_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_post(_post())

    def add_column(db):
        db.execute("ALTER TABLE posts ADD COLUMN extra TEXT")

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_column])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with Library.open(path) as lib:
        assert lib.get_post(1).title == "חדשנות חברתית הלכה למעשה"
    backup = path.with_name(path.name + f".v{current}.bak")
    assert backup.exists()
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == current
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == current + 1


def test_a_version_4_library_gains_covers_and_keeps_its_posts(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    with Library.open(path) as lib:
        post = lib.add_post(_post())
    monkeypatch.undo()
    with Library.open(path) as lib:
        assert lib.get_post(post.id).title == "חדשנות חברתית הלכה למעשה"
        assert lib.cover_image(post.id) is None
        from export_helpers import png

        image = lib.add_image(png(4, 3))
        lib.set_cover_image(post.id, image.sha256)
        assert lib.cover_images() == {post.id: image.sha256}
    assert sqlite3.connect(path.with_name(path.name + ".v4.bak")).execute("PRAGMA user_version").fetchone()[0] == 4


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_post(_post())

    def broken(db):
        db.execute("ALTER TABLE posts ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("simulated failure")

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(LibraryError):
        Library.open(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == current
    assert "half_done" not in [row[1] for row in db.execute("PRAGMA table_info(posts)")]


def test_missing_post_and_missing_read_only_file(library, tmp_path):
    with pytest.raises(PostNotFoundError):
        library.get_post(999)
    with pytest.raises(LibraryError):
        Library.open(tmp_path / "nothing.sqlite", read_only=True)


def test_a_closed_library_answers_with_a_clear_error(tmp_path):
    lib = Library.open(tmp_path / "lib.sqlite")
    post = lib.add_post(_post())
    lib.close()
    with pytest.raises(LibraryError, match="closed"):
        lib.get_post(post.id)
    with pytest.raises(LibraryError, match="closed"):
        lib.save_post(post)


def test_a_library_from_before_the_caches_gains_them_and_keeps_its_posts(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_post(_post())
    db = sqlite3.connect(path)
    for table in ("related_analysis", "rendered_bodies", "related_suggestions", "exported_files", "checked_spelling"):
        db.execute(f"DROP TABLE {table}")
    db.execute("ALTER TABLE posts DROP COLUMN cover_image")  # added after the caches (version 5)
    db.execute("DROP TABLE related_snapshot")  # version 6
    db.execute("DROP TABLE checked_posts")
    db.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(schema._migrate_caches)}")
    db.commit()
    db.close()
    with Library.open(path) as lib:
        assert lib.get_post(1).title == "חדשנות חברתית הלכה למעשה"
        assert lib._read("SELECT count(*) FROM rendered_bodies")[0][0] == 0
        assert lib._read("SELECT count(*) FROM related_snapshot")[0][0] == 0
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_a_library_checked_aside_reads_at_once_and_refuses_every_write_once_found_damaged(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        kept = lib.add_post(_post(title="נשמר", body="שורה אחת."))
        for _ in range(30):
            lib.add_post(_post(body="מילים " * 3000))
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192  # pages in the middle: the first post reads
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    with Library.open(path, check_aside=True) as lib:
        assert lib.get_post(kept.id).title == "נשמר"
        with pytest.raises(LibraryError, match="damaged"):
            lib.sound()
        with pytest.raises(LibraryError, match="damaged"):
            lib.save_post(lib.get_post(kept.id).copy(title="שונה"))
    assert path.read_bytes() == damaged


def test_a_sound_library_checked_aside_saves_as_usual(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        post = lib.add_post(_post(title="ראשון"))
    with Library.open(path, check_aside=True) as lib:
        lib.save_post(lib.get_post(post.id).copy(title="שני"))
        lib.sound()
    with Library.open(path) as lib:
        assert lib.get_post(post.id).title == "שני"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")
def test_the_check_aside_gives_way_to_the_reads_and_this_thread_is_left_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        post = lib.add_post(_post(title="ראשון"))
    niceness_while_checking = []
    damage = Library.damage

    def observed(library):
        niceness_while_checking.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return damage(library)

    monkeypatch.setattr(Library, "damage", observed)
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with Library.open(path, check_aside=True) as lib:
        assert lib.get_post(post.id).title == "ראשון"
        lib.sound()
    # Behind the reads, ahead of the dictionaries loading at the lowest priority (the export's first write
    # waits for the check, and the core it then finds free is shared with them).
    assert niceness_while_checking == [max(own, LOW_NICENESS)] and LOW_NICENESS < LOWEST_NICENESS
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own


def test_cache_rows_are_kept_without_waiting_for_the_disk_and_the_users_writes_still_wait(tmp_path):
    from editor.core.library.cache_rows import write_rows

    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        post = lib.add_post(_post(title="טיוטה"))
        write_rows(lib, "INSERT INTO rendered_bodies (body_hash, pipeline, html, parts) VALUES (?, ?, ?, ?)",
                   [("h", "p", "<p>שלום</p>", "{}")])
        assert lib._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again for the next save
        lib.save_post(lib.get_post(post.id).copy(title="נשמר"))
    with Library.open(path) as lib:
        assert lib.get_post(post.id).title == "נשמר"
        assert lib._read("SELECT html FROM rendered_bodies WHERE body_hash = 'h'")[0]["html"] == "<p>שלום</p>"
