"""Work off the UI thread: a function runs in a thread pool, its result comes back on the UI thread.

    jobs = Background(parent, pool=None)         # the application's pool unless one is given
    jobs.run(work, on_done, receiver=widget)     # work() runs in the pool; on_done(result) on the UI
                                                 #   thread (result is the exception if work raised)
    jobs.wait_for_done(msecs) -> bool

Workers take values and return values; only the UI thread touches widgets (Anki's `run_on_main`).
Nothing is delivered to a `receiver` deleted in the meantime, and a job that outlives whoever
started it finishes quietly: its messenger belongs to no widget and is let go once it delivered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Messenger(QObject):
    """Lives on the UI thread; its queued signal carries a job's result there."""

    delivered = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], messenger: _Messenger) -> None:
        super().__init__()
        self._work = work
        self._messenger = messenger
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # a bug must reach the UI thread, not die with the worker
            result = error
        try:
            self._messenger.delivered.emit(result)
        except RuntimeError:  # the application is gone (a job still running as it quit): no one to tell
            pass


class Background(QObject):
    _in_flight: ClassVar[set[_Messenger]] = set()  # kept alive until they have delivered

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None], *,
            receiver: QObject | None = None) -> None:
        messenger = _Messenger()
        Background._in_flight.add(messenger)
        messenger.delivered.connect(lambda result: _deliver(messenger, result, on_done, receiver))
        self._pool.start(_Job(work, messenger))

    def wait_for_done(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


def _deliver(messenger: _Messenger, result: Any, on_done: Callable[[Any], None],
             receiver: QObject | None) -> None:
    Background._in_flight.discard(messenger)
    messenger.deleteLater()
    if receiver is not None and not shiboken6.isValid(receiver):
        return
    on_done(result)
