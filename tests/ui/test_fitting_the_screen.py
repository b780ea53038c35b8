"""The desk fits its window: from a 1400-wide desktop down to a 1024×640 laptop and an 800×600 screen."""

import pytest
from desk_helpers import library_with_posts, open_window

from editor.ui.desk.main_window import MIN_PANE_WIDTH


@pytest.fixture
def window(qtbot, tmp_path, settings, hebrew):
    library = library_with_posts(tmp_path / "fit.sqlite")
    desk = open_window(qtbot, library, settings, post_id=1)
    yield desk
    desk.close()
    library.close()


def resized(qtbot, window, width, height):
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    return window


def text_widths(window) -> tuple[int, int]:
    return window.editor_box.width(), window.preview_view.width()


@pytest.mark.parametrize("width, height", [(1400, 850), (1366, 768), (1600, 900)])
def test_a_wide_window_shows_the_list_the_text_and_the_panel_side_by_side(qtbot, window, width, height):
    resized(qtbot, window, width, height)
    assert window.main_splitter.indexOf(window.post_list) >= 0 and window.side_tabs.isVisible()
    assert min(text_widths(window)) >= 320
    # nothing is cut at the window's edges: the list's search box lies wholly inside the window
    search = window.post_list.search
    corner = search.mapTo(window, search.rect().topLeft())
    assert corner.x() >= 0 and corner.x() + search.width() <= window.width()


def test_a_laptop_window_moves_the_post_list_into_the_side_panels_tabs(qtbot, window):
    resized(qtbot, window, 1024, 640)
    assert window.side_tabs.indexOf(window.post_list) == 0
    assert window.side_tabs.tabText(0) == "פוסטים"
    assert min(text_widths(window)) >= 300, "the text keeps a readable width"


def test_a_small_window_gives_the_whole_width_to_the_text_and_brings_the_panel_back_when_it_widens(qtbot, window):
    resized(qtbot, window, 800, 600)
    assert not window.side_tabs.isVisible()
    assert min(text_widths(window)) >= MIN_PANE_WIDTH + 100
    window.show_side_action.trigger()  # View → Details panel: the writer asks for it
    assert window.side_tabs.isVisible()
    resized(qtbot, window, 1400, 850)
    assert window.side_tabs.isVisible() and window.main_splitter.indexOf(window.post_list) >= 0


def test_a_panel_the_writer_hid_stays_hidden_across_resizes(qtbot, window):
    resized(qtbot, window, 1400, 850)
    window.show_side_action.trigger()  # hide it
    assert not window.side_tabs.isVisible()
    resized(qtbot, window, 1024, 640)
    resized(qtbot, window, 1400, 850)
    assert not window.side_tabs.isVisible()
