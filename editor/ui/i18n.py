"""The interface language: Qt's translator loaded from resources/translations, Hebrew by default."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from editor.core import resources

TRANSLATIONS = "translations"
RIGHT_TO_LEFT = frozenset({"he"})


def translation_file(language: str) -> Path | None:
    """The compiled .qm of `language`; built from its .ts when missing or older (a fresh checkout)."""
    if language == "en":
        return None
    qm = resources.path(f"{TRANSLATIONS}/ktav_{language}.qm")
    ts = qm.with_suffix(".ts")
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        built = _compile(ts)
        if built is not None:
            return built
    return qm if qm.exists() else None


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


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Translate the interface into `language` and mirror the layout for a right-to-left one.

    Returns the translator (keep a reference), or None for English or a missing translation.
    """
    app.setLayoutDirection(Qt.RightToLeft if language in RIGHT_TO_LEFT else Qt.LeftToRight)
    QLocale.setDefault(QLocale(language))
    path = translation_file(language)
    if path is None:
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_language(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
