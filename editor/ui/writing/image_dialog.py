"""Describing a picture as it is inserted: its alt text (what it shows) and an optional caption.

`describe_image(parent, file_name) -> ImageText | None` asks both; None when the writer cancels
(the picture is then not inserted). The alt text is what a screen reader reads and what a reader
sees when the picture does not load; the caption is printed under the picture on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


@dataclass(frozen=True)
class ImageText:
    alt: str
    caption: str


class ImageDialog(QDialog):
    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Describe the picture"))
        self.setObjectName("image-dialog")
        layout = QFormLayout(self)
        intro = QLabel(self.tr("What does the picture show? Screen readers read this to blind readers, "
                           "and it shows where the picture does not load."))
        intro.setWordWrap(True)
        layout.addRow(intro)
        if file_name:
            name = QLabel("\u2068" + file_name + "\u2069")  # a Latin file name keeps its own order
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addRow(self.tr("File"), name)
        self.alt = QLineEdit()
        self.alt.setPlaceholderText(self.tr("For example: pupils planting trees in the school yard"))
        self.alt.setAccessibleName(self.tr("Alt text"))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("Optional: printed under the picture"))
        self.caption.setAccessibleName(self.tr("Caption"))
        layout.addRow(self.tr("Alt text"), self.alt)
        layout.addRow(self.tr("Caption"), self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Insert"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.alt.setFocus()
        self.resize(460, self.sizeHint().height())

    def text(self) -> ImageText:
        return ImageText(self.alt.text().strip(), self.caption.text().strip())


def describe_image(parent: QWidget | None, file_name: str) -> ImageText | None:
    dialog = ImageDialog(file_name, parent)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
