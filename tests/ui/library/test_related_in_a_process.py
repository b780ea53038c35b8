"""The window as `ktav` starts it keeps its related posts in a process of its own: the panel and the
page's cards follow what the writer types and saves, and the process ends with the window."""

import os

import pytest
from desk_helpers import move_to_end, open_window, preview_caught_up, type_into
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.related import RelatedService
from editor.core.review import workflow
from editor.ui.library.related_panel import POST_ID, SUGGESTIONS


@pytest.fixture
def samples(sample_library):
    workflow.set_user_name(sample_library, "דנה")  # a save signs its revision
    return sample_library


def suggested(window) -> list[int]:
    listing = window.related_panel.suggestion_list
    return [listing.item(row).data(POST_ID) for row in range(listing.count())]


def test_the_panel_and_the_cards_follow_the_writer_from_a_process_of_their_own(qtbot, samples, settings, hebrew):
    first, *others = samples.all_posts()
    far = max(others, key=lambda post: post.id)  # typed into the first post below, it becomes related
    window = open_window(qtbot, samples, settings, post_id=first.id, related_elsewhere=True)
    child = window.related.pids
    assert child and os.getpid() not in child
    expected = [s.post_id for s in RelatedService(samples).suggestions(first.id, SUGGESTIONS)]
    qtbot.waitUntil(lambda: suggested(window) == expected, timeout=30_000)

    pages = []
    window.preview.resultReady.connect(lambda result: pages.append(result.page_html))
    move_to_end(window.editor)
    borrowed = sorted(far.body.split("\n\n"), key=len)[-1]  # its longest paragraph
    type_into(qtbot, window.editor, "\n\n" + borrowed)
    qtbot.waitUntil(lambda: far.id in suggested(window)[:2], timeout=30_000)
    QTest.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: borrowed in samples.get_post(first.id).body, timeout=10_000)
    preview_caught_up(qtbot, window)
    cards = window.related.chosen_related(first.id)
    assert far.id in [post.id for post in cards]
    qtbot.waitUntil(lambda: pages and far.title in pages[-1], timeout=20_000)  # its card on the page
    assert window.related.pids == child, "one process all along"

    window.close()
    for pid in child:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
