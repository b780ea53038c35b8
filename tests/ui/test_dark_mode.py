"""The desk follows the system's light or dark palette; its own colours stay readable in both."""

import pytest
from desk_helpers import library_with_posts, open_window
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from editor.core.models import Post
from editor.ui.theme import contrast, is_dark

READABLE = 4.5  # WCAG AA for text
READABLE_MARKS = 3.0  # Markdown marks and addresses are meant to recede, not to vanish


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in [(QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Base, "#1b1b1d"), (QPalette.ColorRole.AlternateBase, "#26262a"),
                        (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.Button, "#2d2e31"),
                        (QPalette.ColorRole.ButtonText, "#e8eaed"), (QPalette.ColorRole.Highlight, "#3d6bb3"),
                        (QPalette.ColorRole.HighlightedText, "#ffffff")]:
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def window(qtbot, tmp_path, settings, hebrew):
    library = library_with_posts(tmp_path / "dark.sqlite")
    library.add_post(Post(title="קוד", body="## כותרת\n\nטקסט **מודגש** ו[קישור](https://example.org).\n\n```\nx = 1\n```"))
    desk = open_window(qtbot, library, settings, post_id=3)
    light = QApplication.palette()
    yield desk
    QApplication.setPalette(light)
    desk.close()
    library.close()


def colours_are_readable(editor) -> None:
    base = editor.palette().color(QPalette.ColorRole.Base)
    formats = editor._highlighter.formats
    for name in ("heading", "bold", "italic", "quote", "link", "code", "fence"):
        assert contrast(formats[name].foreground().color(), base) >= READABLE, name
    for name in ("marker", "url"):
        assert contrast(formats[name].foreground().color(), base) >= READABLE_MARKS, name


def test_the_editor_is_readable_in_the_light_palette(qtbot, window):
    assert not is_dark(window.editor.palette())
    colours_are_readable(window.editor)


def test_the_editor_follows_the_system_into_dark_mode_and_back(qtbot, window, tmp_path):
    code_block = window.editor.document().findBlockByNumber(5)
    light_code = code_block.blockFormat().background().color()
    QApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: is_dark(window.editor.palette()), timeout=2000)
    colours_are_readable(window.editor)
    dark_code = window.editor.document().findBlockByNumber(5).blockFormat().background().color()
    assert dark_code != light_code and dark_code.lightness() < 80, "code blocks take a dark tint"
    assert window.editor.text().startswith("## כותרת"), "the text is untouched"
    window.grab().save(str(tmp_path / "dark.png"))
    QApplication.setPalette(QApplication.style().standardPalette())
    qtbot.waitUntil(lambda: not is_dark(window.editor.palette()), timeout=2000)
    colours_are_readable(window.editor)


def test_the_post_lists_second_line_is_readable_in_both_palettes(qtbot, window):
    from editor.ui.library.post_list import secondary_text

    for palette in (QApplication.style().standardPalette(), dark_palette()):
        base = palette.color(QPalette.ColorRole.Base)
        assert contrast(secondary_text(palette), base) >= READABLE
