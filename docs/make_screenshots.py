"""Makes the screenshots in docs/ from the real desk, offscreen, in Hebrew, on the sample posts.

    python docs/make_screenshots.py        # writes docs/screenshot.png and docs/screens/*.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from editor.core.errors import KtavError  # noqa: E402
from editor.core.importing.samples import import_samples  # noqa: E402
from editor.core.library.store import Library  # noqa: E402
from editor.ui.desk import help_pages  # noqa: E402
from editor.ui.desk.i18n import install_language  # noqa: E402
from editor.ui.desk.launch import prepare_chromium  # noqa: E402
from editor.ui.settings_store import SettingsStore  # noqa: E402

SCREENS = ROOT / "docs" / "screens"
SETTLE_MS = 2500


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in [(QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Base, "#1b1b1d"), (QPalette.ColorRole.AlternateBase, "#26262a"),
                        (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.Button, "#2d2e31"),
                        (QPalette.ColorRole.ButtonText, "#e8eaed"), (QPalette.ColorRole.Highlight, "#3d6bb3"),
                        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.PlaceholderText, "#9aa0a6")]:
        palette.setColor(role, QColor(color))
    return palette


def main() -> int:
    prepare_chromium()
    app = QApplication(sys.argv[:1])
    translators = install_language(app, "he")  # noqa: F841 (kept alive)
    from editor.ui.desk.main_window import MainWindow

    folder = Path(tempfile.mkdtemp())
    library = Library.open(folder / "screens.sqlite")
    import_samples(library)
    settings = SettingsStore(QSettings(str(folder / "ktav.ini"), QSettings.IniFormat))
    window = MainWindow(library, settings)
    window.open_first_post(12)
    window.show()
    SCREENS.mkdir(parents=True, exist_ok=True)
    steps = []

    def step(function):
        steps.append(function)
        return function

    @step
    def wide():
        window.resize(1400, 850)
        return lambda: window.grab().save(str(ROOT / "docs" / "screenshot.png"))

    @step
    def laptop():
        window.resize(1366, 768)
        return lambda: window.grab().save(str(SCREENS / "window-1366x768.png"))

    @step
    def small():
        window.resize(1024, 640)
        return lambda: window.grab().save(str(SCREENS / "window-1024x640.png"))

    @step
    def context_menu():
        window.resize(1400, 850)
        menu = window.editor.context_menu(window.editor.rect().center())
        menu.popup(window.editor.mapToGlobal(window.editor.rect().center()))
        return lambda: (menu.grab().save(str(SCREENS / "context-menu.png")), menu.close())

    @step
    def shortcuts():
        dialog = help_pages.shortcuts_dialog(window)
        dialog.show()
        return lambda: (dialog.grab().save(str(SCREENS / "shortcuts.png")), dialog.close())

    @step
    def message_box():
        box = QMessageBox(QMessageBox.Icon.Question, "כתב", "לסגור בלי לשמור את השינויים?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
        box.show()
        return lambda: (box.grab().save(str(SCREENS / "message-box.png")), box.close())

    @step
    def file_dialog():
        dialog = QFileDialog(window, "ייבוא קבצים", str(ROOT / "resources" / "samples"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.show()
        return lambda: (dialog.grab().save(str(SCREENS / "file-dialog.png")), dialog.close())

    @step
    def error_with_a_path():
        from editor.ui.publish.export_dialog import run_export

        outcome = run_export(library, Path("/proc/ktav-site"), [12], False, True)
        text = outcome.message_he if isinstance(outcome, KtavError) else str(outcome)
        box = QMessageBox(QMessageBox.Icon.Warning, "ייצוא", text, parent=window)
        box.show()
        return lambda: (box.grab().save(str(SCREENS / "error-with-a-path.png")), box.close())

    @step
    def dark():
        app.setPalette(dark_palette())
        return lambda: window.grab().save(str(SCREENS / "dark-mode.png"))

    def run(index: int = 0) -> None:
        if index >= len(steps):
            window.close()
            app.quit()
            return
        save = steps[index]()
        QTimer.singleShot(SETTLE_MS, lambda: (save(), run(index + 1)))

    QTimer.singleShot(500, run)
    app.exec()
    library.close()
    print(f"screenshots in {SCREENS} and docs/screenshot.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
