"""The related index brought up from the analyses stored in the library."""

from __future__ import annotations

from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Status
from editor.core.related import RelatedIndex, build_index, stored


def _stored_hashes(library: Library) -> dict[int, str]:
    return {row["post_id"]: row["content_hash"]
            for row in library._read("SELECT post_id, content_hash FROM related_analysis")}


def _suggestions(index: RelatedIndex, post_ids) -> dict[int, list[tuple[int, float, str]]]:
    return {i: [(s.post_id, s.score, s.reason) for s in index.query(i, 5)] for i in post_ids}


def test_the_index_from_stored_analyses_suggests_what_a_fresh_one_does_and_follows_a_change(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as library:
        import_samples(library)
        for post in library.all_posts():
            library.set_status(post.id, Status.PUBLISHED)
        posts = library.all_posts()
        ids = [p.id for p in posts]
        build_index(library)
        first = _stored_hashes(library)
        assert set(first) == set(ids)

        from_store = build_index(library)  # every analysis read back
        assert _suggestions(from_store, ids) == _suggestions(RelatedIndex(posts), ids)

        edited = library.save_post(posts[7].copy(title="ניקוד: שָׁלוֹם לְכֻלָּם, רש\"י ו-AI", tags=["חדשנות"]))
        again = build_index(library)
        assert _suggestions(again, ids) == _suggestions(RelatedIndex(library.all_posts()), ids)
        now = _stored_hashes(library)
        assert [i for i in ids if now[i] != first[i]] == [edited.id]
        assert now[edited.id] == stored.analyzed_text_hash(edited)


def test_a_read_only_library_still_gets_an_index(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as library:
        import_samples(library)
    with Library.open(path, read_only=True) as library:
        index = build_index(library)
        assert len(index) == len(library.all_posts())
        assert _stored_hashes(library) == {}
