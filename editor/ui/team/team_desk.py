"""The team library in the window: join and share, sync on demand (Ctrl+Shift+S) and every few minutes,
commits after each change that keeps a revision, and the status-bar indicator. All git work runs
off the UI thread (`editor/ui/background.py`); what a sync brought is announced as
`events.libraryChanged`, so the list, related posts and the open post catch up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from editor.core.errors import KtavError
from editor.core.team import outbox, state
from editor.ui.background import Background
from editor.ui.events import DeskEvents
from editor.ui.team.dialogs import JoinDialog, ShareDialog
from editor.ui.team.git_side import git_side
from editor.ui.team.indicator import SyncIndicator

SYNC_INTERVAL_MS = 5 * 60 * 1000


def open_in_new_window(path: Path) -> None:
    """Start another Ktav on a library (one library a window)."""
    subprocess.Popen([sys.executable, "-c", "from editor.app import main; raise SystemExit(main())", "--db", str(path)],
                     start_new_session=True)


class TeamDesk(QObject):
    """Signals: `syncFinished(SyncReport | KtavError)`, `committed()` after a background commit,
    `conflictRequested(post_id)` to show a post's conflict in its history, `libraryJoined(path)`.
    `dialog` is the join or share dialog while one is open."""

    syncFinished = Signal(object)
    committed = Signal()
    conflictRequested = Signal(int)
    libraryJoined = Signal(str)
    _libraryCommitted = Signal()  # emitted from whichever thread committed; delivered on the UI thread

    def __init__(self, library, events: DeskEvents, autosaver, *, dialog_parent: QWidget,
                 open_library: Callable[[Path], None] | None = None, interval_ms: int = SYNC_INTERVAL_MS) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.events = events
        self.autosaver = autosaver
        self.dialog_parent = dialog_parent
        self.dialog: JoinDialog | ShareDialog | None = None
        self.open_library = open_library or open_in_new_window
        # Threads of their own: the application's pool (as many threads as cores) may be taken by the
        # related index loading, and a sync asked for would wait behind it before it even began.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # a sync or a commit, and a status read beside it
        self.jobs = Background(self, pool=self._pool)
        self.indicator = SyncIndicator()
        self.indicator.syncRequested.connect(self.sync_now)
        self.indicator.conflictsRequested.connect(self.show_next_conflict)
        self.syncing = self.committing = False
        self._status = None
        self._status_reads = 0  # a status read after another supersedes it
        self.timer = QTimer(self, interval=interval_ms, timeout=lambda: self.sync_now(quiet=True))
        self._make_actions()
        self._libraryCommitted.connect(self.commit_soon)
        library.add_commit_listener(self._listener)
        self.refresh()

    def _listener(self) -> None:
        if shiboken6.isValid(self):
            self._libraryCommitted.emit()

    def _make_actions(self) -> None:
        parent = self.dialog_parent
        self.sync_action = QAction(self.tr("Sync with the team"), parent, triggered=lambda: self.sync_now())
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setToolTip(self.tr("Send your changes and bring the team's (Ctrl+Shift+S)"))
        self.join_action = QAction(self.tr("Join a team library…"), parent, triggered=self.join)
        self.share_action = QAction(self.tr("Share this library…"), parent, triggered=self.share)
        self.conflict_action = QAction(self.tr("Show the next conflict"), parent, triggered=self.show_next_conflict)

    def window_actions(self) -> list[QAction]:
        return [self.sync_action]

    def team_menu(self, menu) -> None:
        menu.addActions([self.join_action, self.share_action])
        menu.addSeparator()
        menu.addActions([self.sync_action, self.conflict_action])

    @property
    def shared(self) -> bool:
        return state.link(self.library) is not None

    def refresh(self) -> None:
        """The indicator and the actions follow the team's state, read off the UI thread (the clone's
        commits and the library's outbox: at thousands of posts a walk of git history)."""
        if self.library.closed:  # a job that ended as the window closed
            return
        if not self.shared:
            self._show_status(None)
            return
        self.indicator.show_status(self._status, syncing=self.syncing)
        library = self.library
        self._status_reads += 1
        read = self._status_reads
        self.jobs.run(lambda: git_side.status.team_status(library),
                      lambda status: self._status_read(read, status), receiver=self)

    def _status_read(self, read: int, status) -> None:
        if read == self._status_reads and not isinstance(status, Exception) and not self.library.closed:
            self._show_status(status)

    def _show_status(self, status) -> None:
        self._status = status
        self.indicator.show_status(status, syncing=self.syncing)
        shared = status is not None
        self.share_action.setEnabled(not shared and not self.library.read_only)
        self.sync_action.setEnabled(shared)
        self.conflict_action.setEnabled(shared and bool(status.conflicts))
        if shared and not self.timer.isActive():
            self.timer.start()
        elif not shared:
            self.timer.stop()

    # -- syncing and committing ----------------------------------------------------------------

    def sync_now(self, *, quiet: bool = False) -> bool:
        """Sync in the background (the open post's text saved first); False when it cannot start."""
        if not self.shared:
            if not quiet:
                self.events.problem.emit(self.tr("This library is not shared with a team: share it, or join one."))
            return False
        if self.syncing:
            return False
        self.autosaver.save_now()
        self.syncing = True
        self.indicator.show_status(self._status, syncing=True)
        library = self.library
        self.jobs.run(lambda: _sync_then_status(library), lambda outcome: self._synced(outcome, quiet), receiver=self)
        return True

    def _synced(self, outcome, quiet: bool) -> None:
        self.syncing = False
        if self.library.closed:  # what the sync brought is in the library for the next start
            return
        if isinstance(outcome, KtavError):  # the state itself could not be read
            outcome = (outcome, self._status)
        elif isinstance(outcome, Exception):
            raise outcome
        result, status = outcome
        self._status_reads += 1  # a read begun before the sync would show the state before it
        if isinstance(result, KtavError):
            if not quiet:
                self.events.problem.emit(result.message_he)
        elif isinstance(result, Exception):
            raise result
        else:
            if result.changed_ids:
                self.autosaver.save_now()  # keystrokes typed during the sync are in before the views reload
                self.events.posts_changed(*sorted(result.changed_ids), blog_words=False)
            if not quiet or result.changed_ids:
                self.events.message.emit(result.summary_he)
        self._show_status(status)
        self.syncFinished.emit(result)
        self.commit_soon()

    def commit_soon(self) -> None:
        """Commit the changes the library marked (an explicit save, a status move, a comment…)."""
        if self.library.closed:  # a commit heard as the window closed: the next start commits it
            return
        if self.committing or self.syncing or not self.shared or not outbox.waiting_posts(self.library):
            return  # an autosave: nothing for the team (the indicator stays as it is)
        self.committing = True
        library = self.library
        self.jobs.run(lambda: git_side.commit.commit_now(library, wait=1.0), self._committed, receiver=self)

    def _committed(self, result) -> None:
        self.committing = False
        if self.library.closed:  # the outbox keeps what was not committed, for the next start
            return
        if isinstance(result, KtavError):
            self.events.problem.emit(result.message_he)
        elif isinstance(result, Exception):
            raise result
        self.refresh()
        self.committed.emit()

    def show_next_conflict(self) -> None:
        waiting = git_side.status.conflicts_to_look_at(self.library)
        if waiting:
            self.conflictRequested.emit(waiting[0])
        else:
            self.events.message.emit(self.tr("No conflicts to look at."))

    # -- joining and sharing --------------------------------------------------------------------

    def join(self) -> JoinDialog:
        folder = self.library.path.parent
        suggested = next(folder / f"team-{n}.ktav.sqlite" for n in range(1, 1000)
                         if not (folder / f"team-{n}.ktav.sqlite").exists())
        self.dialog = JoinDialog(self.dialog_parent, self.jobs, git_side.joining.join_team, suggested)
        self.dialog.accepted.connect(self._joined)
        self.dialog.open()
        return self.dialog

    def _joined(self) -> None:
        report = self.dialog.result_value
        self.events.message.emit(self.tr("Joined: the team library is at %1; it opens in a new window.")
                                 .replace("%1", str(report.library_path)))
        self.libraryJoined.emit(str(report.library_path))
        self.open_library(report.library_path)

    def share(self) -> ShareDialog | None:
        if self.shared:
            self.events.problem.emit(self.tr("This library is shared already."))
            return None
        if not self.autosaver.save_now():
            self.events.problem.emit(self.tr("The open post could not be saved, so nothing was shared."))
            return None
        library = self.library
        self.dialog = ShareDialog(self.dialog_parent, self.jobs, lambda url: git_side.joining.share_library(library, url))
        self.dialog.accepted.connect(self._shared)
        self.dialog.open()
        return self.dialog

    def _shared(self) -> None:
        report = self.dialog.result_value
        text = self.tr("The library is shared: %1 posts sent.") if report.pushed else \
            self.tr("The library is shared: %1 posts, sent at the next sync (the remote was not reached).")
        self.events.message.emit(text.replace("%1", str(report.posts)))
        self.refresh()


def _sync_then_status(library) -> tuple:
    """The sync's report (or the KtavError that stopped it) and the team's state after it: one job.
    The sync itself runs in a process of its own: git and the merge would hold this interpreter's
    lock for tens of milliseconds at a time, and the window would stutter while it syncs."""
    from editor.core.team.sync_process import sync_in_child

    try:
        result = sync_in_child(library.path)
    except KtavError as error:
        result = error
    return result, git_side.status.team_status(library)
