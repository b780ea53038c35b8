"""Import files from the window: choose them, ask what to do with posts already in the library, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.core.errors import ImportConflictError, ImportFileError, KtavError
from editor.core.importing.into_library import ImportReport, OnConflict, import_files
from editor.core.importing.readers import SUPPORTED

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

# ask_policy(parent, message_he) -> the chosen policy, or None to cancel the import.
AskPolicy = Callable[[QWidget | None, str], OnConflict | None]


def file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED))
    return translate("ImportActions", "Posts (%1)").replace("%1", patterns)


def is_clash(error: KtavError) -> bool:
    """True for the core's refusal to import over posts with the same address without a policy."""
    return isinstance(error, ImportConflictError)


def ask_conflict_policy(parent: QWidget | None, message: str) -> OnConflict | None:
    """Ask what to do with posts whose address is already in the library."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("ImportActions", "Import files"), message, parent=parent)
    box.setInformativeText(translate("ImportActions", "Skip them, update the stored posts (a revision keeps what they were), "
                               "or add them as copies under a new address?"))
    choices = {
        box.addButton(translate("ImportActions", "Skip"), QMessageBox.ButtonRole.AcceptRole): OnConflict.SKIP,
        box.addButton(translate("ImportActions", "Update"), QMessageBox.ButtonRole.AcceptRole): OnConflict.UPDATE,
        box.addButton(translate("ImportActions", "Copy"), QMessageBox.ButtonRole.AcceptRole): OnConflict.COPY,
    }
    cancel = box.addButton(translate("ImportActions", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return choices.get(box.clickedButton())


def choose_files(parent: QWidget | None) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, translate("ImportActions", "Import files"), "", file_filter())
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
            _nothing_imported(parent, error)
            return None
        except KtavError as error:
            if policy is None and is_clash(error):
                policy = ask_policy(parent, error.message_he)
                if policy is not None:
                    continue
                return None
            _nothing_imported(parent, error)
            return None


def _nothing_imported(parent: QWidget | None, error: KtavError) -> None:
    QMessageBox.warning(parent, translate("ImportActions", "Import files"),
                        translate("ImportActions", "Nothing was imported.") + "\n" + error.message_he)


def summary(report: ImportReport) -> str:
    """The outcome in a line for the status bar."""
    text = (translate("ImportActions", "Imported: %1 added, %2 updated, %3 skipped.")
            .replace("%1", str(len(report.added))).replace("%2", str(len(report.updated)))
            .replace("%3", str(len(report.skipped))))
    for bundle in report.bundles:
        text += " " + getattr(bundle, "summary_he", "")
    if report.picture_problems:
        text += " " + (translate("ImportActions", "Pictures not brought in: %1")
                       .replace("%1", "; ".join(p.message_he for p in report.picture_problems)))
    return text.strip()
