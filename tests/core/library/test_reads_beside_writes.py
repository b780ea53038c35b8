"""A read never waits for another thread's save: each thread reads on a connection of its own."""

from __future__ import annotations

import threading

from editor.core.library.store import Library
from editor.core.models import Post


def test_a_read_does_not_wait_for_a_save_on_another_thread_and_sees_only_what_was_committed(tmp_path):
    library = Library.open(tmp_path / "library.sqlite")
    post = library.add_post(Post(title='רש"י בנגב', body="גוף ראשון"))
    inside, release, seen_inside = threading.Event(), threading.Event(), {}

    def save_slowly() -> None:
        with library.transaction() as db:
            db.execute("UPDATE posts SET title=? WHERE id=?", ("כותרת חדשה", post.id))
            seen_inside["title"] = library.get_post(post.id).title  # its own change, before the commit
            inside.set()
            release.wait(30)

    saver = threading.Thread(target=save_slowly)
    saver.start()
    assert inside.wait(10)
    read = {}
    reader = threading.Thread(target=lambda: read.setdefault("title", library.get_post(post.id).title))
    reader.start()
    reader.join(5)
    waited = reader.is_alive()
    release.set()
    saver.join(10)
    reader.join(10)
    assert not waited, "the read waited for the other thread's transaction"
    assert read["title"] == 'רש"י בנגב', "a half-done save is not seen"
    assert seen_inside["title"] == "כותרת חדשה"
    assert library.get_post(post.id).title == "כותרת חדשה"
    library.close()
