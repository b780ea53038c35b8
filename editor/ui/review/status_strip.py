"""The post's review status, large and coloured, with the moves the workflow allows and a note for them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from editor.core.models import Status
from editor.core.review import workflow as review
from editor.ui.library.post_list import status_label

STATUS_COLOURS = {
    Status.DRAFT: "#6b7280",
    Status.IN_REVIEW: "#b45309",
    Status.CHANGES_REQUESTED: "#b91c1c",
    Status.APPROVED: "#15803d",
    Status.PUBLISHED: "#1d4ed8",
}


class StatusBadge(QLabel):
    """The post's status, large and coloured, so nobody mistakes a draft for an approved post."""

    def show_status(self, status: Status) -> None:
        self.setText(status_label(status))
        self.setStyleSheet(f"QLabel {{ background: {STATUS_COLOURS[status]}; color: white;"
                           " border-radius: 10px; padding: 3px 12px; font-weight: bold; }")


def move_label(old: Status, new: Status) -> str:
    """What the button that makes this move says."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("ReviewMode", text)

    if new == Status.IN_REVIEW:
        return tr("Send back for review") if old == Status.CHANGES_REQUESTED else tr("Send for review")
    return {
        Status.CHANGES_REQUESTED: tr("Request changes"),
        Status.APPROVED: tr("Approve"),
        Status.PUBLISHED: tr("Mark as published"),
        Status.DRAFT: tr("Back to draft"),
    }[new]


class StatusStrip(QWidget):
    """A row: the status badge, a title, an optional note and one button per allowed move.

    `moveRequested(Status)` when a move button is clicked; the host makes the move (reading
    `note_text()`) and shows the outcome with `show_status`.
    """

    moveRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: Status | None = None
        self.badge = StatusBadge()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: large; font-weight: bold;")
        self.note = QLineEdit(placeholderText=QCoreApplication.translate(
            "ReviewMode", "Note for the status change (optional)"))
        self.note.setAccessibleName(self.tr("A note for the status change"))
        self.note.setMinimumWidth(120)
        self.note.setMaximumWidth(360)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(4)
        # A narrow window clips the strip rather than growing wider for it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.badge)
        row.addWidget(self.title, 1)
        row.addWidget(self.note, 1)
        row.addLayout(self._buttons)

    def show_status(self, status: Status, can_move: bool = True) -> None:
        """Show `status` and its moves (disabled while the post cannot move, e.g. not stored yet)."""
        self.status = Status(status)
        self.badge.show_status(self.status)
        while self._buttons.count():
            self._buttons.takeAt(0).widget().deleteLater()
        for new in review.allowed_moves(self.status):
            button = QPushButton(move_label(self.status, new))
            button.setProperty("status", new.value)
            button.setEnabled(can_move)
            button.clicked.connect(lambda checked=False, s=new: self.moveRequested.emit(s))
            self._buttons.addWidget(button)
        self.note.setEnabled(can_move)

    def set_title(self, title: str) -> None:
        self.title.setText(" ".join(title.split()))

    def move_buttons(self) -> list[QPushButton]:
        return [self._buttons.itemAt(i).widget() for i in range(self._buttons.count())]

    def note_text(self) -> str:
        return self.note.text().strip()
