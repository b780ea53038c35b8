"""The related index kept whole in the library: brought up to date, it suggests what a fresh index does;
a snapshot that is damaged or names anything but an index is never trusted."""

from __future__ import annotations

import os
import pickle
import sqlite3

import pytest

from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.related import RelatedIndex, snapshot


def _suggestions(index: RelatedIndex, post_ids) -> dict[int, list[tuple[int, float, str]]]:
    return {i: [(s.post_id, s.score, s.reason) for s in index.query(i, 5)] for i in post_ids}


def _snapshots(library: Library) -> int:
    return library._read("SELECT count(*) FROM related_snapshot")[0][0]


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as opened:
        import_samples(opened)
        for post in opened.all_posts():
            opened.set_status(post.id, Status.PUBLISHED)
        yield opened


def test_a_kept_index_brought_up_to_date_suggests_what_a_fresh_index_does(library):
    first = snapshot.kept_index(library, library.all_posts())
    assert _snapshots(library) == 1
    posts = library.all_posts()
    # A writer's week: a body rewritten in mixed Hebrew and English, a title with gershayim and niqqud,
    # tags changed, a new post, one post trashed and one unpublished.
    library.save_post(posts[2].copy(body=posts[2].body + "\n\nפסקה חדשה על AI בבתי ספר ועל מורים בנגב.\n"))
    library.save_post(posts[5].copy(title="פירוש רש\"י: שָׁלוֹם לְכֻלָּם", tags=["חינוך", "קהילה"]))
    new = library.add_post(Post(title="מורים ותלמידים בפריפריה", body=posts[9].body, tags=["חינוך"],
                                status=Status.PUBLISHED))
    library.move_to_trash(posts[12].id)
    library.set_status(posts[20].id, Status.DRAFT)

    now = library.all_posts()
    kept = snapshot.kept_index(library, now)
    ids = [p.id for p in now]
    assert posts[12].id not in kept and new.id in kept
    assert _suggestions(kept, ids) == _suggestions(RelatedIndex(now), ids)
    assert kept is not first


def test_the_row_digests_a_snapshot_keeps_are_those_of_the_rows_as_they_are_now(library):
    from editor.core.related.evidence import Evidence

    for _ in range(2):  # stored with its digests, then read back
        snapshot.store(library, snapshot.kept_index(library, library.all_posts()))
    posts = library.all_posts()
    library.save_post(posts[3].copy(body=posts[3].body + "\n\nעל ה-AI ועל רש\"י בכיתה.\n"))
    library.save_post(posts[6].copy(tags=["תגית חדשה"]))
    library.set_status(posts[8].id, Status.DRAFT)  # no longer linkable: same words, another row
    library.save_post(posts[11].copy(date=None))
    now = library.all_posts()
    kept = snapshot.kept_index(library, now)
    assert kept.row_digests  # read with the snapshot, not made again
    fresh = Evidence(RelatedIndex(now)).rows
    assert {i: row.digest for i, row in Evidence(kept).rows.items()} == {i: row.digest for i, row in fresh.items()}


def _stems(index: RelatedIndex) -> dict[str, str]:
    """The stem every form of the indexed posts stands for."""
    lexicon = index.lexicon
    return {form: lexicon.terms[lexicon.stem_term(number)] for number, form in enumerate(lexicon.forms)
            if lexicon.is_known(form)}


def _post(number: int, title: str, body: str) -> Post:
    return Post(id=number, title=title, body=body, status=Status.PUBLISHED)


def test_words_that_come_and_go_between_snapshots_leave_the_stems_a_fresh_index_decides():
    # The stem of והחינוך / בחינוך is חינוך only while a post has the bare word; the kept index learns
    # the word, loses it and learns it again, through snapshots stored and read in between.
    posts = {1: _post(1, "חינוך", "חינוך ותקציב, רש\"י ו-AI ב־2026"),
             2: _post(2, "פריפריה", "והחינוך בפריפריה, שָׁלוֹם"),
             3: _post(3, "תקציב", "בחינוך יש תקציב ובתקציב יש חינוך")}
    kept = RelatedIndex(list(posts.values()))
    edits = [_post(1, "תחבורה", "קו אוטובוס לתחנה"), _post(3, "תקציב", "בחינוך יש תקציב בתחנה"),
             _post(4, "חינוך", "חינוך ותחנה ואוטובוס"), _post(2, "פריפריה", "והחינוך בפריפריה ובאוטובוס")]
    for edited in edits:
        kept = snapshot.loads(snapshot.dumps(kept))
        if edited.id in kept:
            kept.update(edited)
        else:
            kept.add(edited)
        posts[edited.id] = edited
        fresh = RelatedIndex(list(posts.values()))
        assert _stems(kept) == _stems(fresh)
        assert _suggestions(kept, posts) == _suggestions(fresh, posts)
    assert _stems(kept)["והחינוכ"] == "חינוכ"


def test_a_few_changes_are_brought_up_to_date_without_storing_the_snapshot_again(library):
    snapshot.kept_index(library, library.all_posts())
    stored_before = library._read("SELECT data FROM related_snapshot")[0]["data"]
    post = library.all_posts()[0]
    library.save_post(post.copy(body=post.body + "\n\nעוד משפט.\n"))
    kept = snapshot.kept_index(library, library.all_posts())
    assert kept.indexed_as[post.id] != snapshot.loads(stored_before).indexed_as[post.id]
    assert library._read("SELECT data FROM related_snapshot")[0]["data"] == stored_before


