"""The window's related posts in a process of their own: the same answers as in the window's process,
the changes told on the way, the index kept in the library for the next start, and a lost child."""

import os
import signal
import sys
import threading

import pytest

from editor.core.models import Post, Status
from editor.core.related import RelatedService
from editor.core.related.child import RelatedProcess
from editor.core.related.snapshot import snapshot_version


@pytest.fixture
def elsewhere(sample_library):
    service = RelatedProcess(sample_library)
    yield service
    service.close()


def ids(suggestions):
    return [s.post_id for s in suggestions]


def test_the_child_answers_as_the_window_would(sample_library, elsewhere):
    here = RelatedService(sample_library)
    posts = sample_library.all_posts()
    for post in posts[:12]:
        assert elsewhere.suggestions(post.id, 5) == here.suggestions(post.id, 5)
        assert [p.id for p in elsewhere.chosen_related(post.id)] == [p.id for p in here.chosen_related(post.id)]
    draft = Post(title="טיוטה", body=posts[3].body + "\n\nועוד משפט של רש\"י ו-AI בשנת 2026.")
    assert elsewhere.suggestions(draft, 5, linkable_only=False) == here.suggestions(draft, 5, linkable_only=False)
    assert elsewhere.pids and os.getpid() not in elsewhere.pids
    assert elsewhere.problem is None


def test_saves_and_removals_reach_the_child_with_the_next_question(sample_library, elsewhere):
    first = sample_library.all_posts()[0]
    assert ids(elsewhere.suggestions(first.id, 47))
    twin = sample_library.add_post(Post(title="תאומה", body=first.body, status=Status.PUBLISHED))
    elsewhere.post_saved(twin)
    assert ids(elsewhere.suggestions(first.id, 3))[0] == twin.id
    sample_library.move_to_trash(twin.id)
    elsewhere.post_removed(twin.id)
    assert twin.id not in ids(elsewhere.suggestions(first.id, 47))


def test_the_index_built_in_the_child_is_kept_in_the_library_for_the_next_window(sample_library, elsewhere):
    elsewhere.suggestions(sample_library.all_posts()[0].id)
    rows = sample_library._read("SELECT version FROM related_snapshot")
    assert [row["version"] for row in rows] == [snapshot_version()]


def test_a_killed_child_loses_no_change_and_a_new_one_takes_its_place(sample_library, elsewhere, capfd):
    first = sample_library.all_posts()[0]
    elsewhere.suggestions(first.id)
    lost = elsewhere.pids
    twin = sample_library.add_post(Post(title="תאומה", body=first.body, status=Status.PUBLISHED))
    elsewhere.post_saved(twin)
    for pid in lost:
        os.kill(pid, signal.SIGKILL)
    assert ids(elsewhere.suggestions(first.id, 3))[0] == twin.id  # answered in this process
    assert "the related posts' process ended (exit code -9)" in capfd.readouterr().err
    assert elsewhere.pids and set(elsewhere.pids).isdisjoint(lost)
    other = sample_library.add_post(Post(title="עוד תאומה", body=first.body + " " + first.body, status=Status.PUBLISHED))
    elsewhere.post_saved(other)
    assert other.id in ids(elsewhere.suggestions(first.id, 3))  # by the new child
    for pid in elsewhere.pids:
        os.kill(pid, signal.SIGKILL)
    sample_library.move_to_trash(other.id)
    elsewhere.post_removed(other.id)
    # here again: it heard nothing while the new child answered, so it starts from the library
    assert other.id not in ids(elsewhere.suggestions(first.id, 47))


def test_when_no_child_can_start_the_window_answers(sample_library, capfd):
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    service = RelatedProcess(sample_library, command=failing)
    try:
        first = sample_library.all_posts()[0]
        for _ in range(2):
            assert service.suggestions(first.id, 5) == RelatedService(sample_library).suggestions(first.id, 5)
        assert service.pids == []
    finally:
        service.close()
    assert "the related posts' process cannot start" in capfd.readouterr().err


def test_closing_the_window_does_not_wait_for_the_questions_in_flight(sample_library):
    """The panel's question and the page's cards may both be waiting when the window closes."""
    silent = [sys.executable, "-c", "import sys; sys.stdin.read()"]  # never answers
    service = RelatedProcess(sample_library, command=silent, start_timeout=600)
    first = sample_library.all_posts()[0]
    answers = []
    asking = [threading.Thread(target=lambda: answers.append(service.suggestions(first.id))),
              threading.Thread(target=lambda: answers.append(service.chosen_related(first.id)))]
    for thread in asking:
        thread.start()
    service.close()
    for thread in asking:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in asking)
    assert answers == [[], []]


def test_a_library_open_for_reading_only_is_answered_and_left_as_it_was(sample_library, tmp_path):
    from editor.core.library.store import Library

    path = sample_library.path
    sample_library.close()
    before = path.read_bytes()
    with Library.open(path, read_only=True) as reading:
        service = RelatedProcess(reading)
        try:
            first = reading.all_posts()[0]
            assert service.suggestions(first.id, 5) == RelatedService(reading).suggestions(first.id, 5)
            assert service.problem is None
        finally:
            service.close()
    assert path.read_bytes() == before  # no snapshot or analysis written into it
