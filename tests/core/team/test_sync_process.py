"""The window's sync runs as `ktav sync --json` in a child process: its report and refusals come back whole."""

from __future__ import annotations

import pytest
from team_helpers import make_team, save

from editor.core.errors import KtavError
from editor.core.library.store import Library
from editor.core.models import Post
from editor.core.team.sync import sync
from editor.core.team.sync_process import read_answer, sync_in_child


@pytest.mark.slow
def test_a_change_synced_in_a_child_process_reaches_the_other_library_with_its_report(tmp_path):
    team = make_team(tmp_path)
    try:
        post = team.post(team.writer)
        save(team.writer, post, "דנה", body=post.body + '\nפסקה של דנה על רש"י.\n')
        sent = sync_in_child(team.writer.path)
        assert sent.sent >= 1 and sent.brought == 0
        brought = sync_in_child(team.editor.path)
        mine = team.post(team.editor)
        assert brought.brought == 1 and brought.changed_ids == {mine.id}
        assert 'פסקה של דנה על רש"י.' in mine.body, "the window's own connection reads what the child wrote"
        assert "פוסטים התעדכנו" in brought.summary_he
        assert sync(team.editor).brought == 0  # nothing left half-done for the next sync
    finally:
        team.close()


def test_a_library_that_is_not_shared_is_refused_in_hebrew_through_the_child(tmp_path):
    with Library.open(tmp_path / "alone.sqlite") as library:
        library.add_post(Post(title="לבד", body="טקסט"))
    with pytest.raises(KtavError) as refused:
        sync_in_child(tmp_path / "alone.sqlite")
    assert "אינה ספרייה משותפת" in refused.value.message_he and "not a team library" in refused.value.message


def test_a_child_that_stopped_without_a_report_is_an_error_not_an_empty_sync():
    with pytest.raises(KtavError) as stopped:
        read_answer("", "Traceback (most recent call last):\nMemoryError")
    assert "MemoryError" in stopped.value.message and stopped.value.message_he.startswith("הסנכרון נעצר")
