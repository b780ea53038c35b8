"""Autosave: saves the edit session when typing pauses, at once for a new post, and retries failures."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.session import EditSession, SaveState

IDLE_DELAY_MS = 1500


class Autosaver(QObject):
    """Drives an EditSession's saves from timers (never from inside a keystroke).

    `stateChanged(SaveState)` after every change of state — SAVED only once the library has
    committed; `failed(message_he)` when a save fails (a retry is then scheduled with backoff).
    """

    stateChanged = Signal(object)
    saved = Signal(int)
    failed = Signal(str)

    def __init__(self, delay_ms: int = IDLE_DELAY_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: EditSession | None = None
        self._idle = QTimer(self, singleShot=True, interval=delay_ms)
        self._idle.timeout.connect(self.save_now)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.save_now)

    def set_session(self, session: EditSession | None) -> None:
        self._idle.stop()
        self._retry.stop()
        self.session = session
        if session is not None:
            self.stateChanged.emit(session.state)

    def edited(self) -> None:
        """The session has new edits: save soon (a post never stored: right after this keystroke)."""
        if self.session is None:
            return
        self.stateChanged.emit(self.session.state)
        if self._retry.isActive():
            return  # the scheduled retry will carry these edits too
        if not self.session.is_stored:
            self._idle.start(0)
        else:
            self._idle.start()

    @property
    def pending(self) -> bool:
        return self.session is not None and self.session.has_unsaved_changes

    def save_now(self) -> bool:
        """Save at once (switching posts, closing, a timer); True when nothing is left unsaved."""
        self._idle.stop()
        self._retry.stop()
        session = self.session
        if session is None or not session.has_unsaved_changes:
            return True
        if session.save():
            self.stateChanged.emit(SaveState.SAVED)
            self.saved.emit(session.post_id)
            return True
        self._retry.start(session.retry_delay_ms())
        self.stateChanged.emit(SaveState.FAILED)
        self.failed.emit(session.last_error.message_he)
        return False
