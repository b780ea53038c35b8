"""Pasting and dropping into the desk: HTML, plain text, a picture, files to import."""

import pytest
from desk_helpers import listed, open_window
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.preview import live as preview
from editor.ui.writing.image_dialog import ImageText

preview.register_schemes()

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, library, settings):
    described = []
    desk = open_window(qtbot, library, settings, post_id=1)
    desk.incoming.describe_image = lambda name: described.append(name) or ImageText("גרף המכירות", "")
    desk.described = described
    desk.editor.setFocus()
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    return desk


def clipboard(**flavours) -> None:
    data = QMimeData()
    if "html" in flavours:
        data.setHtml(flavours["html"])
    if "text" in flavours:
        data.setText(flavours["text"])
    if "image" in flavours:
        data.setImageData(flavours["image"])
    QApplication.clipboard().setMimeData(data)


def test_ctrl_v_of_html_pastes_markdown_and_ctrl_shift_v_the_plain_text(window):
    clipboard(html="<p>טקסט <b>מודגש</b> מהאתר</p>", text="טקסט מודגש מהאתר")
    QTest.keyClick(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text().endswith("מתמטיקה.טקסט **מודגש** מהאתר"), "one paragraph goes inline"
    QTest.keyClick(window.editor, Qt.Key.Key_V, CTRL | SHIFT)
    assert window.editor.text().endswith("טקסט **מודגש** מהאתרטקסט מודגש מהאתר")


def test_a_picture_on_the_clipboard_becomes_a_described_library_image(window, library):
    picture = QImage(4, 3, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    clipboard(image=picture)
    QTest.keyClick(window.editor, Qt.Key.Key_V, CTRL)
    [stored] = library.images()
    assert stored.mime == "image/png" and (stored.width, stored.height) == (4, 3)
    assert window.editor.text().endswith(f"\n\n![גרף המכירות](ktav-image:{stored.sha256})")
    assert window.described == [""]


def test_a_markdown_file_dropped_on_the_window_is_imported(qtbot, window, library, tmp_path):
    post = tmp_path / "חדש.md"
    post.write_text("---\ntitle: פוסט שנגרר\n---\nגוף הפוסט.\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(post))])
    # dropped on the post list: the window routes it as it routes a real drag
    point = QPointF(window.post_list.mapTo(window, window.post_list.rect().center()))
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys),
                  QDragMoveEvent(point.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys),
                  QDropEvent(point, Qt.DropAction.CopyAction, data, buttons, keys)):
        QApplication.sendEvent(window.windowHandle(), event)
    [added] = [summary for summary in library.list_posts() if summary.title == "פוסט שנגרר"]
    assert added.id in listed(qtbot, window), "the list shows the imported post"


def test_a_file_of_another_kind_is_refused_with_a_hebrew_message(window, tmp_path):
    other = tmp_path / "table.xlsx"
    other.write_bytes(b"PK\x03\x04")
    window.incoming.drop_files([str(other)])
    assert "table.xlsx" in window.statusBar().currentMessage()


def test_a_picture_that_is_not_a_picture_is_refused_and_nothing_is_inserted(window, library, tmp_path):
    fake = tmp_path / "photo.png"
    fake.write_text("not a picture at all")
    before = window.editor.text()
    window.incoming.drop_files([str(fake)])
    assert window.editor.text() == before and library.images() == []
    assert window.statusBar().currentMessage()
