"""Makes docs/spelling.png: a Hebrew paragraph with two misspelled words underlined and the context
menu's suggestions for one of them, in the real window on a temporary library.

Run from the repository root: `QT_QPA_PLATFORM=offscreen python docs/spelling_screenshot.py`
(needs the he_IL Hunspell dictionary).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QPainter, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core.library.store import Library  # noqa: E402
from editor.core.models import Post  # noqa: E402
from editor.core.spelling import SpellingPlaces  # noqa: E402
from editor.core.spelling.places import system_folders  # noqa: E402
from editor.ui.desk.i18n import install_language  # noqa: E402
from editor.ui.preview.live import register_schemes  # noqa: E402
from editor.ui.settings_store import SettingsStore  # noqa: E402

BODY = ("## יום פתוח בבית־הספר\n\n"
        "וכשהגענו לבית־הספר בדימונה, רש״י של הכיתה כבר חיכה לנו עם תוכנית מסודרת. המתנדבים מהשכונה "
        "הביאו ספרים, והתלמידים שאלו שאלות על עולםם המדע ועל הנתונים של 2024. בסוף היום כולם אמרו "
        "שזה היה היום הכי טוב של השנה, ושנפגש שוב בחודש הבא בירושליים.\n")
OUT = ROOT / "docs" / "spelling.png"


def wait(signal) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()


def main() -> int:
    register_schemes()
    app = QApplication(sys.argv[:1])
    translators = install_language(app, "he")  # noqa: F841 (kept alive)
    folder = Path(tempfile.mkdtemp())
    library = Library.open(folder / "library.sqlite")
    post = library.add_post(Post(title="יום פתוח", lead="ביקור בכיתה", body=BODY))
    settings = SettingsStore(QSettings(str(folder / "ktav.ini"), QSettings.Format.IniFormat))
    from editor.ui.desk.main_window import MainWindow

    window = MainWindow(library, settings, confirm=lambda _q: True,
                        spelling_places=SpellingPlaces(folder / "data", tuple(system_folders())))
    window.resize(1400, 850)
    window.open_first_post(post.id)
    window.show()
    if window.spelling.checker is None:
        wait(window.spelling.ready)
    if window.spelling.checker is None:
        print("no he_IL dictionary here", file=sys.stderr)
        return 1
    editor = window.editor
    wait(editor.spelling.allChecked)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(BODY.index("עולםם") + 2)
    editor.setTextCursor(cursor)
    app.processEvents()
    caret = editor.cursorRect()
    menu = editor.context_menu(caret.center())
    menu.popup(editor.viewport().mapToGlobal(QPoint(caret.center().x() - 60, caret.bottom() + 6)))  # the word stays in view
    app.processEvents()
    picture = window.grab()
    with QPainter(picture) as painter:
        painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    picture.save(str(OUT))
    menu.close()
    window.close()
    library.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
