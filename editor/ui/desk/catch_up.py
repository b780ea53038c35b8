"""The views catching up with a library change, one step per turn of the event loop.

A sync lands while the writer may be typing: the open post's text, its page, its details, the list,
the related cards and the comments each follow in a turn of their own, so that no one turn holds the
window's thread for long and the keys typed meanwhile are handled between the steps.

    catch_up = CatchUp(parent, wanted=lambda: not library.closed)   # steps left are dropped once not wanted
    catch_up.add(step, ...)       # run in later turns, in the order given (after the steps already waiting)
    catch_up.add_next(step, ...)  # the same, before the steps already waiting (what a step found to do)
    catch_up.pending -> bool      # steps are waiting
    catch_up.caughtUp             # Signal(): the last waiting step has run
    catch_up.clear()              # drop the waiting steps (the window closes)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

Step = Callable[[], object]


class CatchUp(QObject):
    caughtUp = Signal()

    def __init__(self, parent: QObject | None = None, *, wanted: Callable[[], bool] = lambda: True) -> None:
        super().__init__(parent)
        self._wanted = wanted
        self._steps: deque[Step] = deque()
        self._turn = QTimer(self, singleShot=True, interval=0)
        self._turn.timeout.connect(self._run_one)

    @property
    def pending(self) -> bool:
        return bool(self._steps)

    def add(self, *steps: Step) -> None:
        self._steps.extend(steps)
        if self._steps and not self._turn.isActive():
            self._turn.start()

    def add_next(self, *steps: Step) -> None:
        self._steps.extendleft(reversed(steps))
        if self._steps and not self._turn.isActive():
            self._turn.start()

    def clear(self) -> None:
        self._turn.stop()
        if self._steps:
            self._steps.clear()
            self.caughtUp.emit()

    def _run_one(self) -> None:
        if not self._wanted():
            self.clear()
        if not self._steps:
            return
        step = self._steps.popleft()
        try:
            step()
        finally:  # a step that raised (a bug, said in the event loop) does not stop the ones after it
            if self._steps:
                self._turn.start()
            else:
                self.caughtUp.emit()
