"""Renders the post for the preview off the UI thread: one job at a time, the latest text wins."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from editor.ui.background import Background


@dataclass(frozen=True)
class RenderRequest:
    """Values only: the worker never sees a widget or the library."""

    generation: int
    text: str
    context: Any = None  # what the render function needs besides the text (post fields, related)
    typing: bool = False  # asked for while the writer is still typing


class RenderWorker(QObject):
    """Coalesces render requests: while a job runs, only the newest request waits for it.

    `render(text, context)` runs in a thread pool and returns a value; `ready(generation,
    result)` is emitted on the UI thread for the newest request's result; with `follow`, for any
    result newer than the last one emitted, unless a newer render was already running alongside it
    (then it is dropped: the newer one comes soon): a writer who never pauses still sees the preview
    follow, one render after the other. `failed(generation,
    error)` when the render function raised. A request `alongside` the running job starts at once
    when fewer than `concurrency` run (the writer paused: the newest text need not wait for an older
    one); that only helps when `render` hands the work to other processes. A request made `typing`
    goes to `typing_render` when there is one (the render process's child for renders while typing).
    """

    ready = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, render: Callable[[str, Any], Any], pool: QThreadPool | None = None,
                 parent: QObject | None = None, concurrency: int = 1,
                 typing_render: Callable[[str, Any], Any] | None = None, follow: bool = False) -> None:
        super().__init__(parent)
        self._follow = follow
        self._render = render
        self._typing_render = typing_render
        self._concurrency = max(1, concurrency)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(self._concurrency)
        self._generations = itertools.count(1)
        self._latest = 0
        self._started: dict[int, float] = {}  # generation -> start time, for the jobs running
        self._typing_jobs: set[int] = set()  # of them, those on typing_render
        self._pending: RenderRequest | None = None
        self._last_duration_ms = 0.0
        self._last_job: tuple[float, float] = (0.0, 0.0)  # the last job to end: (its end, its duration), seconds
        self._delivered = 0
        self._jobs = Background(self, pool)

    @property
    def latest_generation(self) -> int:
        return self._latest

    @property
    def running(self) -> bool:
        """A render is under way (one requested before may still wait for it)."""
        return bool(self._started)

    @property
    def only_typing_renders_running(self) -> bool:
        """Renders run, all of them on `typing_render`: a render beside them takes no child from them."""
        return bool(self._started) and self._typing_jobs.issuperset(self._started)

    @property
    def busy(self) -> bool:
        return bool(self._started) or self._pending is not None

    @property
    def idle_since_last_job(self) -> tuple[float, float]:
        """(seconds since the last job ended, how long that job took), whichever child it ran on."""
        ended, took = self._last_job
        return time.perf_counter() - ended, took

    @property
    def last_duration_ms(self) -> float:
        """How long the last render took, from its start to its result on the UI thread."""
        return self._last_duration_ms

    def request(self, text: str, context: Any = None, *, alongside: bool = False, typing: bool = False) -> int:
        """Ask for a render of `text`; returns its generation number. It starts at once when nothing
        runs (or, `alongside`, when fewer than `concurrency` jobs run), else once the running one ends."""
        self._latest = next(self._generations)
        request = RenderRequest(self._latest, text, context, typing and self._typing_render is not None)
        if not self._started or (alongside and len(self._started) < self._concurrency):
            self._pending = None
            self._start(request)
        else:
            self._pending = request
        return self._latest

    @property
    def waiting_to_start(self) -> bool:
        """The newest request waits for a running render to end."""
        return self._pending is not None

    def start_waiting_alongside(self) -> None:
        """Start the waiting request now, beside the running one, if fewer than `concurrency` run."""
        if self._pending is not None and len(self._started) < self._concurrency:
            request, self._pending = self._pending, None
            self._start(request)

    def wait_for_done(self, msecs: int = 5000) -> bool:
        return self._jobs.wait_for_done(msecs)

    def _start(self, request: RenderRequest) -> None:
        self._started[request.generation] = time.perf_counter()
        render = self._render
        if request.typing and self._typing_render is not None:
            render = self._typing_render
            self._typing_jobs.add(request.generation)
        self._jobs.run(lambda: render(request.text, request.context),
                       lambda result: self._on_finished(request.generation, result), receiver=self)

    def _on_finished(self, generation: int, result: object) -> None:
        started = self._started.pop(generation)
        now = time.perf_counter()
        self._last_job = (now, now - started)
        if generation not in self._typing_jobs or not self._last_duration_ms:  # a nicer child's time says less
            self._last_duration_ms = (time.perf_counter() - started) * 1000
        self._typing_jobs.discard(generation)
        overtaken = any(running > generation for running in self._started)
        if self._pending is not None and not self._started:
            request, self._pending = self._pending, None
            self._start(request)
        if overtaken or generation <= self._delivered or (generation != self._latest and not self._follow):
            return
        self._delivered = generation
        if isinstance(result, Exception):
            self.failed.emit(generation, result)
        else:
            self.ready.emit(generation, result)
