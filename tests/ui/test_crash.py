"""The real window killed with SIGKILL while a writer types: nothing typed over 2 s before is lost."""

import random

import pytest
from typist import crash_round

from editor.core.library.store import Library
from editor.core.models import Post


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_post(Post(title="פוסט קיים", body="פסקה ראשונה של פוסט קיים."))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("post, pace, seed", [("1", "steady", 11), ("new", "bursts", 12), ("1", "bursts", 13)])
def test_a_killed_window_keeps_everything_typed_more_than_two_seconds_before(db, post, pace, seed):
    kill_after = random.Random(seed).uniform(4.0, 7.0)
    outcome = crash_round(db, post, pace, seed, kill_after)
    assert outcome.promised > 5, "the round typed long enough before the kill to mean something"
    assert outcome.missing == 0, outcome
    with Library.open(db) as library:
        assert library.list_posts(), "the library opens cleanly after the kill"
