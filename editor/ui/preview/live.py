"""The live preview: a Chromium view when QtWebEngine is there, else Qt's rich text, fed by a worker."""

from __future__ import annotations

import statistics
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from editor.core.preview.page import PreviewContext, PreviewResult, render_preview
from editor.ui.preview.render_worker import RenderWorker

# When to render while the writer types. A render waits for a pause in the typing that grows with
# the last render's time (a 2,000-word post renders at once, the preview 0.1 s behind the keys; a
# 20,000-word one when the writer stops for a moment: not key by key, since each render also makes
# Chromium parse and lay out the page, on the same two cores as the window). One render runs
# at a time while the keys keep coming: the render process then never takes both cores from the
# window. A writer who never pauses still sees the preview follow: once the last render ended
# MIN_REFRESH ago and REFRESH_PER_RENDER times as long ago as it took (renders then take at most a
# fifth of the typing time, whatever the machine's load), the next key sends the text, to the render
# process's child for renders while typing (a nicer one: it gives way to the keystrokes); the render
# after a pause goes at once to a child at the normal priority, beside it. (A render process without
# that child: after a pause twice as long, the newest text renders beside an older one still
# running.) Rendering in a thread of the window's process holds the interpreter lock against
# typing: then the pause is longer and there is no refresh. When a render takes longer than the
# writer's usual gap between keys (the median of the last RHYTHM_KEYS), a gap of that length is the
# rhythm of the typing, not a pause: the pause is then at least RHYTHM_PAUSE times it (a fast typist
# in a long post would otherwise have a render started in every gap). A render's time here is the
# whole of it: the render process's, then the view's until it shows the page (Chromium parses the new
# page and compares it with the one shown: on a fast machine as long as the render itself).
MIN_PAUSE_MS = 15
ELSEWHERE_PAUSE_PER_RENDER = 0.4
ELSEWHERE_MAX_PAUSE_MS = 150
IN_PROCESS_PAUSE_PER_RENDER = 1.5
IN_PROCESS_MAX_PAUSE_MS = 200
MIN_REFRESH_MS = 500
REFRESH_PER_RENDER = 4.0
RHYTHM_KEYS = 8
RHYTHM_PAUSE = 1.5
LONGEST_GAP_S = 1.0  # a longer one is a stop, not the rhythm

ImageSource = Callable[[str], "tuple[str, bytes] | None"]


def register_schemes() -> None:
    """Register `ktav-image:` with Chromium; call before the QApplication is created."""
    try:
        from editor.ui.preview.web import register_image_scheme
    except ImportError:
        return
    register_image_scheme()


def create_preview_view(images: ImageSource, open_external: Callable[[QUrl], object] | None = None,
                        parent: QWidget | None = None) -> QWidget:
    """The Chromium preview, or the QTextBrowser one where QtWebEngine cannot be imported."""
    open_external = open_external or QDesktopServices.openUrl
    try:
        from editor.ui.preview.web import WebPreview
    except ImportError:
        from editor.ui.preview.text_view import TextPreview

        return TextPreview(images, open_external, parent)
    return WebPreview(images, open_external, parent)