def test_many_changes_store_the_snapshot_again(library):
    snapshot.kept_index(library, library.all_posts())
    for post in library.all_posts()[:snapshot.STORE_AFTER]:
        library.save_post(post.copy(title=post.title + " (מעודכן)"))
    snapshot.kept_index(library, library.all_posts())
    again = snapshot.load(library)
    assert again is not None
    assert {again.indexed_as[p.id] for p in library.all_posts()[:3]} == {
        snapshot.indexed_version(p) for p in library.all_posts()[:3]}


class _Planted:
    """A pickle that, if it were loaded, would write a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def test_a_snapshot_naming_anything_but_an_index_is_refused_and_the_index_is_built(library, tmp_path):
    planted = tmp_path / "planted"
    db = sqlite3.connect(library.path)
    db.execute("INSERT INTO related_snapshot (version, data) VALUES (?, ?)",
               (snapshot.snapshot_version(), pickle.dumps(_Planted(str(planted)))))
    db.commit()
    db.close()
    with pytest.raises(snapshot.SnapshotRefused):
        snapshot.loads(pickle.dumps(_Planted(str(planted))))
    posts = library.all_posts()
    index = snapshot.kept_index(library, posts)
    assert not planted.exists()
    assert len(index) == len(posts)
    assert isinstance(snapshot.load(library), RelatedIndex)  # the foreign row was replaced


def test_a_damaged_snapshot_is_built_again(library):
    snapshot.kept_index(library, library.all_posts())
    db = sqlite3.connect(library.path)
    db.execute("UPDATE related_snapshot SET data = ?", (b"\x80\x05not a pickle at all",))
    db.commit()
    db.close()
    posts = library.all_posts()
    ids = [p.id for p in posts]
    assert _suggestions(snapshot.kept_index(library, posts), ids) == _suggestions(RelatedIndex(posts), ids)


def test_a_snapshot_of_another_version_of_the_code_is_not_read(library, monkeypatch):
    snapshot.kept_index(library, library.all_posts())
    monkeypatch.setattr(snapshot, "snapshot_version", lambda: "another version")
    assert snapshot.load(library) is None
    snapshot.kept_index(library, library.all_posts())
    versions = [row["version"] for row in library._read("SELECT version FROM related_snapshot")]
    assert versions == ["another version"]


def test_a_read_only_library_brings_its_snapshot_up_to_date_in_memory(library, tmp_path):
    snapshot.kept_index(library, library.all_posts())
    post = library.all_posts()[4]
    library.save_post(post.copy(body=post.body + "\n\nשינוי קטן.\n"))
    path = library.path
    library.close()
    with Library.open(path, read_only=True) as read_only:
        posts = read_only.all_posts()
        ids = [p.id for p in posts]
        kept = snapshot.kept_index(read_only, posts)
        assert _suggestions(kept, ids) == _suggestions(RelatedIndex(posts), ids)


def test_a_snapshot_whose_parts_do_not_hold_together_is_built_again(library):
    snapshot.kept_index(library, library.all_posts())
    broken = snapshot.load(library)
    assert broken is not None
    broken.row_forms = broken.row_forms[:3]  # rows without their forms: no index this code writes
    db = sqlite3.connect(library.path)
    db.execute("UPDATE related_snapshot SET data = ?", (snapshot.dumps(broken),))
    db.commit()
    db.close()
    post = library.all_posts()[-1]  # its row's forms are among those missing
    library.save_post(post.copy(body=post.body + "\n\nמילה חדשה: זקזקון.\n"))
    posts = library.all_posts()
    ids = [p.id for p in posts]
    kept = snapshot.kept_index(library, posts)
    assert len(kept.row_forms) == len(kept.posts)
    assert _suggestions(kept, ids) == _suggestions(RelatedIndex(posts), ids)


def test_an_index_is_freed_by_its_count_alone(library):
    """No cycle holds an index (its postings see it through a weak proxy): one frozen out of the
    collector's passes (the window's) is still freed when it goes."""
    import gc
    import weakref

    index = snapshot.kept_index(library, library.all_posts())
    index.query(library.all_posts()[0].id, 3)  # its champion lists built
    again = snapshot.load(library)
    assert again is not None
    gone = [weakref.ref(index), weakref.ref(again)]
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del index, again
        assert [ref() for ref in gone] == [None, None]
    finally:
        if was_enabled:
            gc.enable()


def test_the_windows_service_builds_its_index_with_the_collector_held_and_gives_it_back_on_close(library):
    import gc

    from editor.core.related import RelatedService

    seen = []
    service = RelatedService(library, pace=lambda: seen.append(gc.isenabled()), hold_collector=True)
    post = library.all_posts()[0]
    assert service.suggestions(post.id, 3)
    assert seen and not any(seen)  # no collector pass while the index was built
    assert gc.isenabled() and gc.get_freeze_count() > 0  # what was built is out of its later passes
    service.close()
    assert gc.get_freeze_count() == 0
    plain = RelatedService(library, pace=lambda: seen.append(gc.isenabled()))
    seen.clear()
    assert plain.suggestions(post.id, 3)
    assert all(seen) and gc.get_freeze_count() == 0
