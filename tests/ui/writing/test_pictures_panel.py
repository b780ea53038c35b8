"""Photos in the real window: described as they are inserted, described again later in the Pictures
panel, chosen as the cover, refused with a Hebrew message; every word typed as key events."""

import base64
import re

import pytest
from desk_helpers import answer_next_dialog, press, type_into
from photo_helpers import bomb_png, has_no_metadata, opened, phone_jpeg
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.export import ExportBlocked, export_posts
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.review import workflow as review
from editor.ui.desk.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite") as lib:
        lib.add_post(Post(title="יום הנטיעות", lead="בחצר בית הספר", body="שתלנו עצים בחצר.", status=Status.PUBLISHED))
        review.set_user_name(lib, "דנה כהן")  # Ctrl+S keeps a revision under the writer's name
        yield lib


@pytest.fixture
def window(qtbot, library, settings):
    desk = MainWindow(library, settings, open_external=print, confirm=lambda question: True)
    qtbot.addWidget(desk)
    desk.open_first_post()
    desk.show()
    desk.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk, timeout=5000)
    desk.editor.setFocus()
    desk.editor.moveCursor(desk.editor.textCursor().MoveOperation.End)
    return desk



def drop_files(window, *paths) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    viewport = window.editor.viewport()
    point = QPointF(window.editor.cursorRect().center())
    action, button, keys = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(point.toPoint(), action, data, button, keys),
                  QDragMoveEvent(point.toPoint(), action, data, button, keys),
                  QDropEvent(point, action, data, button, keys)):
        QApplication.sendEvent(viewport, event)


def insert_photo(qtbot, window, path, *fields) -> list:
    answered = answer_next_dialog(qtbot, *fields)
    drop_files(window, path)
    qtbot.waitUntil(lambda: bool(answered), timeout=5000)
    window.activateWindow()  # the dialog has gone: a window manager gives the desk back its focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return answered


def retype(qtbot, field, text: str) -> None:
    """Select what the field holds and type `text` over it, then Enter, as a writer would."""
    field.setFocus()
    QTest.keyClick(field, Key.Key_A, CTRL)
    press(field, Key.Key_Backspace)
    type_into(qtbot, field, text)
    press(field, Key.Key_Return)


def test_a_photo_is_described_on_insert_and_again_in_the_pictures_panel(qtbot, window, library, tmp_path):
    photo = tmp_path / "IMG_4032.JPG"
    photo.write_bytes(phone_jpeg(2400, 1800, orientation=6))
    assert insert_photo(qtbot, window, photo, "ילדים שותלים")  # the alt text asked for, the caption left empty
    [stored] = library.images()
    assert (stored.mime, stored.width, stored.height) == ("image/jpeg", 1800, 2400)  # recorded upright
    assert stored.filename == "IMG_4032.JPG"
    assert window.editor.text().endswith(f"![ילדים שותלים](ktav-image:{stored.sha256})")

    window.side_tabs.setCurrentWidget(window.images_panel)
    qtbot.waitUntil(lambda: len(window.images_panel.rows) == 1, timeout=5000)
    row = window.images_panel.rows[0]
    assert row.alt.text() == "ילדים שותלים"
    qtbot.waitUntil(lambda: row.thumbnail.pixmap() is not None and not row.thumbnail.pixmap().isNull(), timeout=10000)
    thumbnail = row.thumbnail.pixmap()
    assert thumbnail.height() > thumbnail.width(), "the thumbnail is upright, as the page shows the photo"

    retype(qtbot, row.alt, 'תלמידי כיתה ג\' שותלים עצים, עם רש"י')
    retype(qtbot, row.caption, "יום הנטיעות 2024 (Tu BiShvat)")
    expected = f'![תלמידי כיתה ג\' שותלים עצים, עם רש"י](ktav-image:{stored.sha256} "יום הנטיעות 2024 (Tu BiShvat)")'
    assert window.editor.text().endswith(expected)
    QTest.keyClick(window.editor, Key.Key_Z, CTRL)  # each change is one undo step of the text
    assert window.editor.text().endswith(f'![תלמידי כיתה ג\' שותלים עצים, עם רש"י](ktav-image:{stored.sha256})')
    QTest.keyClick(window.editor, Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: row.caption.text() == "יום הנטיעות 2024 (Tu BiShvat)", timeout=5000)

    with qtbot.waitSignal(window.controller.revisionSaved, timeout=5000):
        QTest.keyClick(window.editor, Key.Key_S, CTRL)
    assert library.get_post(window.controller.post_id).body.endswith(expected)


