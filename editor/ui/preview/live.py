"""The live preview: a Chromium view when QtWebEngine is there, else Qt's rich text, fed by a worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from editor.core.preview.page import PreviewContext, PreviewResult, render_preview
from editor.ui.preview.render_worker import RenderWorker

# How long to wait after a keystroke before rendering. Rendering in another process costs the
# window nothing, so it starts almost at once. Rendering in a thread of the window's process holds
# the interpreter lock against typing: then wait about as long as the last render took (within
# bounds), so a long post is not rendered between keys.
MIN_DEBOUNCE_MS = 15
MAX_DEBOUNCE_MS = 200
DEBOUNCE_PER_RENDER_MS = 1.5

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
        self._worker = RenderWorker(render, parent=self, concurrency=concurrency)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(lambda _generation, error: self.renderFailed.emit(str(error)))
        self._timer = QTimer(self, singleShot=True, interval=MIN_DEBOUNCE_MS)
        self._timer.timeout.connect(self._send)
        self._text = ""
        self._context: PreviewContext | None = None
        view.rendered.connect(self.rendered)

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
        if immediately:
            self._timer.stop()
            self._send()
        elif self._renders_elsewhere:
            self._timer.start(MIN_DEBOUNCE_MS)
        else:
            wait = DEBOUNCE_PER_RENDER_MS * self._worker.last_duration_ms
            self._timer.start(round(min(MAX_DEBOUNCE_MS, max(MIN_DEBOUNCE_MS, wait))))

    def start_over(self, text: str, context: PreviewContext, *, from_top: bool = True) -> None:
        """Show another post: its page anew, at once, from the top (or, for the same post changed
        elsewhere, where the reader is)."""
        self.view.start_over(from_top=from_top)
        self.update(text, context, immediately=True)

    def wait_for_done(self, msecs: int = 5000) -> bool:
        """Wait for the renders still running (before the window closes)."""
        return self._worker.wait_for_done(msecs)

    def follow_line(self, line: int) -> None:
        self.view.scroll_to_line(line)

    def _send(self) -> None:
        if self._context is not None:
            self._worker.request(self._text, self._context)

    def _on_ready(self, generation: int, result: PreviewResult) -> None:
        self.view.show_result(generation, result)
        self.resultReady.emit(result)
