"""The team library's state in the status bar: synced, changes to send, offline, conflicts to look at,
with the time of the last sync. A click syncs now (or, with conflicts waiting, shows the next one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton

from editor.ui.review.comments_panel import when

if TYPE_CHECKING:
    from editor.core.team.status import TeamStatus

COLOURS = {"synced": "#15803d", "waiting": "#1d4ed8", "offline": "#6b7280", "conflicts": "#b45309",
           "syncing": "#1d4ed8", "failed": "#b91c1c"}


class SyncIndicator(QToolButton):
    """`syncRequested()` or `conflictsRequested()` when clicked, by what it shows."""

    syncRequested = Signal()
    conflictsRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAutoRaise(True)
        self.state = "hidden"
        self.clicked.connect(self._on_click)
        self.hide()

    def show_status(self, status: TeamStatus | None, *, syncing: bool = False) -> None:
        if status is None:
            self.state = "hidden"
            self.hide()
            return
        last = status.last
        synced_at = when(last.synced_at) if last is not None and last.synced_at else ""
        if syncing:
            self.state, text = "syncing", self.tr("Syncing…")
        elif status.conflicts:
            self.state, text = "conflicts", self.tr("Conflicts to look at: %1").replace("%1", str(len(status.conflicts)))
        elif status.offline:
            self.state, text = "offline", self.tr("Offline")
            if status.waiting:
                text += " · " + self.tr("changes to send: %1").replace("%1", str(status.waiting))
        elif last is not None and not last.ok:
            self.state, text = "failed", self.tr("The last sync failed")
        elif status.waiting:
            self.state, text = "waiting", self.tr("Changes to send: %1").replace("%1", str(status.waiting))
        else:
            self.state, text = "synced", self.tr("Synced")
        if synced_at:
            text += " · " + self.tr("last sync %1").replace("%1", synced_at)
        self.setText(text)
        self.setToolTip(last.summary_he if last is not None and last.summary_he else self.tr("Sync now (Ctrl+Shift+S)"))
        self.setStyleSheet(f"QToolButton {{ color: {COLOURS[self.state]}; font-weight: bold; }}")
        self.show()

    def _on_click(self) -> None:
        if self.state == "conflicts":
            self.conflictsRequested.emit()
        else:
            self.syncRequested.emit()
