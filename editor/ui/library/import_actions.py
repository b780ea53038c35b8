"""Import files from the window: choose them, ask what to do with posts already in the library, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.core.errors import ImportConflictError, ImportFileError, KtavError
from editor.core.importing.into_library import ImportReport, OnConflict, import_files
from editor.core.importing.readers import SUPPORTED

# ask_policy(parent, message_he) -> the chosen policy, or None to cancel the import.
AskPolicy = Callable[[QWidget | None, str], OnConflict | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportActions", text)


def file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED))
    return _tr("Posts (%1)").replace("%1", patterns)


def is_clash(error: KtavError) -> bool:
    """True for the core's refusal to import over posts with the same address without a policy."""
    return isinstance(error, ImportConflictError)


def ask_conflict_policy(parent: QWidget | None, message: str) -> OnConflict | None:
    """Ask what to do with posts whose address is already in the library."""
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Import files"), message, parent=parent)
    box.setInformativeText(_tr("Skip them, update the stored posts (a revision keeps what they were), "
                               "or add them as copies under a new address?"))
    choices = {
        box.addButton(_tr("Skip"), QMessageBox.ButtonRole.AcceptRole): OnConflict.SKIP,
        box.addButton(_tr("Update"), QMessageBox.ButtonRole.AcceptRole): OnConflict.UPDATE,
        box.addButton(_tr("Copy"), QMessageBox.ButtonRole.AcceptRole): OnConflict.COPY,
    }
    cancel = box.addButton(_tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return choices.get(box.clickedButton())


def choose_files(parent: QWidget | None) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, _tr("Import files"), "", file_filter())
    return [Path(path) for path in chosen]


def import_into_library(parent: QWidget | None, library, paths: list[Path], *, author: str = "",
                        ask_policy: AskPolicy | None = None) -> ImportReport | None:
    """Import `paths` (all or nothing). Posts already in the library: the user picks a policy and the
    import runs again with it. A bad file or a refusal is told in Hebrew; None when nothing was imported."""
    ask_policy = ask_policy or ask_conflict_policy
    policy: OnConflict | None = None
    while True:
        try:
            return import_files(library, paths, on_conflict=policy, author=author)
        except ImportFileError as error:
            QMessageBox.warning(parent, _tr("Import files"), _tr("Nothing was imported.") + "\n" + error.message_he)
            return None
        except KtavError as error:
            if policy is None and is_clash(error):
                policy = ask_policy(parent, error.message_he)
                if policy is not None:
                    continue
                return None
            QMessageBox.warning(parent, _tr("Import files"), _tr("Nothing was imported.") + "\n" + error.message_he)
            return None


def summary(report: ImportReport) -> str:
    """The outcome in a line for the status bar."""
    text = (_tr("Imported: %1 added, %2 updated, %3 skipped.")
            .replace("%1", str(len(report.added))).replace("%2", str(len(report.updated)))
            .replace("%3", str(len(report.skipped))))
    for bundle in report.bundles:
        text += " " + getattr(bundle, "summary_he", "")
    return text.strip()
