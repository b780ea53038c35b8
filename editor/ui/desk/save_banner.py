"""A non-modal strip above the editor: why the last save failed (with a retry button), or that the
library is read-only and why (for as long as the window is open)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from editor.ui.theme import theme_colors


class SaveBanner(QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveBanner")
        self._theming = False
        self._apply_theme()
        self.message = QLabel(wordWrap=True)
        self.retry = QPushButton(self.tr("Try again now"))
        self.retry.clicked.connect(self.retryRequested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.retry)
        self.read_only = False
        self.hide()

    def _apply_theme(self) -> None:
        colors = theme_colors()
        self.setStyleSheet(f"#saveBanner {{ background: {colors['banner_background'].name()}; "
                           f"border: 1px solid {colors['banner_border'].name()}; }}"
                           f"#saveBanner QLabel {{ color: {colors['banner_text'].name()}; }}")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._theming:
            self._theming = True  # a style sheet change is itself a palette change
            self._apply_theme()
            self._theming = False

    def show_read_only(self, reason: str) -> None:
        """Nothing can be saved in this library: say so and why, and stay."""
        self.read_only = True
        self.retry.hide()
        self.message.setText(self.tr("This library is open for reading only: nothing can be changed or saved.")
                             + ("\n" + reason if reason else ""))
        self.show()

    def show_failure(self, message: str) -> None:
        self.message.setText(self.tr("Not saved: %1\nYour text is safe in the editor; saving is retried.")
                             .replace("%1", message))
        self.show()
