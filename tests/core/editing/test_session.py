"""The edit session: a post's edits reach the store once, and a failed save keeps them for a retry."""

import pytest

from editor.core.editing.session import MAX_RETRY_MS, EditSession, SaveState
from editor.core.errors import DiskFullError
from editor.core.models import Post


class FakeStore:
    """Keeps posts in a dict; `full=True` makes every write fail like a full disk."""

    def __init__(self) -> None:
        self.posts: dict[int, Post] = {}
        self.full = False
        self.writes = 0
        self.expected_versions: list[str | None] = []

    def add_post(self, post, author=""):
        return self._write(post.copy(id=len(self.posts) + 1, slug="post"))

    def save_post(self, post, revision=None, author="", note="", expected_version=None):
        self.expected_versions.append(expected_version)
        return self._write(post.copy())

    def _write(self, post):
        if self.full:
            raise DiskFullError("disk full", "הדיסק מלא: הפוסט לא נשמר")
        self.writes += 1
        post.updated_at = f"2026-11-27T03:00:0{self.writes}Z"
        self.posts[post.id] = post.copy()
        return post


@pytest.fixture
def store():
    return FakeStore()


def test_a_new_post_is_stored_by_its_first_save(store):
    session = EditSession(store, Post(title=""))
    session.update(body="ש")
    assert session.state == SaveState.DIRTY
    assert session.save()
    assert session.post_id == 1
    assert store.posts[1].body == "ש"
    assert session.state == SaveState.SAVED


def test_an_unchanged_post_is_not_written_again(store):
    session = EditSession(store, Post(title="רש\"י"))
    session.update(body="4-5 יחידות")
    session.save()
    assert not session.update(body="4-5 יחידות")
    session.save()
    assert store.writes == 1


def test_a_failed_save_keeps_the_text_and_the_hebrew_reason(store):
    session = EditSession(store, Post(title="כותרת"))
    store.full = True
    session.update(body="מילים שאסור לאבד, with English")
    assert not session.save()
    assert session.state == SaveState.FAILED
    assert session.post.body == "מילים שאסור לאבד, with English"
    assert "הדיסק מלא" in session.last_error.message_he
    assert session.has_unsaved_changes


def test_edits_after_a_failure_stay_pending_until_a_retry_succeeds(store):
    session = EditSession(store, Post(title="כותרת"))
    store.full = True
    session.update(body="א")
    session.save()
    session.update(body="אב")
    assert session.state == SaveState.FAILED
    store.full = False
    assert session.save()
    assert store.posts[session.post_id].body == "אב"
    assert not session.has_unsaved_changes


def test_retries_back_off_up_to_a_limit(store):
    session = EditSession(store, Post(title="כותרת"))
    store.full = True
    session.update(body="א")
    delays = []
    for _ in range(10):
        session.save()
        delays.append(session.retry_delay_ms())
    assert delays == sorted(delays)
    assert delays[1] > delays[0]
    assert delays[-1] == MAX_RETRY_MS


def test_the_session_keeps_the_slug_the_store_chose(store):
    session = EditSession(store, Post(title="שלום"))
    session.update(body="טקסט")
    session.save()
    assert session.post.slug == "post"
    assert session.post.body == "טקסט"


def test_each_save_names_the_version_it_started_from(store):
    session = EditSession(store, Post(title="כותרת"))
    versions = []
    for text in ("א", "אב", "אבג"):
        session.update(body=text)
        session.save()
        versions.append(store.posts[1].updated_at)
    assert store.expected_versions == versions[:2]  # the first save added the post


def test_edits_made_while_a_save_is_written_wait_for_the_next_save(store):
    session = EditSession(store, Post(title="כותרת", body="שורה"))
    session.update(body='שורה ורש"י')
    ticket = session.begin_save()
    assert session.state == SaveState.SAVING and session.has_unsaved_changes
    session.update(body='שורה ורש"י אמר')  # typed while the write runs elsewhere
    assert session.finish(ticket, session.write(ticket))
    assert store.posts[1].body == 'שורה ורש"י' and session.is_stored
    assert session.state == SaveState.DIRTY and session.has_unsaved_changes
    assert session.save() and store.posts[1].body == 'שורה ורש"י אמר'
    assert session.state == SaveState.SAVED


def test_a_write_refused_elsewhere_keeps_every_edit_for_the_retry(store):
    session = EditSession(store, Post(title="כותרת", body="שורה"))
    session.update(body="שורה שנייה")
    ticket = session.begin_save()
    store.full = True
    try:
        session.write(ticket)
    except DiskFullError as error:
        assert not session.finish(ticket, error)
    assert session.state == SaveState.FAILED and "הדיסק מלא" in session.last_error.message_he
    store.full = False
    assert session.save() and store.posts[1].body == "שורה שנייה"
