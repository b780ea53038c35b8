"""A non-modal strip above the editor that says why the last save failed, with a retry button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class SaveBanner(QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveBanner")
        self.setStyleSheet("#saveBanner { background: #fdecea; border: 1px solid #e0a0a0; }"
                           "#saveBanner QLabel { color: #8a1c1c; }")
        self.message = QLabel(wordWrap=True)
        retry = QPushButton(self.tr("Try again now"))
        retry.clicked.connect(self.retryRequested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(retry)
        self.hide()

    def show_failure(self, message: str) -> None:
        self.message.setText(self.tr("Not saved: %1\nYour text is safe in the editor; saving is retried.")
                             .replace("%1", message))
        self.show()
