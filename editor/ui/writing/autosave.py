"""Autosave: saves when typing pauses and at least every 1.5 s while it goes on; retries failures.

No text typed more than two seconds ago may be lost: a writer who never pauses long enough for
the idle timer is still saved by the deadline, which starts at the first unsaved edit and is not
moved by later keystrokes. A new post is stored right after its first keystroke. Every save runs
from a timer (or a switch, a focus loss, closing): never inside a keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.editing.session import EditSession, SaveState

IDLE_DELAY_MS = 1000
MAX_DELAY_MS = 1500  # from the first unsaved edit: with a save's own time, well inside 2 s


class Autosaver(QObject):
    """Drives an EditSession's saves from timers (never from inside a keystroke).

    `stateChanged(SaveState)` after every change of state — SAVED only once the library has
    committed; `failed(message_he)` when a save fails (a retry is then scheduled with backoff).
    """

    stateChanged = Signal(object)
    saved = Signal(int)
    failed = Signal(str)

    def __init__(self, delay_ms: int = IDLE_DELAY_MS, parent: QObject | None = None, *,
                 max_delay_ms: int = MAX_DELAY_MS) -> None:
        super().__init__(parent)
        self.session: EditSession | None = None
        self._idle = QTimer(self, singleShot=True, interval=delay_ms)
        self._deadline = QTimer(self, singleShot=True, interval=max_delay_ms)
        self._first_store = QTimer(self, singleShot=True, interval=0)  # a new post: right after the key
        self._retry = QTimer(self, singleShot=True)
        for timer in (self._idle, self._deadline, self._first_store, self._retry):
            timer.timeout.connect(self.save_now)

    def _stop_timers(self) -> None:
        for timer in (self._idle, self._deadline, self._first_store, self._retry):
            timer.stop()

    def set_session(self, session: EditSession | None) -> None:
        self._stop_timers()
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
            self._first_store.start()
        self._idle.start()
        if not self._deadline.isActive():
            self._deadline.start()

    @property
    def pending(self) -> bool:
        return self.session is not None and self.session.has_unsaved_changes

    def save_now(self) -> bool:
        """Save at once (switching posts, closing, a timer); True when nothing is left unsaved."""
        self._stop_timers()
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
