"""Two windows on one post: the later save wins, and the text it replaced unseen is kept as a revision."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.core.editing.session import EditSession
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review

ROOT = Path(__file__).resolve().parents[3]
BODY = 'בשנת 2019 פתחנו כיתה של 4-5 יחידות עם Google וקרן רש"י.'


@pytest.fixture
def two_windows(tmp_path):
    """Two connections to one library file, as two processes have."""
    path = tmp_path / "shared.sqlite"
    first, second = Library.open(path), Library.open(path)
    yield first, second
    first.close()
    second.close()


def overwritten(library, post_id):
    return [r for r in library.revisions(post_id) if r.reason is RevisionReason.OVERWRITTEN]


def test_a_save_over_text_it_never_loaded_keeps_that_text_as_a_revision(two_windows):
    first, second = two_windows
    post = first.add_post(Post(title="כיתת מצוינות", body=BODY))
    mine = EditSession(first, first.get_post(post.id), author="מיכל")
    theirs = EditSession(second, second.get_post(post.id), author="דנה")
    theirs.update(body=BODY + "\n\nפסקה שדנה כתבה בחלון השני.")
    assert theirs.save()
    mine.update(body=BODY + "\n\nפסקה שמיכל כתבה.")
    assert mine.save()
    stored = second.get_post(post.id)
    assert stored.body.endswith("פסקה שמיכל כתבה.")  # the writer's save wins
    (kept,) = overwritten(second, post.id)
    assert kept.snapshot["body"].endswith("פסקה שדנה כתבה בחלון השני.")
    assert kept.author == "מיכל" and "חלון" in kept.note
    assert kept.reason.label_he == "גרסה שנדרסה"
    mine.update(body=stored.body + " ועוד משפט.")  # the session now carries the new version
    assert mine.save()
    assert len(overwritten(first, post.id)) == 1


def test_saves_from_one_window_keep_no_extra_revision(two_windows):
    first, _ = two_windows
    session = EditSession(first, Post(title="פוסט חדש"))
    for text in ("א", "אב", "אבג"):
        session.update(body=text)
        assert session.save()
    assert [r.reason for r in first.revisions(session.post_id)] == [RevisionReason.CREATE]


def test_a_status_moved_in_the_other_window_is_not_undone_by_a_save(two_windows):
    first, second = two_windows
    post = first.add_post(Post(title="לבדיקה", body=BODY))
    mine = EditSession(first, first.get_post(post.id))
    review.change_status(second, post.id, Status.IN_REVIEW, "דנה", note="מוכן לעריכה")
    mine.update(body=BODY + " תיקון קטן.")
    assert mine.save()
    stored = first.get_post(post.id)
    assert stored.status is Status.IN_REVIEW and stored.body.endswith("תיקון קטן.")
    assert mine.post.status is Status.IN_REVIEW
    assert [h["to"] for h in first.status_history(post.id)] == ["in_review"]


def test_an_unchanged_text_in_the_other_window_keeps_no_revision(two_windows):
    first, second = two_windows
    post = first.add_post(Post(title="כותרת", body=BODY))
    mine = EditSession(first, first.get_post(post.id))
    second.save_post(second.get_post(post.id).copy(body=BODY + " שינוי"))
    second.save_post(second.get_post(post.id).copy(body=BODY))  # changed, then back
    mine.update(body=BODY + " טיוטה")
    mine.update(body=BODY)  # typed, then undone: a save is due, with the text both sides have
    assert mine.has_unsaved_changes and mine.save()
    assert overwritten(first, post.id) == []


SECOND_PROCESS = textwrap.dedent("""
    import sys
    from editor.core.library.store import Library
    from editor.core.editing.session import EditSession

    library = Library.open(sys.argv[1])
    session = EditSession(library, library.get_post(int(sys.argv[2])), author="חלון שני")
    print("loaded", flush=True)
    sys.stdin.readline()  # meanwhile the first process saves
    session.update(body=session.post.body + "\\n\\nנכתב בתהליך השני.")
    print("saved" if session.save() else session.last_error.message, flush=True)
    library.close()
""")


def test_two_processes_on_one_post_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Library.open(path) as library:
        post = library.add_post(Post(title="שני תהליכים", body=BODY))
        other = subprocess.Popen([sys.executable, "-c", SECOND_PROCESS, str(path), str(post.id)], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            assert other.stdout.readline().strip() == "loaded"
            session = EditSession(library, library.get_post(post.id), author="חלון ראשון")
            session.update(body=BODY + "\n\nנכתב בתהליך הראשון.")
            assert session.save()
            out, _ = other.communicate("go\n", timeout=60)
        finally:
            if other.poll() is None:
                other.kill()
        assert out.strip() == "saved"
        assert library.get_post(post.id).body.endswith("נכתב בתהליך השני.")
        (kept,) = overwritten(library, post.id)
        assert kept.snapshot["body"].endswith("נכתב בתהליך הראשון.") and kept.author == "חלון שני"
