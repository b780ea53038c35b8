"""A time budget for a piece of pure-Python work: past it, the thread doing it is interrupted.

One watchdog thread per process watches every budgeted call in any thread. When a call has used its
budget of CPU time (its thread's own clock, so a busy machine does not cut a render short; wall time
where the platform has no thread clocks), the watchdog raises `OutOfTime` in that thread with
`PyThreadState_SetAsyncExc`; it arrives between two bytecodes, so a long call into C finishes first.
`OutOfTime` is a BaseException: no `except Exception` inside the work swallows it. One that is lost
all the same (raised inside a garbage collector callback, which Python reports and drops) is raised
again each `REFIRE_S` of the thread's time until the work ends.
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

REFIRE_S = 0.05


class OutOfTime(BaseException):
    """The budget of `run_within` ran out (raised inside the budgeted work)."""


class BudgetExceeded(Exception):
    """What `run_within` raises when the work ran out of time."""


def run_within(seconds: float | None, work: Callable[[], T]) -> T:
    """`work()`, interrupted with BudgetExceeded once it has used `seconds` of CPU time (None: no limit)."""
    if seconds is None or not math.isfinite(seconds):
        return work()
    watchdog = _Watchdog.get()
    watch = watchdog.watch(seconds)
    try:
        try:
            return work()
        finally:
            watchdog.release(watch)
    except OutOfTime:
        raise BudgetExceeded(f"out of time after {seconds:g} s") from None


def _thread_clock(ident: int) -> Callable[[], float] | None:
    try:
        clock = time.pthread_getcpuclockid(ident)
        time.clock_gettime(clock)
    except (AttributeError, OSError):
        return None
    return lambda: time.clock_gettime(clock)


class _Watch:
    __slots__ = ("ident", "budget", "used", "started", "done", "fired")

    def __init__(self, budget: float) -> None:
        self.ident = threading.get_ident()
        self.budget = budget
        clock = _thread_clock(self.ident)
        self.used = clock or time.monotonic
        self.started = self.used()
        self.done = False
        self.fired = False

    def remaining(self) -> float:
        try:
            return self.budget - (self.used() - self.started)
        except OSError:  # the thread has ended (its work is done): nothing to stop
            return math.inf


class _Watchdog:
    _instance: _Watchdog | None = None
    _creating = threading.Lock()

    @classmethod
    def get(cls) -> _Watchdog:
        if cls._instance is None:
            with cls._creating:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        self._watches: dict[_Watch, None] = {}
        self._wake = threading.Condition()
        self._waiting_until = math.inf  # when the watchdog looks again (inf: it waits for a watch)
        self._firing: _Watch | None = None
        threading.Thread(target=self._run, name="ktav-render-budget", daemon=True).start()

    def watch(self, seconds: float) -> _Watch:
        watch = _Watch(seconds)
        with self._wake:
            self._watches[watch] = None
            if time.monotonic() + seconds < self._waiting_until:
                self._wake.notify()
        return watch

    def release(self, watch: _Watch) -> None:
        """Called by the watched thread when its work ends. It takes no lock, so that `OutOfTime` arriving
        here leaves nothing held; the watchdog marks `_firing` while it decides, and is waited for."""
        watch.done = True
        while self._firing is watch:
            time.sleep(0.0005)
        if watch.fired:  # raised but perhaps not yet delivered: withdraw it
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(watch.ident), None)
        self._watches.pop(watch, None)

    def _run(self) -> None:
        while True:
            with self._wake:
                wait = math.inf
                for watch in list(self._watches):
                    if watch.done:
                        self._watches.pop(watch, None)
                        continue
                    remaining = watch.remaining()
                    if remaining <= 0:  # once past the budget, and again while the work goes on
                        self._fire(watch)
                        watch.budget += REFIRE_S
                        wait = min(wait, REFIRE_S)
                    elif remaining != math.inf:
                        wait = min(wait, remaining)
                    else:
                        self._watches.pop(watch, None)
                self._waiting_until = time.monotonic() + wait
                self._wake.wait(None if wait == math.inf else wait + 0.001)

    def _fire(self, watch: _Watch) -> None:
        self._firing = watch
        if not watch.done:
            watch.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(watch.ident), ctypes.py_object(OutOfTime))
        self._firing = None


def _forget_in_child() -> None:
    _Watchdog._instance = None  # its thread did not survive the fork; the child starts its own
    _Watchdog._creating = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