class LivePreview(QObject):
    """Keeps a preview view in step with the editor: debounced, rendered off the UI thread.

    `rendered(generation)` once the view shows the text of that generation;
    `resultReady(result)` with the core's Rendered (warnings, counts) of each shown render.
    """

    rendered = Signal(int)
    resultReady = Signal(object)
    renderFailed = Signal(str)  # a bug in rendering: what it said

    def __init__(self, view: QWidget, render: Callable = render_preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._renders_elsewhere = getattr(render, "renders_elsewhere", False)
        concurrency = getattr(render, "children", 1) if self._renders_elsewhere else 1
        typing_render = getattr(render, "while_typing", None) if self._renders_elsewhere else None
        self._has_typing_lane = typing_render is not None
        self._worker = RenderWorker(render, parent=self, concurrency=concurrency, typing_render=typing_render,
                                    follow=self._renders_elsewhere)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(lambda _generation, error: self.renderFailed.emit(str(error)))
        self._timer = QTimer(self, singleShot=True, interval=MIN_PAUSE_MS)
        self._timer.timeout.connect(self._on_pause)
        self._last_edit = 0.0  # time.monotonic() of the newest text
        self._gaps: deque[float] = deque(maxlen=RHYTHM_KEYS)  # seconds between the newest edits
        self._unsent_since: float | None = None  # when the text first changed since the last render request
        self._text = ""
        self._context: PreviewContext | None = None
        self._handed: dict[int, float] = {}  # generation → when its render was handed to the view
        self._view_ms = 0.0  # how long the view took to show the last render it was handed
        self.shown_generation = 0  # the newest generation the view has shown
        view.rendered.connect(self._shown)
        view.rendered.connect(self.rendered)

    def _shown(self, generation: int) -> None:
        self.shown_generation = max(self.shown_generation, generation)
        handed = self._handed.pop(generation, None)
        if handed is not None:
            self._view_ms = (time.perf_counter() - handed) * 1000
        for older in [g for g in self._handed if g < generation]:
            del self._handed[older]

    def render_cost_ms(self) -> float:
        """The last render's time and the view's to show it: what one more render costs."""
        return self._worker.last_duration_ms + self._view_ms

    @property
    def latest_generation(self) -> int:
        return self._worker.latest_generation

    @property
    def waiting(self) -> bool:
        """A newer text is waiting for its debounce or its render."""
        return self._timer.isActive() or self._worker.busy

    def update(self, text: str, context: PreviewContext, *, immediately: bool = False) -> None:
        self._text = text
        self._context = context
        now = time.monotonic()
        if now - self._last_edit < LONGEST_GAP_S:
            self._gaps.append(now - self._last_edit)
        self._last_edit = now
        if self._unsent_since is None:
            self._unsent_since = now
        if immediately:
            self._timer.stop()
            self._send(alongside=True)
        elif self._due_for_refresh(now):
            self._timer.stop()
            self._send(alongside=False, typing=True)
        else:
            self._timer.start(self.pause_ms())

    def pause_ms(self) -> int:
        """How long the typing must stop before the text is rendered (grows with the last render's time)."""
        per_render, longest = ((ELSEWHERE_PAUSE_PER_RENDER, ELSEWHERE_MAX_PAUSE_MS) if self._renders_elsewhere
                               else (IN_PROCESS_PAUSE_PER_RENDER, IN_PROCESS_MAX_PAUSE_MS))
        took = self.render_cost_ms()
        pause = max(MIN_PAUSE_MS, per_render * took)
        if self._gaps:
            rhythm = statistics.median(self._gaps) * 1000
            if took > rhythm:
                pause = max(pause, RHYTHM_PAUSE * rhythm)
        return round(min(longest, pause))

    def _due_for_refresh(self, now: float) -> bool:
        """The keys keep coming, but the text has waited long enough: render it (one render at a time)."""
        if not self._renders_elsewhere or self._worker.running or self._unsent_since is None:
            return False
        idle, took = self._worker.idle_since_last_job
        waited_ms = (now - self._unsent_since) * 1000
        cost_ms = took * 1000 + self._view_ms
        return waited_ms >= MIN_REFRESH_MS and idle * 1000 >= max(MIN_REFRESH_MS, REFRESH_PER_RENDER * cost_ms)

    def _on_pause(self) -> None:
        """The typing stopped for pause_ms(): render the text now, or once the running render ends.
        Now beside a render made while typing (it has a child of its own); beside any other only if
        the pause lasts twice as long (renders in another process)."""
        if self._unsent_since is not None:
            self._send(alongside=self._has_typing_lane and self._worker.only_typing_renders_running)
        if not (self._renders_elsewhere and not self._has_typing_lane and self._worker.waiting_to_start):
            return
        paused_ms = (time.monotonic() - self._last_edit) * 1000
        if paused_ms >= 2 * self.pause_ms() - 1:
            self._worker.start_waiting_alongside()
        else:
            self._timer.start(max(1, 2 * self.pause_ms() - round(paused_ms)))

    def start_over(self, text: str, context: PreviewContext) -> None:
        """Show another post: from the top of its page, at once."""
        self.view.start_over()
        self.update(text, context, immediately=True)

    def wait_for_done(self, msecs: int = 5000) -> bool:
        """Wait for the renders still running (before the window closes)."""
        return self._worker.wait_for_done(msecs)

    def follow_line(self, line: int) -> None:
        self.view.scroll_to_line(line)

    def _send(self, alongside: bool, typing: bool = False) -> None:
        if self._context is not None:
            self._unsent_since = None
            self._worker.request(self._text, self._context, alongside=alongside, typing=typing)

    def _on_ready(self, generation: int, result: PreviewResult) -> None:
        self._handed[generation] = time.perf_counter()
        self.view.show_result(generation, result)
        self.resultReady.emit(result)
