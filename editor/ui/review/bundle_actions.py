"""Review bundles from the window: save the current post for an editor, open one that came back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.core.errors import KtavError
from editor.core.review.bundle import BundleImport, import_bundle, write_bundle

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

# notify(message, is_problem): how the outcome is told to the user (a message box by default).
Notify = Callable[[str, bool], None]
def file_filter() -> str:
    return translate("BundleActions", "Ktav review bundle (*.ktav)")


def message_box(parent: QWidget | None) -> Notify:
    def notify(message: str, problem: bool) -> None:
        (QMessageBox.warning if problem else QMessageBox.information)(parent, translate("BundleActions", "Review bundle"), message)

    return notify


def save_bundle(parent: QWidget | None, library, post_id: int, path: str | Path | None = None,
                notify: Notify | None = None) -> Path | None:
    """Write the post to a .ktav file (asked for when `path` is None); None when cancelled or failed."""
    notify = notify or message_box(parent)
    if path is None:
        suggested = f"{library.get_post(post_id).slug or 'post'}.ktav"
        chosen, _ = QFileDialog.getSaveFileName(parent, translate("BundleActions", "Save for review"), suggested,
                                                file_filter())
        if not chosen:
            return None
        path = chosen if chosen.endswith(".ktav") else chosen + ".ktav"
    try:
        written = write_bundle(library, post_id, path)
    except KtavError as error:
        notify(error.message_he, True)
        return None
    notify(translate("BundleActions", "Saved %1: send it to the editor; they open it with Open review bundle.")
           .replace("%1", written.name), False)
    return written


def open_bundle(parent: QWidget | None, library, path: str | Path | None = None, author: str = "",
                notify: Notify | None = None) -> BundleImport | None:
    """Import a .ktav file; a conflict (the post changed on both sides) is told as a problem."""
    notify = notify or message_box(parent)
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(parent, translate("BundleActions", "Open review bundle"), "",
                                                file_filter())
        if not chosen:
            return None
        path = chosen
    try:
        result = import_bundle(library, path, author=author)
    except KtavError as error:
        notify(error.message_he, True)
        return None
    notify(result.summary_he, result.conflict)
    return result
