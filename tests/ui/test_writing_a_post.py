"""A whole post written in the real window by a writer's hands: keys, pastes, a dropped picture.

Nothing here calls a widget method to put text in: every word is a key event (or a paste of a
clipboard shaped as Google Docs, Word and a browser leave it, or a dropped file), then the
library and the exported page are read back.
"""

import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from desk_helpers import answer_next_dialog, press, type_into
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.export.run import export_posts
from editor.core.library.store import Library
from editor.core.models import Post
from editor.core.review import workflow as review
from editor.ui.desk.main_window import MainWindow
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f2a9c1e-7fff-1a2b">'
    '<p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;">'
    '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;">מהמסמך </span>'
    '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700;">המשותף</span>'
    '<span style="font-size:11pt;font-family:Arial;font-weight:400;"> של הצוות.</span></p><br>'
    '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">'
    '<li dir="rtl" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="rtl" role="presentation">'
    '<span style="font-weight:400;">סעיף ראשון</span></p></li>'
    '<li dir="rtl" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="rtl" role="presentation">'
    '<span style="font-weight:400;font-style:italic;">סעיף שני</span></p></li></ul></b>')
WORD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
    '<head><meta charset="utf-8"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style></head>'
    '<body lang=HE dir=RTL><!--StartFragment--><p class=MsoNormal dir=RTL style="text-align:right;direction:rtl">'
    '<span lang=HE style="font-family:David;mso-ascii-font-family:Calibri">מתוך </span><b><span lang=HE>מסמך</span></b>'
    '<span lang=HE> וורד, עם </span><span dir=LTR>Microsoft Word</span><span lang=HE> ורש"י.<o:p></o:p></span></p>'
    '<!--EndFragment--></body></html>')
WEB_PAGE = (
    '<meta charset="utf-8"><h3 style="color:#222">מאמר מהרשת</h3><p class="article-body">לפי '
    '<a href="https://www.example.org/report" class="link">הדוח השנתי</a>, 4-5 יחידות.</p>'
    '<img src="https://tracker.example.com/p.gif" width="1" height="1">')


def png(width: int = 3, height: int = 2) -> bytes:
    """A real little PNG file (red pixels)."""
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite") as lib:
        lib.add_post(Post(title="פוסט ישן", body="גוף ישן."))
        review.set_user_name(lib, "דנה כהן")
        yield lib


def open_desk(qtbot, library, settings) -> MainWindow:
    window = MainWindow(library, settings, open_external=print, confirm=lambda question: True)
    qtbot.addWidget(window)
    window.open_first_post()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


def click(qtbot, widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget.rect().center())
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def paste_html(qtbot, window, html: str) -> None:
    """Put HTML alone on the clipboard, as these programs do for a rich copy, and press Ctrl+V."""
    data = QMimeData()
    data.setHtml(html)
    QApplication.clipboard().setMimeData(data)
    QTest.keyClick(window.editor, Key.Key_V, CTRL)