def test_a_picture_without_alt_text_blocks_the_export_until_the_panel_describes_it(qtbot, window, library, tmp_path):
    photo = tmp_path / "field.jpg"
    photo.write_bytes(phone_jpeg(1200, 900, orientation=1))
    insert_photo(qtbot, window, photo, "")  # Enter with the alt text left empty
    with qtbot.waitSignal(window.controller.revisionSaved, timeout=5000):
        QTest.keyClick(window.editor, Key.Key_S, CTRL)
    post_id = window.controller.post_id
    with pytest.raises(ExportBlocked) as blocked:
        export_posts(library, tmp_path / "out", [post_id])
    assert [f.code for c in blocked.value.checks for f in c.errors] == ["image-no-alt"]

    window.side_tabs.setCurrentWidget(window.images_panel)
    qtbot.waitUntil(lambda: len(window.images_panel.rows) == 1, timeout=5000)
    retype(qtbot, window.images_panel.rows[0].alt, "שלט בכניסה לחצר")
    with qtbot.waitSignal(window.controller.revisionSaved, timeout=5000):
        QTest.keyClick(window.editor, Key.Key_S, CTRL)
    export_posts(library, tmp_path / "out", [post_id])
    assert 'alt="שלט בכניסה לחצר"' in next((tmp_path / "out").rglob("index.html")).read_text(encoding="utf-8")


def test_the_cover_is_chosen_with_the_keyboard_in_the_details_panel(qtbot, window, library, tmp_path):
    for number, (name, alt) in enumerate((("a.jpg", "הכיתה"), ("b.jpg", "החצר"))):
        photo = tmp_path / name
        photo.write_bytes(phone_jpeg(1200, 900, orientation=1, seed=number))
        insert_photo(qtbot, window, photo, alt)
    first, second = library.images()
    window.side_tabs.setCurrentWidget(window.details)
    combo = window.details.cover
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=5000)  # the first picture (default), picture 1, picture 2
    assert [combo.itemData(i) for i in range(3)] == ["", first.sha256, second.sha256]
    assert "החצר" in combo.itemText(2)
    combo.setFocus()
    press(combo, Key.Key_Down, times=2)
    qtbot.waitUntil(lambda: library.cover_image(window.controller.post_id) == second.sha256, timeout=5000)
    press(combo, Key.Key_Up, times=2)
    qtbot.waitUntil(lambda: library.cover_image(window.controller.post_id) is None, timeout=5000)


@pytest.mark.parametrize("name, data, words", [
    ("huge.png", bomb_png(50_000, 50_000), "פיקסלים"),
    ("notes.png", "רשימות לישיבה, לא תמונה\n".encode() * 20, "אינה תמונה"),
])
def test_a_bomb_or_a_text_file_dropped_as_a_picture_is_refused_in_hebrew(qtbot, hebrew, window, library, tmp_path,
                                                                          name, data, words):
    before = window.editor.text()
    asked = []

    def refuse_any_dialog() -> None:  # would run inside the dialog's own event loop, had one opened
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            asked.append(dialog.windowTitle())
            dialog.reject()

    QTimer.singleShot(0, refuse_any_dialog)
    (tmp_path / name).write_bytes(data)
    drop_files(window, tmp_path / name)
    message = window.statusBar().currentMessage()
    assert words in message and name in message
    assert library.images() == [] and window.editor.text() == before
    assert not asked, "no description is asked for a refused file"
    QApplication.processEvents()


def test_copy_for_the_cms_carries_the_photo_sized_and_upright_made_off_the_ui_thread(qtbot, hebrew, window, tmp_path):
    photo = tmp_path / "IMG_4033.JPG"
    photo.write_bytes(phone_jpeg(3200, 2400, orientation=6, seed=5))
    insert_photo(qtbot, window, photo, "ילדים בחצר")
    QTest.keyClick(window.editor, Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "הועתק" in window.statusBar().currentMessage(), timeout=20000)
    html = QApplication.clipboard().mimeData().html()
    [tag] = re.findall(r"<img [^>]*>", html)
    assert 'alt="ילדים בחצר"' in tag and 'width="800"' in tag and 'height="1067"' in tag
    data = base64.b64decode(re.search(r'src="data:image/webp;base64,([^"]+)"', tag).group(1))
    assert has_no_metadata(data) and opened(data).size == (800, 1067)
