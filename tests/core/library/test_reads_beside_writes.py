"""A read never waits for another thread's save: each thread reads on a connection of its own."""

from __future__ import annotations

import threading
from pathlib import Path

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


def test_closing_the_library_while_other_threads_read_ends_their_reads_cleanly(tmp_path):
    """A window closes its library while workers still read (a preview's picture, the post list): the
    reads in flight end, later ones are told the library is closed, and the process does not crash
    (closing a connection while another thread read a picture from it crashed about one round in six)."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(f"""
        import sys, threading
        sys.path.insert(0, {str(Path(__file__).parents[2] / "support")!r})
        from export_helpers import png
        from editor.core.errors import LibraryError
        from editor.core.library.store import Library
        from editor.core.models import Post

        library = Library.open(sys.argv[1])
        for number in range(100):
            library.add_post(Post(title=f"פוסט {{number}} על רש״י", body="מילים בעברית ו-English " * 100))
        picture = library.add_image(png(800, 600), filename="תמונה.png")
        reads, enough = [0], threading.Event()
        ended = []

        def read_on() -> None:
            try:
                while True:
                    library.get_image(picture.sha256)
                    library.all_posts()
                    reads[0] += 1
                    if reads[0] >= int(sys.argv[2]):
                        enough.set()
            except LibraryError:
                ended.append("closed")

        threads = [threading.Thread(target=read_on) for _ in range(4)]
        for thread in threads:
            thread.start()
        enough.wait(60)
        library.close()
        for thread in threads:
            thread.join(60)
        print(" ".join(ended))
    """)
    for round_ in range(12):  # the moment of closing moves a little each round
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / f"library-{round_}.sqlite"), str(1 + round_ % 6)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"round {round_}: exit {done.returncode}\n{done.stderr[-2000:]}"
        assert done.stdout.split() == ["closed"] * 4
