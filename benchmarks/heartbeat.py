"""A 2 ms heartbeat on the UI thread: its longest gap on the clock, and the UI thread's own CPU time in
its longest gap (the rest of a gap is time spent waiting for a core or for the interpreter)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class Heartbeat:
    def __init__(self) -> None:
        self._gaps: list[float] = []
        self._busy: list[float] = []
        self._clock, self._cpu = time.perf_counter(), time.thread_time()
        self._timer = QTimer(interval=2)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        """Begin a new measurement (the gaps of one before are forgotten)."""
        self._gaps.clear()
        self._busy.clear()
        self._clock, self._cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def longest_ms(self) -> float:
        return max(self._gaps, default=0.0)

    @property
    def busiest_ms(self) -> float:
        return max(self._busy, default=0.0)

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self._gaps.append((now - self._clock) * 1000)
        self._busy.append((cpu - self._cpu) * 1000)
        self._clock, self._cpu = now, cpu
