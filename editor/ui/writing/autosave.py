"""Autosave: saves when typing pauses and at least every 1.5 s while it goes on; retries failures.

No text typed more than two seconds ago may be lost: a writer who never pauses long enough for
the idle timer is still saved by the deadline, which starts at the first unsaved edit and is not
moved by later keystrokes. A new post is stored right after its first keystroke. Every save runs
from a timer (or a switch, a focus loss, closing): never inside a keystroke.

The timers' saves write on a thread of their own (a 20,000-word post takes ~0.1 s to store and
index: the window would freeze that long every 1.5 s of typing); the writer keeps typing, and
what was typed meanwhile goes with the next save. `save_now()` (a switch, closing, an explicit
save) first waits for a write under way, then saves what is left, at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from editor.core.editing.session import EditSession, SaveState, SaveTicket
from editor.core.errors import KtavError
from editor.core.models import Post
from editor.ui.background import Background

IDLE_DELAY_MS = 1000
MAX_DELAY_MS = 1500  # from the first unsaved edit: with a save's own time, well inside 2 s


class _Write:
    """One write on the writer thread; its outcome (the stored post, or the refusal) once done."""

    def __init__(self, session: EditSession, ticket: SaveTicket) -> None:
        self.session, self.ticket = session, ticket
        self.outcome: Post | KtavError | None = None
        self.bug: Exception | None = None

    def run(self) -> None:
        try:
            self.outcome = self.session.write(self.ticket)
        except KtavError as error:
            self.outcome = error
        except Exception as error:  # a bug, not a refusal to show the writer: raised on the UI thread
            self.bug = error


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
        self.before_save: Callable[[], object] | None = None  # brings the session up to the editor's text
        self._idle = QTimer(self, singleShot=True, interval=delay_ms)
        self._deadline = QTimer(self, singleShot=True, interval=max_delay_ms)
        self._first_store = QTimer(self, singleShot=True, interval=0)  # a new post: right after the key
        self._retry = QTimer(self, singleShot=True)
        self._first_store.timeout.connect(self.save_now)  # a new post's first keystroke: stored at once
        for timer in (self._idle, self._deadline, self._retry):
            timer.timeout.connect(self.save_in_background)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one write at a time, in order
        self._writer = Background(self, pool=self._pool)
        self._in_flight: _Write | None = None
        self._again = False

    def _stop_timers(self) -> None:
        for timer in (self._idle, self._deadline, self._first_store, self._retry):
            timer.stop()

    def set_session(self, session: EditSession | None) -> None:
        self._stop_timers()
        self._settle()
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
        if not self.session.is_stored and self._in_flight is None:
            self._first_store.start()
        self._idle.start()
        if not self._deadline.isActive():
            self._deadline.start()

    @property
    def pending(self) -> bool:
        if self.before_save is not None:
            self.before_save()
        return self.session is not None and self.session.has_unsaved_changes

    @property
    def writing(self) -> bool:
        """A save's write is under way on the writer thread."""
        return self._in_flight is not None

    def save_in_background(self) -> None:
        """Save what is unsaved on the writer thread (a timer's save); the outcome comes back here."""
        if self.before_save is not None:
            self.before_save()
        session = self.session
        if session is None:
            return
        if self._in_flight is not None:
            self._again = True  # one write at a time: these edits go as soon as it is done
            return
        self._stop_timers()
        self._again = False
        ticket = session.begin_save()
        if ticket is None:
            return
        self.stateChanged.emit(SaveState.SAVING)
        write = self._in_flight = _Write(session, ticket)
        self._writer.run(write.run, lambda _none: self._on_written(write), receiver=self)

    def _on_written(self, write: _Write) -> None:
        if self._in_flight is write:  # else save_now() already took this outcome
            self._take_outcome()

    def _settle(self) -> None:
        """Wait for a write under way and take its outcome."""
        if self._in_flight is not None:
            self._pool.waitForDone(-1)
            self._take_outcome()

    def _take_outcome(self) -> None:
        write, self._in_flight = self._in_flight, None
        assert write is not None
        if write.bug is not None:
            raise write.bug
        assert write.outcome is not None
        session = write.session
        stored = session.finish(write.ticket, write.outcome)
        if session is not self.session:
            return
        self._report(session, stored)
        if stored and session.has_unsaved_changes:  # typed while it was written
            if self._again:
                self.save_in_background()
            else:
                self._idle.start()
                if not self._deadline.isActive():
                    self._deadline.start()

    def _report(self, session: EditSession, stored: bool) -> None:
        if stored:
            self.stateChanged.emit(session.state)
            self.saved.emit(session.post_id)
            return
        self._retry.start(session.retry_delay_ms())
        self.stateChanged.emit(SaveState.FAILED)
        self.failed.emit(session.last_error.message_he if session.last_error else "")

    def save_now(self) -> bool:
        """Save at once (switching posts, closing, an explicit save); True when nothing is left unsaved."""
        if self.before_save is not None:
            self.before_save()
        self._settle()
        self._stop_timers()
        session = self.session
        if session is None or not session.has_unsaved_changes:
            return True
        stored = session.save()
        self._report(session, stored)
        return stored