def drop_file(widget, path, position) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(position)
    action = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(point.toPoint(), action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(point.toPoint(), action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDropEvent(point, action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(widget, event)


EXPECTED = "\n".join([
    "פסקה ראשונה על הקהילה.",
    "",
    'פסקה שנייה עם רש"י ו-4-5 יחידות.',
    "",
    "פסקה שלישית.",
    "",
    "## מה למדנו",
    "",
    "- לתכנן",
    "- לבנות",
    "",
    "We also wrote in English.",
    "",
    "מהמסמך **המשותף** של הצוות.",
    "",
    "- סעיף ראשון",
    "- *סעיף שני*",
    "",
    'מתוך **מסמך** וורד, עם Microsoft Word ורש"י.',
    "",
    "### מאמר מהרשת",
    "",
    "לפי [הדוח השנתי](https://www.example.org/report), 4-5 יחידות.",
])


def test_a_writer_writes_a_whole_post_with_the_keyboard_and_it_is_stored_and_exported(
        qtbot, library, settings, tmp_path):
    window = open_desk(qtbot, library, settings)
    QTest.keyClick(window.editor, Key.Key_N, CTRL)  # File → New post
    assert window.controller.post_id is None and window.editor.text() == ""

    click(qtbot, window.details.title)
    type_into(qtbot, window.details.title, "יום בקהילה")
    click(qtbot, window.details.lead)
    type_into(qtbot, window.details.lead, "מה עשינו השבוע.")

    click(qtbot, window.editor)
    type_into(qtbot, window.editor, "פסקה ראשונה על הקהילה.\n\n")
    type_into(qtbot, window.editor, 'פסקה שנייה עם רש"י ו-4-5 יחידות.\n\nפסקה שלישית.\n\n')
    type_into(qtbot, window.editor, "## מה למדנו\n\n- לתכנן\nלבנות\n\n")  # Enter on the empty item ends the list
    type_into(qtbot, window.editor, "We also wrote in English.\n\n")
    paste_html(qtbot, window, GOOGLE_DOCS)
    press(window.editor, Key.Key_Return, times=2)
    paste_html(qtbot, window, WORD)
    paste_html(qtbot, window, WEB_PAGE)  # at the end of a paragraph: set apart as blocks of its own
    assert window.editor.text() == EXPECTED

    # a typo, undone and redone
    type_into(qtbot, window.editor, " טעות")
    QTest.keyClick(window.editor, Key.Key_Z, CTRL)
    assert window.editor.text() == EXPECTED
    QTest.keyClick(window.editor, Key.Key_Z, CTRL | SHIFT)
    assert window.editor.text() == EXPECTED + " טעות"
    QTest.keyClick(window.editor, Key.Key_Z, CTRL)

    # a picture dropped on the second paragraph: described, then set after that paragraph
    picture = tmp_path / "yard.png"
    picture.write_bytes(png())
    second_line = window.editor.document().findBlockByNumber(2)
    drop_at = window.editor.cursorRect(window.editor.textCursor().__class__(second_line)).center()
    answered = answer_next_dialog(qtbot, "ילדים בחצר", "הכיתוב")
    drop_file(window.editor.viewport(), picture, drop_at)
    assert answered, "the picture's description was asked for"
    image_sha = library.images()[0].sha256
    with_picture = EXPECTED.replace(
        "יחידות.\n\nפסקה שלישית.",
        f'יחידות.\n\n![ילדים בחצר](ktav-image:{image_sha} "הכיתוב")\n\nפסקה שלישית.', 1)
    assert window.editor.text() == with_picture

    window.activateWindow()  # the dialog has gone: a window manager gives the desk back its focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    with qtbot.waitSignal(window.controller.revisionSaved, timeout=5000):
        QTest.keyClick(window.editor, Key.Key_S, CTRL)  # an explicit save keeps a revision
    post_id = window.controller.post_id
    stored = library.get_post(post_id)
    assert (stored.title, stored.lead, stored.body) == ("יום בקהילה", "מה עשינו השבוע.", with_picture)
    assert library.revisions(post_id)[-1].snapshot["body"] == with_picture
    window.close()

    again = open_desk(qtbot, library, settings)
    assert again.controller.post_id == post_id
    assert again.editor.text() == with_picture
    again.close()

    out = tmp_path / "site"
    export_posts(library, out, [post_id])
    page = BeautifulSoup(next(out.rglob("index.html")).read_text(encoding="utf-8"), "html.parser")
    body = page.find("article") or page
    paragraphs = [" ".join(p.get_text(" ").split()) for p in body.find_all("p") if p.get_text().strip()]
    for text in ("פסקה ראשונה על הקהילה.", 'פסקה שנייה עם רש"י ו-4-5 יחידות.', "פסקה שלישית.",
                 "We also wrote in English.", "מהמסמך המשותף של הצוות."):
        assert text in paragraphs
    lists = [[" ".join(li.get_text(" ").split()) for li in ul.find_all("li")] for ul in body.find_all("ul")]
    assert ["לתכנן", "לבנות"] in lists and ["סעיף ראשון", "סעיף שני"] in lists
    assert body.find("img", alt="ילדים בחצר") is not None
