"""The interface language: our translation from resources/translations and Qt's own (the buttons of
message boxes, file dialogs, the editor's context menu), Hebrew by default."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from editor.core import resources

TRANSLATIONS = "translations"
RIGHT_TO_LEFT = frozenset({"he"})


def translation_file(language: str) -> Path | None:
    """The compiled .qm of `language` (None for English). In a source checkout, where the .ts sits
    beside it, a .qm older than its .ts is rebuilt into a temporary file; an installed Ktav ships the
    .qm alone. A missing .qm is ResourceMissing."""
    if language == "en":
        return None
    name = f"{TRANSLATIONS}/ktav_{language}.qm"
    qm = resources.path(name, must_exist=False)
    ts = qm.with_suffix(".ts")
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        built = _compile(ts)
        if built is not None:
            return built
    return resources.path(name)


def _compile(ts: Path) -> Path | None:
    lrelease = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if lrelease is None:
        return None
    target = Path(tempfile.gettempdir()) / f"ktav-{ts.stem}-{int(ts.stat().st_mtime)}.qm"
    if not target.exists():
        result = subprocess.run([lrelease, "-silent", str(ts), "-qm", str(target)], capture_output=True)
        if result.returncode != 0 or not target.exists():
            return None
    return target


def install_language(app: QApplication, language: str) -> list[QTranslator]:
    """Translate the interface into `language` and mirror the layout for a right-to-left one.

    Returns the translators installed (keep a reference): Qt's own for its dialogs and menus, then
    ours; none for English or where a translation is missing.
    """
    app.setLayoutDirection(Qt.RightToLeft if language in RIGHT_TO_LEFT else Qt.LeftToRight)
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return []
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_folder), (str(translation_file(language) or ""), "")]
    for name, folder in candidates:
        translator = QTranslator(app)
        if name and translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_language(translators: list[QTranslator]) -> None:
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
