"""Link and image addresses fold into a short chip in a Hebrew paragraph, and open under the caret."""

import pytest
from desk_helpers import press, type_into
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from editor.ui.writing.link_chips import CHIP_LABEL
from editor.ui.writing.source_editor import SourceEditor

ADDRESS = "https://www.gov.il/he/departments/ministry_of_education"
LINE = f"כתבנו על [משרד החינוך]({ADDRESS}) ועל Google."
IMAGE = "![ילדים בחצר](ktav-image:" + "ab" * 32 + ' "בחצר")'


@pytest.fixture
def editor(qtbot):
    widget = SourceEditor()
    widget.resize(760, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    widget.set_text(f"{LINE}\n\n{IMAGE}\n\nשורה אחרונה.")
    widget.moveCursor(QTextCursor.MoveOperation.End)
    return widget


def address_width(editor, line_number: int, start: int, end: int) -> float:
    layout = editor.document().findBlockByNumber(line_number).layout()
    xs = []
    for position in (start, end):
        line = layout.lineForTextPosition(position)
        found = line.cursorToX(position)
        xs.append((found[0] if isinstance(found, tuple) else found) + line.y() * 10_000)
    return abs(xs[1] - xs[0])


def chip_labels(editor, line_number: int) -> list[str]:
    layout = editor.document().findBlockByNumber(line_number).layout()
    return [r.format.property(CHIP_LABEL) for r in layout.formats() if r.format.property(CHIP_LABEL)]


def test_addresses_outside_the_caret_are_folded_into_chips(editor):
    start = LINE.index("(") + 1
    assert address_width(editor, 0, start, start + len(ADDRESS)) < 20
    assert chip_labels(editor, 0) == ["gov.il"]
    assert chip_labels(editor, 2) == ["image"]
    assert editor.text().startswith(LINE), "folding changes the drawing, never the text"


def test_the_caret_entering_a_link_opens_it_and_leaving_folds_it_again(editor, qtbot):
    start = LINE.index("(") + 1
    chip = editor.cursorRect(_cursor_at(editor, start - 1)).center()
    QTest.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, chip)
    assert editor.textCursor().block().blockNumber() == 0
    assert chip_labels(editor, 0) == []
    assert address_width(editor, 0, start, start + len(ADDRESS)) > 200
    press(editor, Qt.Key.Key_End)  # past the link: folded again
    assert chip_labels(editor, 0) == ["gov.il"]


def test_typing_inside_an_opened_address_edits_the_text_as_typed(editor):
    cursor = _cursor_at(editor, LINE.index(")"))
    editor.setTextCursor(cursor)
    type_into(None, editor, "/schools")
    assert editor.text().startswith(LINE.replace(")", "/schools)", 1))
    assert chip_labels(editor, 0) == []
    press(editor, Qt.Key.Key_Down)
    assert chip_labels(editor, 0) == ["gov.il"]


def test_a_link_inside_inline_code_is_not_folded(editor):
    editor.set_text("`[קוד](http://x.org)` ואחריו")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert chip_labels(editor, 0) == []


def test_folding_can_be_turned_off(editor):
    editor.set_link_folding(False)
    assert chip_labels(editor, 0) == [] and chip_labels(editor, 2) == []
    editor.set_link_folding(True)
    assert chip_labels(editor, 0) == ["gov.il"]


def test_moving_the_caret_into_a_link_does_not_count_as_an_edit(editor, qtbot):
    edits = []
    editor.textEdited.connect(lambda: edits.append(1))
    editor.setTextCursor(_cursor_at(editor, LINE.index("(") + 3))
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert edits == []


def _cursor_at(editor, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor


def test_the_chip_is_painted(editor, qtbot):
    image = editor.viewport().grab().toImage()
    start = LINE.index("(")
    rect = editor.cursorRect(_cursor_at(editor, start))
    point = QPoint(rect.center().x() - 10, rect.center().y())
    # somewhere in the chip's room the chip's tint is drawn (not the page's white)
    tints = {image.pixelColor(QPoint(x, point.y())).name() for x in range(point.x() - 30, point.x() + 30)}
    assert "#e7eef8" in tints
